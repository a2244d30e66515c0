/**
 * npm run bench:console — the manager console's queries at chain scale, and its JavaScript.
 *
 * Run it on the demo chain (`npm run ecomarket -- demo-data` first): SQLite under DATA_DIR, or
 * PostgreSQL when DATABASE_URL is set. Each measure runs WARMUP times unmeasured, then RUNS
 * times; it prints p50 and p95 in milliseconds against the target (p95 < 250 ms). The console's
 * initial JavaScript is the entry script and the modules index.html preloads, gzipped (target
 * < 250 KB); the build is read from CLIENT_DIR, and made there first when it is missing.
 *
 * BENCH_RUNS (default 40) sets the runs per measure.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { addDays, localParts } from '../shared/console/reports-time';
import type { ManagerIdentity } from '../server/auth/manager-session';
import { loadConfig } from '../server/config';
import { migrateToLatest } from '../server/db/database';
import { CENTRE_LOCATION_ID } from '../server/db/seed-demo';
import { exploreSales } from '../server/reports/explorer-queries';
import { homeFigures } from '../server/reports/home-queries';
import { reportDb } from '../server/reports/report-db';
import { scopedBranches } from '../server/reports/report-scope';
import { stockHistory } from '../server/reports/stock-chart';
import { stockAsOf, stockMatrixPage } from '../server/reports/stock-history';
import { openConfiguredDatabase } from '../server/start-server';

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARMUP = 3;
const TARGET_MS = 250;
const JS_TARGET_KB = 250;

const admin: ManagerIdentity = { id: 'bench', name: 'Bench', email: 'bench@invalid', role: 'admin', branchIds: 'all' };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(name: string, run: () => Promise<unknown>): Promise<{ name: string; p50: number; p95: number }> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const r = { name, p50: percentile(times, 50), p95: percentile(times, 95) };
  console.log(
    `${name.padEnd(64)} p50 ${r.p50.toFixed(1).padStart(7)} ms   p95 ${r.p95.toFixed(1).padStart(7)} ms   ${r.p95 < TARGET_MS ? 'ok' : 'OVER TARGET'}`,
  );
  return r;
}

function consoleJavaScript(clientDir: string): { initialKb: number; files: string[] } {
  const index = path.join(clientDir, 'console', 'index.html');
  if (!fs.existsSync(index)) {
    console.log(`No console build in ${clientDir}: building it (vite build)…`);
    execFileSync('npx', ['vite', 'build'], { stdio: 'inherit', env: { ...process.env, CLIENT_DIR: clientDir } });
  }
  const html = fs.readFileSync(index, 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1]!);
  let bytes = 0;
  for (const f of new Set(files)) bytes += gzipSync(fs.readFileSync(path.join(clientDir, f.replace(/^\//, '')))).length;
  return { initialKb: bytes / 1024, files: [...new Set(files)] };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const db = openConfiguredDatabase(config);
  await migrateToLatest(db);
  const rdb = reportDb(db);
  const counts = await db
    .selectFrom('sales')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const movements = await db
    .selectFrom('stock_movements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const products = await db
    .selectFrom('products')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(
    `EcoMarket console bench on ${config.databaseKind}: ${Number(counts.n).toLocaleString('en-US')} tickets, ` +
      `${Number(movements.n).toLocaleString('en-US')} stock movements, ${Number(products.n).toLocaleString('en-US')} products; ${RUNS} runs each\n`,
  );
  if (Number(counts.n) < 1000)
    console.log('(Few sales: run `npm run ecomarket -- demo-data` first for chain scale.)\n');

  const branches = await scopedBranches(rdb, admin);
  const zone = branches[0]?.timeZone ?? 'UTC';
  const today = localParts(new Date(), zone).date;
  const from = addDays(today, -89);
  const results = [];
  results.push(await measure('home: today vs a week before, every branch', () => homeFigures(rdb, admin, branches)));
  results.push(
    await measure('explorer: branch × day over 90 days (all branches, by day)', async () => {
      await exploreSales(rdb, { from, to: today, groupBy: 'day', refundsOnly: false }, branches);
      await exploreSales(rdb, { from, to: today, groupBy: 'branch', refundsOnly: false }, branches);
    }),
  );
  results.push(
    await measure('explorer: by cashier over 90 days (daily summary)', () =>
      exploreSales(rdb, { from, to: today, groupBy: 'cashier', refundsOnly: false }, branches),
    ),
  );
  results.push(
    await measure('explorer: by category over 7 days (daily category summary)', () =>
      exploreSales(rdb, { from: addDays(today, -6), to: today, groupBy: 'category', refundsOnly: false }, branches),
    ),
  );
  const busy = await db
    .selectFrom('sale_lines')
    .select('product_id')
    .groupBy('product_id')
    .orderBy(sql`count(*)`, 'desc')
    .limit(1)
    .executeTakeFirst();
  const branch = branches[0];
  if (busy && branch) {
    const moment = new Date(Date.now() - 45 * 86_400_000).toISOString();
    results.push(
      await measure("stock as of 45 days ago: the best seller's at a branch", () =>
        stockAsOf(db, branch.locationId, busy.product_id, moment),
      ),
    );
  }
  if (busy && branch) {
    const to = new Date().toISOString();
    const from = new Date(Date.now() - 90 * 86_400_000).toISOString();
    const week = new Date(Date.now() - 7 * 86_400_000).toISOString();
    results.push(
      await measure("stock chart: the best seller's last 7 days at a branch (the page's default)", () =>
        stockHistory(db, { locationId: branch.locationId, productId: busy.product_id, from: week, to }),
      ),
    );
    results.push(
      await measure("stock chart: the best seller's 90 days at a branch, offline tablets", () =>
        stockHistory(db, { locationId: branch.locationId, productId: busy.product_id, from, to }),
      ),
    );
  }
  const locations = [CENTRE_LOCATION_ID, ...branches.map((b) => b.locationId)];
  results.push(
    await measure('stock matrix: first page (50 products × every location)', () => stockMatrixPage(db, locations, 50)),
  );
  await db.destroy();

  const js = consoleJavaScript(path.resolve(config.clientDir));
  console.log(
    `\nconsole initial JavaScript: ${js.initialKb.toFixed(1)} KB gzipped (${js.files.length} files) — ${js.initialKb < JS_TARGET_KB ? 'ok' : 'OVER TARGET'} (target < ${JS_TARGET_KB} KB)`,
  );
  const over = results.filter((r) => r.p95 >= TARGET_MS);
  console.log(
    over.length ? `\n${over.length} measure(s) over the ${TARGET_MS} ms target.` : '\nEvery query meets the target.',
  );
}

await main();
