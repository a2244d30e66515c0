import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ERROR_CODES, type ApiErrorBody, type ErrorCode } from '../../shared/protocol/api-error';

/** The one error type route code throws; the middleware below turns it into status and body. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}

/** Parses with a zod schema or throws a 400 that names every wrong field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
  throw new ApiError(
    'BAD_REQUEST',
    `The ${what} is not valid: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
    details,
  );
}

export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let body: ApiErrorBody;
    let status: number;
    if (err instanceof ApiError) {
      status = err.status;
      body = { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
    } else if (err?.type === 'entity.too.large') {
      status = 413;
      body = {
        error: {
          code: 'PAYLOAD_TOO_LARGE',
          message: `The request body is larger than the ${err.limit} bytes allowed; send fewer sales per request.`,
        },
      };
    } else if (
      err?.type === 'entity.parse.failed' ||
      err?.type === 'encoding.unsupported' ||
      err?.type === 'charset.unsupported'
    ) {
      status = 400;
      body = { error: { code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' } };
    } else if (err?.status === 404 || err?.statusCode === 404) {
      // express.static with fallthrough: false (a missing hashed asset, e.g. after an update).
      status = 404;
      body = {
        error: {
          code: 'NOT_FOUND',
          message: `There is no file ${req.originalUrl}. Reload the app to get the current version.`,
        },
      };
    } else {
      status = 500;
      logger.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
      body = {
        error: {
          code: 'INTERNAL',
          message:
            'The server failed to handle this request. Nothing was changed; try again, and tell the operator if it keeps happening.',
        },
      };
    }
    if (res.headersSent) return;
    res.status(status).json(body);
  };
}
