import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ERROR_CODES, type ApiErrorBody, type ErrorCode } from '../../shared/protocol/api-error';
import { pushRequestSchema } from '../../shared/protocol/push-result';
import { NUL_MESSAGE, nulPaths } from '../../shared/text/nul-character';

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

/**
 * Parses with a zod schema or throws a 400 that names every wrong field. Text holding U+0000 is
 * refused here for every body and query alike (nul-character.ts), except in push batches, whose
 * rows are checked one by one by their ingest so that one bad row refuses only itself (SPEC S2).
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const withNul = (schema as z.ZodType) === pushRequestSchema ? [] : nulPaths(value);
  const result = schema.safeParse(value);
  if (result.success && withNul.length === 0) return result.data;
  const details = [
    ...withNul.map((path) => ({ path, message: NUL_MESSAGE })),
    ...(result.success ? [] : result.error.issues).map((i) => ({
      path: i.path.join('.') || '(root)',
      message: i.message,
    })),
  ];
  throw new ApiError(
    'BAD_REQUEST',
    `The ${what} is not valid: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
    details,
  );
}

/** The code for a client error raised outside our routes (body parser, static files, Express's own param decoding). */
function codeOfClientStatus(status: number): ErrorCode {
  const same = (Object.keys(ERROR_CODES) as ErrorCode[]).find((c) => ERROR_CODES[c] === status);
  return same ?? 'BAD_REQUEST';
}

/**
 * The one error shape `{error: {code, message, details?}}`; under /legacy/<key> the seed's
 * FastAPI shape `{detail}` instead, since the seed's clients read that.
 */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let body: ApiErrorBody;
    let status: number;
    const clientStatus = Number(err?.status ?? err?.statusCode);
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
    } else if (err instanceof URIError) {
      // Express decoding a path parameter such as %FF.
      status = 400;
      body = {
        error: {
          code: 'BAD_REQUEST',
          message:
            'The address has a malformed percent-encoding (a % must be followed by two hex digits of valid UTF-8); correct the link and try again.',
        },
      };
    } else if (clientStatus === 404) {
      // express.static with fallthrough: false (a missing hashed asset, e.g. after an update).
      status = 404;
      body = {
        error: {
          code: 'NOT_FOUND',
          message: `There is no file ${req.originalUrl}. Reload the app to get the current version.`,
        },
      };
    } else if (clientStatus >= 400 && clientStatus < 500) {
      const code = codeOfClientStatus(clientStatus);
      status = ERROR_CODES[code];
      body = {
        error: { code, message: `The request was refused (${err?.message ?? status}); correct it and try again.` },
      };
    } else {
      status = 500;
      // A legacy URL carries the branch's key: log it without.
      const url = req.originalUrl.replace(/^\/legacy\/[^/?]*/, '/legacy/<key>');
      logger.error({ err, method: req.method, url }, 'unhandled error');
      body = {
        error: {
          code: 'INTERNAL',
          message:
            'The server failed to handle this request. Nothing was changed; try again, and tell the operator if it keeps happening.',
        },
      };
    }
    if (res.headersSent) return;
    if (req.originalUrl.startsWith('/legacy/')) res.status(status).json({ detail: body.error.message });
    else res.status(status).json(body);
  };
}
