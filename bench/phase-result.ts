/** What a benchmark phase measured: latencies, throughput, the server's CPU time and round trips. */
import { percentile } from './bench-http';
import { processCpuMs } from './proc-cpu';
import { postgresCpuDelta, roundTripDelta, type PostgresCpu } from './server-stats';

export interface PhaseResult {
  phase: string;
  requests: number;
  lines: number;
  seconds: number;
  linesPerS: number;
  requestsPerS: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  /** CPU time of the server process (every thread: requests, SQLite, checkpoints, GC) per request; null without /proc. */
  serverCpuMsPerRequest: number | null;
  /**
   * CPU time of PostgreSQL per request: every `postgres` process on the machine (so other work on
   * the database counts too), and the backends of the server's own connections alone; null on SQLite or without /proc.
   */
  pgCpuMsPerRequest: number | null;
  pgOwnCpuMsPerRequest: number | null;
  /** Round trips to PostgreSQL per request (null on SQLite), and all of the phase's by statement word. */
  roundTripsPerRequest: number | null;
  roundTrips: Record<string, number>;
}

/** The server under test, as the load side sees it. */
export interface ServerUnderTest {
  url: string;
  pid: number;
  /** Round trips to PostgreSQL so far by statement word (empty on SQLite). */
  stats(): Promise<Record<string, number>>;
  /** PostgreSQL's CPU so far (absent or null: not PostgreSQL, or no /proc). */
  pgCpu?(): Promise<PostgresCpu | null>;
}

export interface PhaseClock {
  started: number;
  seconds(): number;
  serverCpuMs(): number | null;
  roundTrips(): Promise<Record<string, number>>;
  pgCpuMs(): Promise<{ all: number; own: number } | null>;
}

/** Wall time, the server's CPU time and its round trips to the database since a phase started. */
export async function phaseClock(server: ServerUnderTest): Promise<PhaseClock> {
  const tripsAtStart = await server.stats();
  const pgAtStart = (await server.pgCpu?.()) ?? null;
  const started = performance.now();
  const cpuAtStart = processCpuMs(server.pid);
  return {
    started,
    seconds: () => (performance.now() - started) / 1000,
    serverCpuMs: () => {
      const now = processCpuMs(server.pid);
      return cpuAtStart === null || now === null ? null : now - cpuAtStart;
    },
    roundTrips: async () => roundTripDelta(tripsAtStart, await server.stats()),
    pgCpuMs: async () => {
      const now = (await server.pgCpu?.()) ?? null;
      return pgAtStart === null || now === null ? null : postgresCpuDelta(pgAtStart, now);
    },
  };
}

export async function summarise(
  phase: string,
  latencies: number[],
  lines: number,
  errors: number,
  clock: PhaseClock,
): Promise<PhaseResult> {
  const sorted = [...latencies].sort((a, b) => a - b);
  const seconds = clock.seconds();
  const serverCpuMs = clock.serverCpuMs();
  const trips = await clock.roundTrips();
  const pgCpu = await clock.pgCpuMs();
  const perRequest = (ms: number | null | undefined) =>
    ms === null || ms === undefined || latencies.length === 0 ? null : round(ms / latencies.length, 2);
  return {
    phase,
    requests: latencies.length,
    lines,
    seconds: round(seconds, 2),
    linesPerS: Math.round(lines / seconds),
    requestsPerS: Math.round(latencies.length / seconds),
    p50Ms: round(percentile(sorted, 50), 1),
    p99Ms: round(percentile(sorted, 99), 1),
    maxMs: round(sorted.at(-1) ?? NaN, 1),
    errors,
    serverCpuMsPerRequest: perRequest(serverCpuMs),
    pgCpuMsPerRequest: perRequest(pgCpu?.all),
    pgOwnCpuMsPerRequest: perRequest(pgCpu?.own),
    roundTripsPerRequest: trips.all && latencies.length > 0 ? round(trips.all / latencies.length, 1) : null,
    roundTrips: trips,
  };
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
