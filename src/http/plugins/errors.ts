// One error handler for the whole API: `{ error, code?, details? }`. Validation failures
// name the field; 5xx text is never sent to the client, only logged with the request id.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../../shared/errors.js';

type FieldProblem = { field: string; message: string };

function describeField(context: string | undefined, instancePath: string): string {
  const field = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  if (field) return field;
  return context === 'body' ? 'body' : (context ?? 'request');
}

/** A message that names the field, unless the schema's message already does (seed wording). */
function phrase(p: FieldProblem): string {
  const last = p.field.split('.').pop() ?? p.field;
  return p.message.includes(last) ? p.message : `${p.field}: ${p.message}`;
}

const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'Malformed JSON in request body',
  FST_ERR_CTP_EMPTY_JSON_BODY: "Body cannot be empty when content-type is set to 'application/json'",
  FST_ERR_CTP_BODY_TOO_LARGE: 'Request body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported Content-Type',
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const problems = error.validation.map((v) => ({
        field: describeField(error.validationContext, v.instancePath),
        message: v.message ?? 'is invalid',
      }));
      return reply.status(400).send({ error: problems.map(phrase).join('; '), code: 'VALIDATION', details: problems });
    }
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      const body: Record<string, unknown> = { error: error.status >= 500 ? 'Internal server error' : error.message, code: error.code };
      if (error.details !== undefined && error.status < 500) body.details = error.details;
      return reply.status(error.status).send(body);
    }
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(status).send({ error: 'Internal server error', code: 'INTERNAL', requestId: request.id });
    }
    const message =
      (error.code && FASTIFY_MESSAGES[error.code]) || error.message || (error as { error?: string }).error || 'Request failed';
    return reply.status(status).send({ error: message, code: error.code ?? 'ERROR' });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: `Route ${request.method} ${request.url.split('?')[0]} not found`, code: 'ROUTE_NOT_FOUND' });
  });
}
