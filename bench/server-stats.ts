import pg from 'pg';

/**
 * Round trips the benchmark's server process makes to PostgreSQL, by the statement's first word
 * (begin, select, insert, savepoint, …). Counted in `pg.Client.prototype.query`, which every
 * Kysely query goes through: one call is one round trip. A ratio (round trips per push) holds
 * under any load, where timings do not.
 */
export const roundTrips = new Map<string, number>();

export function countPostgresRoundTrips(): void {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const config = args[0];
    const text = typeof config === 'string' ? config : ((config as { text?: string } | null)?.text ?? '');
    const word = /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase() ?? '?';
    roundTrips.set(word, (roundTrips.get(word) ?? 0) + 1);
    return original.apply(this, args);
  };
}

/** The counters as a plain object, for the load side to take differences between phases. */
export function roundTripSnapshot(): Record<string, number> {
  return Object.fromEntries(roundTrips);
}

/** after − before, per statement word, and the total under 'all'. */
export function roundTripDelta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const delta: Record<string, number> = {};
  let all = 0;
  for (const [word, n] of Object.entries(after)) {
    const d = n - (before[word] ?? 0);
    if (d > 0) delta[word] = d;
    all += d;
  }
  delta.all = all;
  return delta;
}
