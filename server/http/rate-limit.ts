import type { Request, RequestHandler } from 'express';
import { rateLimit, type ClientRateLimitInfo, type IncrementResponse, type Store } from 'express-rate-limit';
import type { Db } from '../db/database';
import { ApiError } from './api-error';

const WINDOW_MS = 15 * 60_000;

/**
 * express-rate-limit's counters kept in the database (table failed_attempts), so that server
 * instances sharing a PostgreSQL database count together (a guesser gains nothing by being
 * balanced across them) and a restart does not wipe the counts. Fixed windows started by a key's
 * first attempt; every attempt is counted with one atomic upsert and a success gives its hit back
 * (skipSuccessfulRequests), so only failures add up.
 */
export class DatabaseAttemptStore implements Store {
  readonly localKeys = false;
  private lastSweepMs = 0;

  constructor(
    private readonly db: Db,
    readonly prefix: string,
    private readonly windowMs = WINDOW_MS,
  ) {}

  async increment(key: string): Promise<IncrementResponse> {
    const now = Date.now();
    const row = await this.db
      .insertInto('failed_attempts')
      .values({ key: this.stored(key), hits: 1, reset_at_ms: now + this.windowMs })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          hits: eb
            .case()
            .when('failed_attempts.reset_at_ms', '<=', now)
            .then(1)
            .else(eb('failed_attempts.hits', '+', 1))
            .end(),
          reset_at_ms: eb
            .case()
            .when('failed_attempts.reset_at_ms', '<=', now)
            .then(now + this.windowMs)
            .else(eb.ref('failed_attempts.reset_at_ms'))
            .end(),
        })),
      )
      .returning(['hits', 'reset_at_ms'])
      .executeTakeFirstOrThrow();
    await this.sweep(now);
    return { totalHits: Number(row.hits), resetTime: new Date(Number(row.reset_at_ms)) };
  }

  async decrement(key: string): Promise<void> {
    await this.db
      .updateTable('failed_attempts')
      .set((eb) => ({ hits: eb('hits', '-', 1) }))
      .where('key', '=', this.stored(key))
      .where('hits', '>', 0)
      .execute();
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await this.db
      .selectFrom('failed_attempts')
      .select(['hits', 'reset_at_ms'])
      .where('key', '=', this.stored(key))
      .executeTakeFirst();
    if (!row || Number(row.reset_at_ms) <= Date.now()) return undefined;
    return { totalHits: Number(row.hits), resetTime: new Date(Number(row.reset_at_ms)) };
  }

  async resetKey(key: string): Promise<void> {
    await this.db.deleteFrom('failed_attempts').where('key', '=', this.stored(key)).execute();
  }

  /** The key as a row key: U+0000 (which PostgreSQL cannot store) written as \u0000, so such a key counts too. */
  private stored(key: string): string {
    return (this.prefix + key).replaceAll('\u0000', '\\u0000');
  }

  /** Forgets ended windows, at most once a minute per store, so keys seen once do not pile up. */
  private async sweep(now: number): Promise<void> {
    if (now - this.lastSweepMs < 60_000) return;
    this.lastSweepMs = now;
    await this.db.deleteFrom('failed_attempts').where('reset_at_ms', '<=', now).execute();
  }
}

/**
 * Failed attempts per key per 15 minutes, then 429 with Retry-After. Only failures count, so a
 * shop pairing twenty tablets or a manager signing in all day is never slowed; guessing is.
 * Counted in the database (DatabaseAttemptStore): every server instance sees the same count.
 */
export function failedAttemptLimit(options: {
  db: Db;
  limit: number;
  what: string;
  key?: (req: Request) => string;
}): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: options.limit,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new DatabaseAttemptStore(options.db, `${options.what}:`),
    // Without TRUST_PROXY the header is ignored on purpose (app.ts), not a misconfiguration to warn about.
    validate: { xForwardedForHeader: false },
    ...(options.key ? { keyGenerator: options.key } : {}),
    handler: (req, res, next) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + WINDOW_MS) - Date.now()) / 1000));
      res.setHeader('Retry-After', String(seconds));
      next(
        new ApiError(
          'RATE_LIMITED',
          `Too many failed ${options.what} attempts. Wait ${Math.ceil(seconds / 60)} minute(s) and try again.`,
        ),
      );
    },
  });
}
