import fs from 'node:fs';
import pg from 'pg';
import { cpuMsOf, postgresProcessesCpuMs, readStat } from './proc-cpu';

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
  // BENCH_PG_AUTO_EXPLAIN=<ms>: each connection of the server logs the plans of its statements that
  // took that long, with timings, buffers and WAL, in PostgreSQL's log (auto_explain; a diagnosis run,
  // slower than a plain one).
  const explainMs = process.env.BENCH_PG_AUTO_EXPLAIN;
  const explaining = new WeakSet<object>();
  proto.query = function (this: object, ...args: unknown[]) {
    if (explainMs && !explaining.has(this)) {
      explaining.add(this);
      // Queued on the client before the caller's query, so it runs first.
      const setup = `load 'auto_explain'; set auto_explain.log_min_duration = ${Number(explainMs)}; set auto_explain.log_analyze = on; set auto_explain.log_buffers = on; set auto_explain.log_wal = on; set auto_explain.log_triggers = on`;
      (original.call(this, setup) as Promise<unknown>).catch(() => undefined);
    }
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

/** CPU time PostgreSQL spent so far, in ms: all of its processes, and only the server's own connections. */
export interface PostgresCpu {
  /** Every `postgres` process on this machine (backends, WAL writer, checkpointer, autovacuum, …), with the ended backends the postmaster reaped. */
  all: number;
  /** Each backend of the server's connections (found by their application_name), by pid: the part other work on PostgreSQL does not add to. */
  own: Record<number, number>;
}

/** CPU ms PostgreSQL spent between two samples; `own` counts only backends alive at the second (a pool's connection closed meanwhile is lost, never negative). */
export function postgresCpuDelta(before: PostgresCpu, after: PostgresCpu): { all: number; own: number } {
  let own = 0;
  for (const [pid, ms] of Object.entries(after.own)) own += ms - (before.own[Number(pid)] ?? 0);
  return { all: after.all - before.all, own };
}

/**
 * PostgreSQL's own CPU on this machine (Linux /proc; null elsewhere or when PostgreSQL runs on
 * another host). The server under test names its connections `applicationName`; their backends
 * are looked up in pg_stat_activity on each sample (the pool may open new ones).
 */
export function postgresCpuMeter(
  databaseUrl: string,
  applicationName: string,
): { sample(): Promise<PostgresCpu | null>; close(): Promise<void> } {
  const client = new pg.Client({ connectionString: databaseUrl });
  const connected = client.connect();
  return {
    async sample() {
      if (!fs.existsSync('/proc/self/stat')) return null;
      await connected;
      const { rows } = await client.query<{ pid: number }>(
        'select pid from pg_stat_activity where application_name = $1',
        [applicationName],
      );
      const all = postgresProcessesCpuMs();
      if (all === null) return null;
      const own: Record<number, number> = {};
      for (const { pid } of rows) {
        const stat = readStat(pid);
        if (stat) own[pid] = cpuMsOf(stat);
      }
      return { all, own };
    },
    async close() {
      await connected.catch(() => undefined);
      await client.end();
    },
  };
}
