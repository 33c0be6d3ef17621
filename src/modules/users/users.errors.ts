import { AppError, conflict, forbidden, unauthorized } from '../../shared/errors.js';

export const emailTaken = () => conflict('An account with this email already exists', undefined, 'EMAIL_TAKEN');
// One message for unknown email and wrong password: never tell which was wrong.
export const invalidCredentials = () => unauthorized('Invalid email or password', 'INVALID_CREDENTIALS');
export const registrationClosed = () => forbidden('Registration is closed on this server', 'REGISTRATION_CLOSED');
export const userNotFound = () => new AppError(404, 'USER_NOT_FOUND', 'User not found');
