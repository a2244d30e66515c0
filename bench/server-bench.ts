/**
 * Server benchmark: `npm run bench:server` (never part of the test suite).
 *
 * Starts the real server in a child process (so the load generator does not share its CPU core)
 * on SQLite in a temp dir, and also on PostgreSQL when DATABASE_URL or TEST_DATABASE_URL is set.
 * N paired devices push sale batches over real HTTP with keep-alive; the seed's per-sale legacy
 * /legacy/<key>/sale-notification path is measured beside it. Prints a table and writes JSON to
 * bench/results/server-<date>.json.
 *
 * Phases per database:
 *  1. saturation — every device pushes its batches back to back (closed loop): the most sale
 *     lines per second the server ingests, and the push latency when 200 devices queue at once.
 *  2. target rate — every device pushes one batch on a fixed schedule so that together they offer
 *     TARGET_LINES_PER_S (default 10,000 lines/s): the latency a store chain sees at that load,
 *     measured from the scheduled send time (no coordinated omission).
 *  3. legacy — LEGACY_CONCURRENCY clients post one notification per sale, as the prototype does.
 *
 * Options (env or --name=value): DEVICES=200 BRANCHES=10 SALES_PER_BATCH=50 BATCHES=3
 * TARGET_LINES_PER_S=10000 RATE_SECONDS=10 LEGACY_REQUESTS=5000 LEGACY_CONCURRENCY=50 ONLY=sqlite|postgres|seed
 * RECONNECTS=500 (tablets reconnecting within 1 s during a second target-rate phase; 0: none), each pulling its
 * stock from where it stood before the phase; RECONNECT_FULL_PULL=1: each pulls its branch's whole stock instead
 * PRELOAD_MOVEMENTS=0 (or --preload-movements=N: the ledger filled first, bench/preload-ledger.ts)
 * BENCH_SERVER_NODE_ARGS (extra node flags for the server process, e.g. --cpu-prof), BENCH_SERVER_DEBUG=1 (the
 * server prints its event-loop use and group-commit sizes once a second).
 *
 * Each phase also reports the server process's CPU time per request (all its threads, from /proc
 * on Linux): steadier between runs than the latencies on a shared machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import {
  DETAILED_PUSH_ANSWER,
  PUSH_ANSWER_HEADER,
  syncPath,
  type PairResponse,
  type ProductDoc,
  type ProductsPullResponse,
  type PushResult,
} from '../shared/protocol';
import { issuePairingCode } from '../server/auth/pairing';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/database';
import { DEMO_BRANCH_ID } from '../server/db/seed-demo';
import { issueLegacyKey } from '../server/legacy/legacy-keys';
import { createLogger } from '../server/logger';
import { startServer } from '../server/start-server';
import { makeSale } from '../server/test/test-server';
import { agent, call, connectionRetries, pool } from './bench-http';
import { legacyPhase } from './legacy-phase';
import { addBenchCatalogue, preloadLedger } from './preload-ledger';
import { consoleTimings, firstPull, type ConsoleTimings } from './preload-measures';
import { caughtUp, reconnectBurst } from './reconnect-phase';
import { seedCentralMissing, startSeedCentral } from './seed-central';
import { phaseClock, round, summarise, type PhaseResult, type ServerUnderTest } from './phase-result';
import { processCpuMs } from './proc-cpu';
import { countPostgresRoundTrips, postgresCpuMeter, roundTripSnapshot } from './server-stats';

const HERE = path.dirname(fileURLToPath(import.meta.url));

function option(name: string, fallback: number): number;
function option(name: string, fallback: string): string;
function option(name: string, fallback: number | string): number | string {
  const flag = process.argv.find((a) => a.startsWith(`--${name.toLowerCase().replace(/_/g, '-')}=`));
  const raw = flag ? flag.slice(flag.indexOf('=') + 1) : process.env[name];
  if (raw === undefined || raw === '') return fallback;
  return typeof fallback === 'number' ? Number(raw) : raw;
}

/** The --name=value options, passed on to the server child, which reads the same settings. */
const optionFlags = process.argv.filter((a) => /^--[a-z-]+=/.test(a));

const settings = {
  devices: option('DEVICES', 200),
  branches: option('BRANCHES', 10),
  preloadMovements: option('PRELOAD_MOVEMENTS', 0),
  reconnects: option('RECONNECTS', 500),
  reconnectFullPull: option('RECONNECT_FULL_PULL', 0) === 1,
  products: option('PRODUCTS', option('PRELOAD_MOVEMENTS', 0) > 0 ? 20_000 : 500),
  salesPerBatch: option('SALES_PER_BATCH', 50),
  batches: option('BATCHES', 3),
  targetLinesPerS: option('TARGET_LINES_PER_S', 10_000),
  rateSeconds: option('RATE_SECONDS', 10),
  legacyRequests: option('LEGACY_REQUESTS', 5000),
  legacyConcurrency: option('LEGACY_CONCURRENCY', 50),
  only: option('ONLY', ''),
};

// ---------------------------------------------------------------------------------------------
// The server side (child process): start, add a realistic catalogue, hand out codes, wait.

interface Hello {
  url: string;
  codes: { branchId: string; code: string }[];
  legacyKey: string;
  databaseVersion: string;
  preloaded: { movements: number; sales: number };
  /** For the new tablet whose first pull is measured. */
  newTabletCode: string;
}

async function serve(): Promise<void> {
  const kind = process.env.BENCH_KIND === 'postgres' ? 'postgres' : 'sqlite';
  const dataDir = process.env.BENCH_DATA_DIR ?? os.tmpdir();
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? '';
  if (kind === 'postgres') countPostgresRoundTrips();
  // express-rate-limit counts a request when it starts and forgets it only when it succeeds, so 20
  // pairings in flight at once from one address trip the failed-pairing limit (10) without any
  // failure; the benchmark pairs its devices from one address.
  const config = loadConfig(
    {},
    {
      port: '0',
      host: '127.0.0.1',
      logLevel: 'silent',
      dataDir,
      databaseUrl: kind === 'postgres' ? databaseUrl : '',
      clientDir: path.join(dataDir, 'no-client'),
      pairLimitPerIp: '100000',
    },
  );
  const db =
    kind === 'postgres'
      ? openDatabase({ kind, databaseUrl, pgSchema: process.env.BENCH_SCHEMA!, poolSize: 10 })
      : openDatabase({ kind, sqliteFile: config.sqliteFile });
  const running = await startServer(config, createLogger('silent'), { db });

  const now = new Date().toISOString();
  const branchIds = [DEMO_BRANCH_ID];
  for (let b = 2; b <= settings.branches; b++) {
    const id = `sucursal-${String(b).padStart(3, '0')}`;
    await db
      .insertInto('locations')
      .values({ id, name: `Sucursal ${b}`, kind: 'branch' })
      .execute();
    await db
      .insertInto('branches')
      .values({
        id,
        name: `Sucursal ${b}`,
        location_id: id,
        receipt_prefix: String(b).padStart(3, '0'),
        currency: 'USD',
        created_at: now,
      })
      .execute();
    branchIds.push(id);
  }
  // A grocery-sized catalogue with ample stock everywhere, so the run measures ingest, not oversell handling.
  const branches = await db
    .selectFrom('branches')
    .select(['id', 'location_id as locationId', 'receipt_prefix as receiptPrefix', 'currency'])
    .where('id', 'in', branchIds)
    .execute();
  const productIds = await addBenchCatalogue(db, branches, settings.products);
  const preloaded =
    settings.preloadMovements > 0
      ? await preloadLedger(db, branches, productIds, settings.preloadMovements)
      : { movements: 0, sales: 0 };
  const codes: Hello['codes'] = [];
  for (let d = 0; d < settings.devices; d++) {
    const branchId = branchIds[d % branchIds.length]!;
    codes.push({ branchId, code: (await issuePairingCode(db, branchId, 60)).code });
  }
  const newTabletCode = (await issuePairingCode(db, DEMO_BRANCH_ID, 60)).code;
  const { key } = await issueLegacyKey(db, DEMO_BRANCH_ID);
  const version =
    kind === 'postgres'
      ? ((await sql<{ v: string }>`select version() as v`.execute(db)).rows[0]?.v ?? '?').split(' on ')[0]!
      : `SQLite ${(await sql<{ v: string }>`select sqlite_version() as v`.execute(db)).rows[0]?.v ?? '?'} (better-sqlite3, WAL, synchronous=FULL)`;
  if (process.env.BENCH_SERVER_DEBUG) {
    // Once a second on stderr: how busy the server's event loop was and the sizes of the last group commits.
    const { groupCommitter } = await import('../server/ledger/group-commit');
    const { performance } = await import('node:perf_hooks');
    let elu = performance.eventLoopUtilization();
    setInterval(() => {
      const busy = performance.eventLoopUtilization(elu).utilization;
      elu = performance.eventLoopUtilization();
      process.stderr.write(
        `[server] event loop ${Math.round(busy * 100)}% busy, last groups ${groupCommitter(db).recentGroupSizes.slice(-20).join(',')}\n`,
      );
    }, 1000).unref();
  }
  const hello: Hello = { url: running.url, codes, legacyKey: key, databaseVersion: version, preloaded, newTabletCode };
  process.stdout.write(`${JSON.stringify(hello)}\n`);

  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.stdin.on('end', () => void stop());
  // Commands on stdin, each answered by one JSON line on stdout: "stats", the round trips to
  // PostgreSQL so far; "console", the console's movement queries timed in this process.
  const answer = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (line === 'stats') answer(roundTripSnapshot());
    if (line === 'console') void consoleTimings(db, branches[0]!.locationId, productIds.at(-1)!).then(answer);
  });
}

// ---------------------------------------------------------------------------------------------
// The load side.

interface Device extends PairResponse {
  seq: number;
}

function saleBatch(device: Device, products: ProductDoc[]): { body: string; lines: number } {
  const sales = [];
  let lines = 0;
  for (let s = 0; s < settings.salesPerBatch; s++) {
    const count = 2 + randomInt(2);
    const picked = new Set<number>();
    while (picked.size < count) picked.add(randomInt(products.length));
    device.seq += 1;
    sales.push({
      newDocumentState: makeSale(
        device,
        device.seq,
        [...picked].map((i) => ({ product: products[i]!, quantity: 1 + randomInt(3) })),
      ),
    });
    lines += count;
  }
  return { body: JSON.stringify(sales), lines };
}

const errorSamples = new Set<string>();
function noteError(message: string): void {
  if (errorSamples.size < 5) errorSamples.add(message);
}

function failed(err: unknown): { ok: false; lines: 0 } {
  noteError(
    `push failed: ${err instanceof Error ? `${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}` : String(err)}`,
  );
  return { ok: false, lines: 0 };
}

async function push(
  base: string,
  device: Device,
  batch: { body: string; lines: number },
): Promise<{ ok: boolean; lines: number }> {
  const res = await call(base, 'POST', syncPath('sales', 'push'), batch.body, {
    authorization: `Bearer ${device.token}`,
    [PUSH_ANSWER_HEADER]: DETAILED_PUSH_ANSWER,
  });
  if (res.status !== 200) {
    noteError(`push answered ${res.status}: ${res.text.slice(0, 300)}`);
    return { ok: false, lines: 0 };
  }
  const result = JSON.parse(res.text) as PushResult;
  if (result.rejected.length > 0)
    noteError(
      `push rejected ${result.rejected.length} sale(s), e.g. ${JSON.stringify(result.rejected[0]).slice(0, 300)}`,
    );
  return {
    ok: result.rejected.length === 0 && result.acks.length === settings.salesPerBatch,
    lines: result.rejected.length === 0 ? batch.lines : 0,
  };
}

/** The server child as the load side drives it. */
interface BenchServer extends ServerUnderTest {
  consoleTimings(): Promise<ConsoleTimings>;
}

/** What does not grow with the ledger, measured after the phases (docs/benchmarks.md). */
interface LedgerMeasures {
  preloaded: Hello['preloaded'];
  firstPull: Awaited<ReturnType<typeof firstPull>>;
  console: ConsoleTimings;
}

/** One push of one sale, as a tablet coming back with a sale made offline. */
function oneSale(device: Device, products: ProductDoc[]): string {
  device.seq += 1;
  return JSON.stringify([
    {
      newDocumentState: makeSale(device, device.seq, [{ product: products[randomInt(products.length)]!, quantity: 1 }]),
    },
  ]);
}

/** Reconnect bursts measured, for the report below the table. */
const reconnects: ({ database: string } & Awaited<ReturnType<typeof reconnectBurst>>)[] = [];

/**
 * Every device pushes one batch on a fixed schedule so that together they offer the target rate;
 * latency counts from the scheduled time. `during` runs beside it (given the phase's length in ms).
 */
async function targetRatePhase(
  server: ServerUnderTest,
  devices: Device[],
  products: ProductDoc[],
  label: string,
  during?: (phaseMs: number) => Promise<void>,
): Promise<PhaseResult> {
  const base = server.url;
  const linesPerBatch = settings.salesPerBatch * 2.5;
  const intervalMs = (devices.length * linesPerBatch * 1000) / settings.targetLinesPerS;
  const rounds = Math.max(1, Math.floor((settings.rateSeconds * 1000) / intervalMs));
  // Built before the clock starts: made inside the schedule, the first round's 10,000 sales took
  // the load generator's one thread about 150 ms, and the pushes due meanwhile went out late and
  // were counted as server latency (a run's 11 slowest pushes, README "Server ingest").
  const batches = devices.map((d) => Array.from({ length: rounds }, () => saleBatch(d, products)));
  const latencies: number[] = [];
  let lines = 0;
  let errors = 0;
  const clock = await phaseClock(server);
  const pushes = Promise.all(
    devices.map(async (d, i) => {
      const offset = Math.random() * intervalMs;
      for (let r = 0; r < rounds; r++) {
        const batch = batches[i]![r]!;
        const scheduled = clock.started + offset + r * intervalMs;
        const wait = scheduled - performance.now();
        if (wait > 0) await new Promise((res) => setTimeout(res, wait));
        const result = await push(base, d, batch).catch((err: unknown) => failed(err));
        latencies.push(performance.now() - scheduled);
        lines += result.lines;
        if (!result.ok) errors++;
      }
    }),
  );
  await Promise.all([pushes, during?.(rounds * intervalMs)]);
  return summarise(
    `${label} · target rate: ${devices.length} devices, 1 batch each every ${round(intervalMs / 1000, 2)} s (${settings.targetLinesPerS} lines/s offered)`,
    latencies,
    lines,
    errors,
    clock,
  );
}

async function runAgainst(
  label: string,
  hello: Hello,
  server: BenchServer,
): Promise<{ results: PhaseResult[]; ledger: LedgerMeasures }> {
  const base = hello.url;
  const devices: Device[] = [];
  await pool(hello.codes, 20, async ({ code }, i) => {
    let res = await call(base, 'POST', '/api/devices/pair', JSON.stringify({ code, deviceName: `bench ${i}` }));
    // A pairing that failed on a busy database is retried; its code was not spent.
    for (let attempt = 0; res.status === 500 && attempt < 3; attempt++)
      res = await call(base, 'POST', '/api/devices/pair', JSON.stringify({ code, deviceName: `bench ${i}` }));
    if (res.status !== 201) {
      noteError(`pairing failed: ${res.status} ${res.text}`);
      throw new Error(`pairing failed: ${res.status} ${res.text}\n${[...errorSamples].join('\n')}`);
    }
    devices[i] = { ...(JSON.parse(res.text) as PairResponse), seq: 0 };
  });
  const pulled = await call(base, 'GET', `${syncPath('products', 'pull')}?limit=1000`, undefined, {
    authorization: `Bearer ${devices[0]!.token}`,
  });
  const products = (JSON.parse(pulled.text) as ProductsPullResponse).documents.filter((p) => !p._deleted);
  const results: PhaseResult[] = [];

  // Warm-up: one batch per device, not measured (JIT, statement caches, connections).
  await Promise.all(devices.map((d) => push(base, d, saleBatch(d, products))));

  {
    const batches = devices.map((d) => Array.from({ length: settings.batches }, () => saleBatch(d, products)));
    const latencies: number[] = [];
    let lines = 0;
    let errors = 0;
    const clock = await phaseClock(server);
    await Promise.all(
      devices.map(async (d, i) => {
        for (const batch of batches[i]!) {
          const t = performance.now();
          const r = await push(base, d, batch).catch((err: unknown) => failed(err));
          latencies.push(performance.now() - t);
          lines += r.lines;
          if (!r.ok) errors++;
        }
      }),
    );
    results.push(
      await summarise(
        `${label} · saturation: ${devices.length} devices × ${settings.batches} batches back to back`,
        latencies,
        lines,
        errors,
        clock,
      ),
    );
  }

  results.push(await targetRatePhase(server, devices, products, label));
  results.push(
    await legacyPhase(server, `/legacy/${hello.legacyKey}`, label, {
      requests: settings.legacyRequests,
      concurrency: settings.legacyConcurrency,
      noteError,
    }),
  );
  if (settings.reconnects > 0) {
    let burst: Awaited<ReturnType<typeof reconnectBurst>> | undefined;
    // A tablet coming back pulls what changed since its checkpoint (RECONNECT_FULL_PULL=1: its whole stock).
    const checkpoints = settings.reconnectFullPull ? null : await caughtUp(base, devices);
    const reconnecting = devices.map((d) => ({
      token: d.token,
      since: checkpoints?.get(d.branch.locationId) ?? null,
      pushBody: () => oneSale(d, products),
    }));
    results.push(
      await targetRatePhase(server, devices, products, `${label} · reconnect`, async (phaseMs) => {
        await new Promise((r) => setTimeout(r, phaseMs / 3));
        burst = await reconnectBurst(base, reconnecting, settings.reconnects, 1000, () => processCpuMs(server.pid));
      }),
    );
    reconnects.push({ database: label, ...burst! });
  }
  const ledger = {
    preloaded: hello.preloaded,
    firstPull: await firstPull(base, hello.newTabletCode),
    console: await server.consoleTimings(),
  };
  return { results, ledger };
}

async function startChild(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; hello: Hello; server: BenchServer }> {
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server process.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', fileURLToPath(import.meta.url), '--serve', ...optionFlags],
    {
      env: { ...process.env, ...env, NODE_ENV: 'production' },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = readline.createInterface({ input: child.stdout! });
  const hello = await new Promise<Hello>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server process exited with ${code} before it was ready`)));
    lines.once('line', (line) => resolve(JSON.parse(line) as Hello));
  });
  // Every later line answers one command, in order.
  const waiting: ((answer: unknown) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(JSON.parse(line)));
  const ask = <T>(command: 'stats' | 'console') =>
    new Promise<T>((resolve) => {
      waiting.push(resolve as (answer: unknown) => void);
      child.stdin!.write(`${command}\n`);
    });
  const stats = () => ask<Record<string, number>>('stats');
  return { child, hello, server: { url: hello.url, pid: child.pid!, stats, consoleTimings: () => ask('console') } };
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdin?.end();
  await exited;
}

/** The seed's own central on the same machine, under the same legacy load (when python3 can run it). */
async function seedComparison(): Promise<{ database: string; version: string; results: PhaseResult[] }[]> {
  const missing = seedCentralMissing();
  if (missing) {
    console.log(`The seed's central is not measured: ${missing}.`);
    return [];
  }
  const seed = await startSeedCentral();
  try {
    const result = await legacyPhase(seed.server, '', "Seed's central", {
      requests: settings.legacyRequests,
      concurrency: settings.legacyConcurrency,
      noteError,
    });
    return [{ database: "Seed's central", version: 'CentralAPI.py (FastAPI, uvicorn, in memory)', results: [result] }];
  } finally {
    await seed.stop();
  }
}

async function main(): Promise<void> {
  const loadAverageAtStart = os.loadavg();
  const all: { database: string; version: string; results: PhaseResult[]; ledger?: LedgerMeasures }[] = [];
  if (settings.only === '' || settings.only === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecomarket-bench-'));
    const { child, hello, server } = await startChild({ BENCH_KIND: 'sqlite', BENCH_DATA_DIR: dir });
    try {
      all.push({
        database: 'SQLite',
        version: hello.databaseVersion,
        ...(await runAgainst('SQLite', hello, server)),
      });
    } finally {
      await stopChild(child);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const databaseUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL || '';
  if (databaseUrl && (settings.only === '' || settings.only === 'postgres')) {
    const schema = `bench_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    try {
      // The server's connections carry this name, so PostgreSQL's CPU for them can be told apart (server-stats.ts).
      const applicationName = `ecomarket-${schema}`;
      const { child, hello, server } = await startChild({
        BENCH_KIND: 'postgres',
        BENCH_DATABASE_URL: databaseUrl,
        BENCH_SCHEMA: schema,
        PGAPPNAME: applicationName,
      });
      const pgCpu = postgresCpuMeter(databaseUrl, applicationName);
      try {
        all.push({
          database: 'PostgreSQL',
          version: hello.databaseVersion,
          ...(await runAgainst('PostgreSQL', hello, { ...server, pgCpu: () => pgCpu.sample() })),
        });
      } finally {
        await pgCpu.close();
        await stopChild(child);
      }
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  }

  if (settings.only === '' || settings.only === 'seed') all.push(...(await seedComparison()));

  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '?',
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
  const header = [
    'phase',
    'requests',
    'sale lines',
    's',
    'lines/s',
    'req/s',
    'p50 ms',
    'p99 ms',
    'max ms',
    'errors',
    'server CPU ms/req',
    'PG trips/req',
    'PG CPU ms/req',
    "PG CPU ms/req, server's conns",
  ];
  const rows = all.flatMap((d) =>
    d.results.map((r) =>
      [
        r.phase,
        r.requests,
        r.lines,
        r.seconds,
        r.linesPerS,
        r.requestsPerS,
        r.p50Ms,
        r.p99Ms,
        r.maxMs,
        r.errors,
        r.serverCpuMsPerRequest ?? '–',
        r.roundTripsPerRequest ?? '–',
        r.pgCpuMsPerRequest ?? '–',
        r.pgOwnCpuMsPerRequest ?? '–',
      ].map(String),
    ),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' │ ');
  console.log(
    `\nEcoMarket server benchmark — ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}`,
  );
  for (const d of all) console.log(`  ${d.database}: ${d.version}`);
  console.log(
    `  load average (1/5/15 min) at start ${loadAverageAtStart.map((l) => l.toFixed(1)).join(' / ')}, at end ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (other work on the machine)`,
  );
  console.log(
    `  ${settings.devices} devices in ${settings.branches} branches, ${settings.salesPerBatch} sales × 2–3 lines per push, ${settings.products} extra products\n`,
  );
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
  for (const r of rows) console.log(line(r));
  for (const r of reconnects)
    console.log(
      `\n${r.database}, ${r.connections} tablets reconnecting within 1 s during the target rate (stream, ${settings.reconnectFullPull ? 'whole-stock pull' : 'pull since its checkpoint'}, push each): first answer p50 / p99 / max ${r.p50Ms} / ${r.p99Ms} / ${r.maxMs} ms (stream ${r.streamMs.join(' / ')}, pull ${r.pullMs.join(' / ')}), ${r.errors} errors (the target rate's own row: "reconnect")\n  burst ${r.seconds} s, ${r.levelsPerPull} stock levels a pull, server CPU ${r.serverCpuMsPerReconnect ?? '–'} ms per reconnect (everything the server did meanwhile, divided by the tablets)`,
    );
  for (const d of all) {
    if (!d.ledger) continue;
    const { preloaded, firstPull: pull, console: c } = d.ledger;
    console.log(
      `\n${d.database}, ledger preloaded with ${preloaded.movements.toLocaleString('en')} movements and ${preloaded.sales.toLocaleString('en')} sales:\n` +
        `  a new tablet's first pull: ${pull.products.toLocaleString('en')} products and ${pull.stockLevels.toLocaleString('en')} stock levels in ${pull.seconds} s\n` +
        `  console movement list (a branch's and the chain's first page) p50 / p95: ${c.movementListP50Ms} / ${c.movementListP95Ms} ms\n` +
        `  a product's history page at a branch p50 / p95: ${c.productHistoryP50Ms} / ${c.productHistoryP95Ms} ms`,
    );
  }

  const resultsDir = path.join(HERE, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().slice(0, 16).replace(':', '-');
  const file = path.join(resultsDir, `server-${stamp}.json`);
  fs.writeFileSync(
    file,
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        machine,
        loadAverageAtStart,
        loadAverageAtEnd: os.loadavg(),
        settings,
        connectionRetries: connectionRetries(),
        reconnects,
        databases: all,
        errorSamples: [...errorSamples],
      },
      null,
      2,
    )}\n`,
  );
  console.log(`Connections reset by the server and retried once: ${connectionRetries()}`);
  if (errorSamples.size > 0)
    console.log(`\nErrors seen (first ${errorSamples.size}):\n${[...errorSamples].map((e) => `  ${e}`).join('\n')}`);
  console.log(`\nWritten to ${path.relative(process.cwd(), file)}`);
  agent.destroy();
}

if (process.argv.includes('--serve')) await serve();
else await main();
