/**
 * What a preloaded ledger must not slow down (docs/benchmarks.md): a new tablet's first pull of
 * the catalogue and its branch's stock over HTTP, and the console's movement queries.
 */
import { sql } from 'kysely';
import { isPostgres } from '../server/db/bulk-insert';
import type { Db } from '../server/db/database';
import { listMovements, productHistoryQuery } from '../server/ledger/movement-queries';
import { syncPath, type Checkpoint, type PairResponse } from '../shared/protocol';
import { call, percentile } from './bench-http';
import { round } from './phase-result';

/** Pairs a new tablet and pulls products, then its branch's stock, page by page (1,000), as the POS does. */
export async function firstPull(
  base: string,
  code: string,
): Promise<{ seconds: number; products: number; stockLevels: number }> {
  const paired = await call(
    base,
    'POST',
    '/api/devices/pair',
    JSON.stringify({ code, deviceName: 'bench new tablet' }),
  );
  if (paired.status !== 201) throw new Error(`the new tablet could not pair: ${paired.status} ${paired.text}`);
  const { token } = JSON.parse(paired.text) as PairResponse;
  const started = performance.now();
  const products = await pullAll(base, 'products', token);
  const stockLevels = await pullAll(base, 'stock', token);
  return { seconds: round((performance.now() - started) / 1000, 2), products, stockLevels };
}

async function pullAll(base: string, collection: 'products' | 'stock', token: string): Promise<number> {
  let checkpoint: Checkpoint = { seq: 0, id: '' };
  let count = 0;
  for (;;) {
    const query = `seq=${checkpoint.seq}&id=${encodeURIComponent(checkpoint.id)}&limit=1000`;
    const res = await call(base, 'GET', `${syncPath(collection, 'pull')}?${query}`, undefined, {
      authorization: `Bearer ${token}`,
    });
    if (res.status !== 200) throw new Error(`${collection} pull answered ${res.status}: ${res.text.slice(0, 200)}`);
    const page = JSON.parse(res.text) as { documents: unknown[]; checkpoint: Checkpoint | null };
    count += page.documents.length;
    if (!page.checkpoint || page.documents.length === 0) return count;
    checkpoint = page.checkpoint;
  }
}

export interface ConsoleTimings {
  movementListP50Ms: number;
  movementListP95Ms: number;
  productHistoryP50Ms: number;
  productHistoryP95Ms: number;
  /** This process's CPU per history page (SQLite's work included; on PostgreSQL only the client's). */
  productHistoryCpuMs: number;
  /** PostgreSQL: shared buffers (hit + read) of the statement(s) of one history page, from EXPLAIN (ANALYZE, BUFFERS). */
  productHistoryBuffers: number | null;
}

/** Shared buffers of the statement of a product's first history page at a location (the chain's walk). */
async function historyBuffers(db: Db, locationId: string, productId: string): Promise<number | null> {
  if (!isPostgres(db)) return null;
  const result = await sql<{ 'QUERY PLAN': [{ Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }] }>`
    explain (analyze, buffers, format json) ${productHistoryQuery(db, locationId, productId, null, 51)}`.execute(db);
  const plan = result.rows[0]!['QUERY PLAN'][0].Plan;
  return plan['Shared Hit Blocks'] + plan['Shared Read Blocks'];
}

/**
 * The console's movement list (a branch manager's first page of 50, then the whole chain's) and a
 * product's history page at a branch, each run `runs` times in the server process, as its route
 * would (bench/console-bench.ts measures the reports the same way).
 */
export async function consoleTimings(
  db: Db,
  locationId: string,
  productId: string,
  runs = 30,
): Promise<ConsoleTimings> {
  const time = async (query: () => Promise<unknown>) => {
    const ms: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const t = performance.now();
      await query();
      if (i >= 3) ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    return { p50: round(percentile(ms, 50), 1), p95: round(percentile(ms, 95), 1) };
  };
  const list = await time(async () => {
    await listMovements(db, { locations: [locationId], limit: 50 });
    await listMovements(db, { locations: 'all', limit: 50 });
  });
  const cpu = process.cpuUsage();
  const history = await time(() => listMovements(db, { locations: 'all', locationId, productId, limit: 50 }));
  const used = process.cpuUsage(cpu);
  const productHistoryCpuMs = round((used.user + used.system) / 1000 / (runs + 3), 2);
  const productHistoryBuffers = await historyBuffers(db, locationId, productId);
  const items = (await listMovements(db, { locations: 'all', locationId, productId, limit: 50 })).items.length;
  process.stderr.write(
    `[history] ${productId} at ${locationId}: ${items} movements on the page, p50 / p95 ${history.p50} / ${history.p95} ms, ${productHistoryCpuMs} ms CPU a page, buffers ${productHistoryBuffers ?? '–'}\n`,
  );
  return {
    productHistoryCpuMs,
    productHistoryBuffers,
    movementListP50Ms: list.p50,
    movementListP95Ms: list.p95,
    productHistoryP50Ms: history.p50,
    productHistoryP95Ms: history.p95,
  };
}
