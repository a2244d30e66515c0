import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ApiError } from './api-error';

const WINDOW_MS = 15 * 60_000;

/**
 * Failed attempts per key per 15 minutes, then 429 with Retry-After. Only failures count, so a
 * shop pairing twenty tablets or a manager signing in all day is never slowed; guessing is.
 * The store is in memory: with several server instances each one counts on its own (README).
 */
export function failedAttemptLimit(options: { limit: number; what: string; key?: (req: Request) => string }): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: options.limit,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(options.key ? { keyGenerator: options.key } : {}),
    handler: (req, res, next) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + WINDOW_MS) - Date.now()) / 1000));
      res.setHeader('Retry-After', String(seconds));
      next(new ApiError('RATE_LIMITED', `Too many failed ${options.what} attempts. Wait ${Math.ceil(seconds / 60)} minute(s) and try again.`));
    },
  });
}
