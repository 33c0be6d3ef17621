import { z } from 'zod';

export const userSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(['admin', 'user']),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });

const email = z.email('email must be a valid email address').max(254, 'email is too long');
const password = z
  .string({ error: 'password is required' })
  .min(8, 'password must be at least 8 characters')
  .max(256, 'password must be at most 256 characters');

export const registerBody = z.object({
  email,
  password,
  displayName: z.string().trim().min(1, 'displayName cannot be empty').max(80, 'displayName must be at most 80 characters').optional(),
});

export const loginBody = z.object({
  email: z.string({ error: 'email is required' }).min(1, 'email is required').max(254, 'email is too long'),
  password: z.string({ error: 'password is required' }).min(1, 'password is required').max(256, 'password is too long'),
});

export const authResponse = z.object({ token: z.string(), user: userSchema });

export const userSearchQuery = z.object({
  q: z.string().trim().min(1, 'q is required').max(100, 'q is too long'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
