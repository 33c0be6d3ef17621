// Chat attachments on disk under <dataDir>/chat/<conversation>/: streamed in with a size
// limit, typed by their bytes (never by the client's word), and served to members only —
// by bearer token, or by a short-lived signed URL so <img>/<video> tags can load them.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fileTypeFromFile } from 'file-type';
import type { Config } from '../../app/config.js';
import type { Clock } from '../../shared/clock.js';
import { badRequest, rangeNotSatisfiable, tooLarge } from '../../shared/errors.js';
import { parseRange } from '../library/library.media.js';

export const ATTACHMENT_TYPES = ['image', 'video', 'audio'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export type StoredAttachment = { relPath: string; mime: string; size: number; type: AttachmentType };

const URL_TTL_SECONDS = 6 * 3600;

export function createAttachmentStore(config: Pick<Config, 'dataDir' | 'jwtSecret' | 'chatMaxAttachmentBytes'>, clock: Clock) {
  const root = path.join(config.dataDir, 'chat');
  const signature = (messageId: number, exp: number) =>
    createHmac('sha256', config.jwtSecret).update(`chat-attachment:${messageId}:${exp}`).digest('base64url');

  return {
    maxBytes: config.chatMaxAttachmentBytes,

    /** Writes the upload to a temporary file, then keeps it only if its bytes are an image, video or audio file. */
    async save(stream: Readable & { truncated?: boolean }, conversationId: number): Promise<StoredAttachment> {
      const dir = path.join(root, String(conversationId));
      await mkdir(dir, { recursive: true });
      const tmp = path.join(dir, `.upload-${randomBytes(8).toString('hex')}`);
      try {
        await pipeline(stream, createWriteStream(tmp));
      } catch (err) {
        await rm(tmp, { force: true });
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw attachmentTooLarge(config.chatMaxAttachmentBytes);
        throw err;
      }
      if (stream.truncated) {
        await rm(tmp, { force: true });
        throw attachmentTooLarge(config.chatMaxAttachmentBytes);
      }
      const detected = await fileTypeFromFile(tmp).catch(() => undefined);
      const category = detected?.mime.split('/')[0];
      const type = ATTACHMENT_TYPES.find((t) => t === category);
      if (!detected || !type) {
        await rm(tmp, { force: true });
        throw invalidAttachment(`file is not a recognised image, video or audio file${detected ? ` (detected ${detected.mime})` : ''}`);
      }
      const name = `${randomBytes(12).toString('hex')}.${detected.ext}`;
      await rename(tmp, path.join(dir, name));
      const { size } = await stat(path.join(dir, name));
      return { relPath: `${conversationId}/${name}`, mime: detected.mime, size, type };
    },

    async remove(relPath: string) {
      await rm(this.resolve(relPath), { force: true });
    },

    /** Absolute path of a stored attachment; refuses anything that escapes the chat folder. */
    resolve(relPath: string): string {
      const abs = path.resolve(root, relPath);
      if (!abs.startsWith(root + path.sep)) throw new Error(`attachment path escapes the chat folder: ${relPath}`);
      return abs;
    },

    /** A URL valid for a few hours; the expiry is rounded so repeated fetches stay cacheable. */
    signedUrl(messageId: number): string {
      const now = Math.floor(clock.now().getTime() / 1000);
      const exp = Math.ceil((now + URL_TTL_SECONDS) / 3600) * 3600;
      return `/api/chat/attachments/${messageId}?exp=${exp}&sig=${signature(messageId, exp)}`;
    },

    verifySignature(messageId: number, exp: number | undefined, sig: string | undefined): boolean {
      if (!exp || !sig) return false;
      if (exp < clock.now().getTime() / 1000) return false;
      const expected = Buffer.from(signature(messageId, exp));
      const given = Buffer.from(sig);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

export type AttachmentStore = ReturnType<typeof createAttachmentStore>;

export const invalidAttachment = (message: string) => badRequest(message, undefined, 'INVALID_ATTACHMENT');

export const attachmentTooLarge = (max: number) =>
  tooLarge(`file is larger than the ${Number((max / 1024 ** 2).toPrecision(3))} MB limit for chat attachments`, 'ATTACHMENT_TOO_LARGE');

/** Sends a file with single-range support (video/audio seeking needs 206 answers). */
export async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: { path: string; mime: string; name: string | null },
) {
  const { size } = await stat(file.path);
  const span = parseRange(request.headers.range, size);
  if (span === 'unsatisfiable') {
    reply.header('content-range', `bytes */${size}`);
    throw rangeNotSatisfiable(`Range ${request.headers.range} is not satisfiable for ${size} bytes`);
  }
  reply.header('accept-ranges', 'bytes');
  reply.header('content-type', file.mime);
  reply.header('cache-control', 'private, max-age=3600');
  reply.header('x-content-type-options', 'nosniff');
  if (file.name) reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  if (!span) {
    reply.header('content-length', size);
    return reply.send(createReadStream(file.path));
  }
  reply.status(206);
  reply.header('content-range', `bytes ${span.start}-${span.end}/${size}`);
  reply.header('content-length', span.end - span.start + 1);
  return reply.send(createReadStream(file.path, { start: span.start, end: span.end }));
}
