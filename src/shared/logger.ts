// pino, JSON to stdout. Secrets are redacted wherever they appear in a logged object.
import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

export const loggerOptions = (level: string): LoggerOptions => ({
  level,
  redact: {
    paths: [
      'password',
      '*.password',
      'req.headers.authorization',
      'req.headers.cookie',
      'headers.authorization',
      'token',
      '*.token',
    ],
    censor: '[redacted]',
  },
});

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}
