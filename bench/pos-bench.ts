/**
 * POS benchmark: `npm run bench:pos` (never part of the test suite).
 *
 * Builds the POS, seeds a temp SQLite database with a 20,000-product catalogue (straight into
 * the tables with Kysely, before the server starts), starts the real server in this process and
 * drives headless Chromium with a persistent profile (IndexedDB on disk, as on a tablet):
 *  1. catalogue download — from tapping "Vincular" to all products in the device's search index;
 *  2. commit — tap "Cobrar en efectivo" → ticket durable in IndexedDB (the screen's own
 *     performance.measure), SALES times, beside a raw IndexedDB put of an object of the same size
 *     in its own transaction with the same (strict) durability, one before each tap after the same
 *     quiet (see sellLoop);
 *  3. search — keystroke → results rendered over the whole catalogue (performance.measure);
 *     then scale-label scan — an EAN-13 weight label (prefix 20) typed as a keyboard wedge types
 *     it, from its Enter to the weighed line in the cart's DOM, SCANS times;
 *  4. drain — QUEUED sales written while offline, then the network back: time to "Todo enviado";
 *  5. the POS's gzipped JavaScript (every .js of the build; the first load without the lazy chunks).
 * Prints a table and writes JSON to bench/results/pos-<date>.json.
 *
 * Options (env): PRODUCTS=20000 SALES=200 QUEUED=5000 SCANS=100 CHROMIUM=/usr/bin/chromium,
 * ONLY=quiet,commit,search,scan,drain (the phases to run after the download; `quiet` is the second
 * tablet whose status reports are answered locally), PROFILE=<dir> (bench/pos-bench-profile.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { v7 as uuidv7 } from 'uuid';
import { issuePairingCode } from '../server/auth/pairing';
import { recordMissingInitialPrices } from '../server/catalogue/price-history';
import { loadConfig } from '../server/config';
import { migrateToLatest, openDatabase } from '../server/db/database';
import { DEMO_BRANCH_ID, seedDemoIfEmpty } from '../server/db/seed-demo';
import { SequenceAllocator } from '../server/ledger/server-sequence';
import { createLogger } from '../server/logger';
import { startServer } from '../server/start-server';
import { ean13CheckDigit } from '../shared/sale/scale-label';
import { chromiumArgs } from '../e2e/chromium';
import { browserTrace, pageProfile, serverProfile } from './pos-bench-profile';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const PRODUCTS = Number(process.env.PRODUCTS ?? 20_000);
const SALES = Number(process.env.SALES ?? 200);
const QUEUED = Number(process.env.QUEUED ?? 5000);
const SCANS = Number(process.env.SCANS ?? 100);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** The phases after the catalogue download (which every run does: it pairs the tablet). */
const PHASES = ['quiet', 'commit', 'search', 'scan', 'drain'] as const;
const ONLY = new Set((process.env.ONLY ?? PHASES.join(',')).split(','));

const WORDS = [
  'Manzana',
  'Café',
  'Pan',
  'Leche',
  'Quinoa',
  'Arroz',
  'Aceite',
  'Miel',
  'Té',
  'Jabón',
  'Avena',
  'Lenteja',
  'Tomate',
  'Chía',
  'Yogur',
  'Queso',
  'Nuez',
  'Cacao',
  'Harina',
  'Azúcar',
];
const ADJ = [
  'orgánico',
  'integral',
  'premium',
  'natural',
  'ecológico',
  'artesanal',
  'light',
  'andino',
  'verde',
  'dorado',
];
const CATEGORIES = [
  'Frutas',
  'Verduras',
  'Panadería',
  'Lácteos',
  'Despensa',
  'Bebidas',
  'Limpieza',
  'Higiene',
  'Snacks',
  'Granos',
  'Congelados',
  'Especias',
];

/**
 * A product sold by weight and the labels a scale prints for it in the default layout (prefix 20:
 * item code 99001, the weight in grams in the next five digits). Its barcode is the label with the
 * weight zeroed, the way scales are programmed (shared/sale/scale-label.ts).
 */
const WEIGHED_ITEM = '99001';
const WEIGHED_SKU = 'BEN-GRANEL';
const WEIGHED_NAME = 'Quinoa a granel';
function ean13(first12: string): string {
  return first12 + String(ean13CheckDigit(first12));
}
const WEIGHED_BARCODE = ean13(`20${WEIGHED_ITEM}00000`);
function weightLabel(grams: number): string {
  return ean13(`20${WEIGHED_ITEM}${String(grams).padStart(5, '0')}`);
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** One chunk in Vite's build manifest. */
interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
}

/** The files an entry of the build can load: its chunk, and what it imports statically or lazily. */
function reachable(manifest: Record<string, ManifestChunk>, entry: string): Set<string> {
  const seen = new Set<string>();
  const walk = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const k of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) walk(k);
  };
  walk(entry);
  return new Set([...seen].map((f) => path.basename(f)));
}

/**
 * The POS's JavaScript: every `.js` its page can load (first load and lazy chunks) and the
 * workers' chunks, which no page entry lists; not the console's, which shares the build.
 */
function buildClient(outDir: string): { totalGzip: number; firstLoadGzip: number; files: Record<string, number> } {
  execFileSync('npx', ['vite', 'build', '--manifest'], {
    cwd: ROOT,
    env: { ...process.env, CLIENT_DIR: outDir, VITE_BENCH_HOOKS: '1' },
    stdio: 'ignore',
  });
  const manifest = JSON.parse(fs.readFileSync(path.join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const pos = reachable(manifest, 'pos/index.html');
  const consoleOnly = [...reachable(manifest, 'console/index.html')].filter((f) => !pos.has(f));
  const assets = path.join(outDir, 'assets');
  const files: Record<string, number> = {};
  for (const f of fs.readdirSync(assets).filter((f) => f.endsWith('.js') && !consoleOnly.includes(f)))
    files[f] = zlib.gzipSync(fs.readFileSync(path.join(assets, f)), { level: 9 }).length;
  const html = fs.readFileSync(path.join(outDir, 'pos', 'index.html'), 'utf8');
  const firstLoad = Object.entries(files).filter(([f]) => html.includes(f) || f.startsWith('rolldown-runtime'));
  return {
    totalGzip: Object.values(files).reduce((a, b) => a + b, 0),
    firstLoadGzip: firstLoad.reduce((a, [, n]) => a + n, 0),
    files,
  };
}

async function seedCatalogue(sqliteFile: string): Promise<void> {
  const db = openDatabase({ kind: 'sqlite', sqliteFile });
  await migrateToLatest(db);
  await seedDemoIfEmpty(db);
  const now = new Date().toISOString();
  for (let start = 0; start < PRODUCTS; start += 500) {
    await db.transaction().execute(async (trx) => {
      const seq = await SequenceAllocator.lock(trx);
      const rows = [];
      for (let n = start; n < Math.min(PRODUCTS, start + 500); n++) {
        rows.push({
          id: uuidv7(),
          sku: `BEN-${String(n).padStart(6, '0')}`,
          barcode: `780${String(n).padStart(10, '0')}`,
          name: `${WORDS[n % WORDS.length]} ${ADJ[Math.floor(n / WORDS.length) % ADJ.length]} ${100 + (n % 900)} g`,
          category: CATEGORIES[n % CATEGORIES.length]!,
          price_cents: 99 + ((n * 37) % 5000),
          tax_rate_bp: [0, 800, 1600][n % 3]!,
          legacy_id: null,
          deleted: 0,
          seq: seq.next(),
          updated_at: now,
        });
      }
      await trx.insertInto('products').values(rows).execute();
      await seq.save();
    });
    // The server records each product's first price at start in one INSERT, which SQLite refuses
    // for 20,000 rows (too many SQL variables); recording them chunk by chunk here avoids that.
    await recordMissingInitialPrices(db);
  }
  await db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    const id = uuidv7();
    await trx
      .insertInto('products')
      .values({
        id,
        sku: WEIGHED_SKU,
        barcode: WEIGHED_BARCODE,
        barcodes: JSON.stringify([WEIGHED_BARCODE]),
        name: WEIGHED_NAME,
        category: 'Granos',
        price_cents: 649,
        tax_rate_bp: 0,
        unit: 'kg',
        quantity_decimals: 3,
        legacy_id: null,
        deleted: 0,
        seq: seq.next(),
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('product_barcodes')
      .values({ barcode: WEIGHED_BARCODE, product_id: id, position: 0 })
      .execute();
    await seq.save();
  });
  await recordMissingInitialPrices(db);
  await db.destroy();
}

/** A ticket-sized document (the one-line sale the commit phase rings up), for the raw puts. */
const RAW_PUT_SAMPLE = {
  id: '',
  kind: 'sale',
  refundOf: null,
  branchId: 'sucursal-001',
  deviceId: '0195f0c0-0000-7000-8000-000000000000',
  deviceSeq: 1,
  receiptNumber: '001-01-000001',
  cashierId: null,
  cashierName: 'Cajero 1',
  shiftId: null,
  createdAt: '2026-11-29T00:00:00.000Z',
  currency: 'USD',
  lines: [
    {
      productId: '0195f0c0-0000-7000-8000-000000000001',
      name: 'Pan Integral',
      quantity: 1,
      unitPriceCents: 180,
      taxRateBp: 0,
      discountCents: 0,
      discountReason: null,
      lineTotalCents: 180,
    },
  ],
  totalCents: 180,
  payments: [{ method: 'cash', amountCents: 180, tenderedCents: 180 }],
};

/**
 * Runs in the page (so it names nothing outside itself): `count` raw puts of `sample`, each in its own transaction with the durability
 * given, into a database of its own (opened once per page); their times in ms.
 */
async function rawPuts({
  count,
  durability,
  sample,
}: {
  count: number;
  durability: IDBTransactionDurability;
  sample: typeof RAW_PUT_SAMPLE;
}): Promise<{ times: number[]; bytes: number }> {
  const w = window as unknown as { benchRawPut?: { db: Promise<IDBDatabase>; next: number } };
  w.benchRawPut ??= {
    next: 0,
    db: new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('bench-raw-put', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('docs', { keyPath: 'id' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    }),
  };
  const state = w.benchRawPut;
  const db = await state.db;
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const n = state.next++;
    const doc = { ...sample, id: `raw-${n}`, deviceSeq: n + 1 };
    const start = performance.now();
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('docs', 'readwrite', { durability });
      tx.objectStore('docs').put(doc);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    times.push(performance.now() - start);
  }
  return { times, bytes: JSON.stringify(sample).length };
}

async function measures(page: Page, name: string): Promise<number[]> {
  return page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((e) => e.duration), name);
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ecomarket-pos-bench-'));
  const clientDir = path.join(work, 'client');
  const dataDir = path.join(work, 'data');
  fs.mkdirSync(dataDir);
  console.log(`building the POS into ${clientDir} …`);
  const js = buildClient(clientDir);
  console.log(`seeding ${PRODUCTS} products …`);
  await seedCatalogue(path.join(dataDir, 'ecomarket.sqlite'));
  const config = loadConfig({}, { port: '0', host: '127.0.0.1', dataDir, clientDir, logLevel: 'warn' });
  const server = await startServer(config, createLogger(process.env.BENCH_SERVER_LOG ?? 'warn'));
  const expectedProducts = PRODUCTS + 6;

  /** A fresh tablet: persistent profile, pair, and time until every product is in the search index. */
  async function pairFreshTablet(name: string, blockStatusReports: boolean) {
    const code = (await issuePairingCode(server.db, DEMO_BRANCH_ID, 15)).code;
    const context = await chromium.launchPersistentContext(path.join(work, `profile-${name}`), {
      executablePath: CHROMIUM,
      args: chromiumArgs,
      baseURL: server.url,
      viewport: { width: 1280, height: 800 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.error('page error:', e.message));
    if (blockStatusReports) {
      // Answered inside the page (no network, no Playwright round trip), so they cost next to nothing.
      await context.addInitScript(() => {
        const real = window.fetch.bind(window);
        window.fetch = (input, init) =>
          String(input instanceof Request ? input.url : input).endsWith('/api/devices/status')
            ? Promise.resolve(new Response(null, { status: 204 }))
            : real(input, init);
      });
    }
    await page.goto('/pos');
    await page.evaluate(() => localStorage.setItem('ecomarket.bench', '1'));
    await page.getByLabel('Código de vinculación').fill(code);
    await page.getByLabel('Nombre de esta tableta').fill(name);
    let statusReports = 0;
    page.on('request', (r) => void (r.url().endsWith('/api/devices/status') && statusReports++));
    const t0 = Date.now();
    const cpu0 = process.cpuUsage();
    const download = async () => {
      await page.getByRole('button', { name: 'Vincular' }).click();
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid=catalogue-count]')?.getAttribute('data-size') === String(n),
        expectedProducts,
        { timeout: 600_000, polling: 50 },
      );
    };
    const profileName = `download-${blockStatusReports ? 'quiet' : 'app'}`;
    await serverProfile(profileName, () => pageProfile(page, profileName, download));
    const ms = Date.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    // The server's CPU (and Playwright's side of the browser connection): load-independent, unlike ms.
    const serverCpuMs = Math.round((cpu.user + cpu.system) / 1000);
    console.log(
      `catalogue (${name}): ${expectedProducts} products in ${ms} ms (this process's CPU ${serverCpuMs} ms), ${statusReports} device status reports meanwhile`,
    );
    return { context, page, ms, statusReports, serverCpuMs };
  }

  /**
   * SALES one-item sales through the screen; the screen's own measures: tap → durable (`commit`)
   * and tap → the page's thread learns it (`seenByPage`, after the frame the tap makes it render).
   * Before each tap, after the same 50 ms of quiet as the tap, a raw strict put of a ticket-sized
   * object (`rawPut`): the commit's reference, measured in the same minutes as the commits, as many
   * times and in the same state, so that both see the same machine (a busy machine slows both).
   */
  async function sellLoop(page: Page): Promise<{ commit: number[]; seenByPage: number[]; rawPut: number[] }> {
    await page.evaluate(() => performance.clearMeasures());
    const charge = page.getByRole('button', { name: /Cobrar en efectivo/ });
    await page.getByRole('searchbox', { name: 'Buscar producto' }).fill('Pan Integral');
    const rawPut: number[] = [];
    for (let i = 0; i < SALES; i++) {
      await page.getByRole('button', { name: 'Añadir Pan Integral al carrito' }).click();
      // A cashier's taps are seconds apart: let the previous sale's delivery settle first, so
      // the measure is the commit itself, not the tail of the last sale's push and ack.
      await page.getByTestId('pending').filter({ hasText: 'Todo enviado' }).waitFor();
      // The put after the same 50 ms of quiet as the tap: one right after other writes is faster
      // (Chromium's IndexedDB threads awake), so puts back to back flatter the reference.
      await page.waitForTimeout(50);
      rawPut.push(
        ...(await page.evaluate(rawPuts, { count: 1, durability: 'strict' as const, sample: RAW_PUT_SAMPLE })).times,
      );
      await page.waitForTimeout(50);
      await charge.click();
      await page.getByRole('button', { name: 'Nueva venta' }).click();
    }
    return {
      commit: await measures(page, 'pos:commit'),
      seenByPage: await measures(page, 'pos:commit-seen'),
      rawPut,
    };
  }

  const results: Record<string, unknown> = {};
  if (ONLY.has('quiet')) {
    // Diagnostic: the same download and commits with the device status reports answered locally (see README).
    const quiet = await pairFreshTablet('Caja bench sin informes', true);
    const { commit: quietCommit } = await sellLoop(quiet.page);
    await quiet.context.close();
    results.catalogueDownloadWithoutStatusReportsMs = quiet.ms;
    results.commitWithoutStatusReports = {
      count: quietCommit.length,
      p50: round(percentile(quietCommit, 50)),
      p95: round(percentile(quietCommit, 95)),
    };
  }
  // 1. Catalogue download as the app does it: pairing tap → every product in the search index.
  const { context, page, ms: catalogueMs, statusReports, serverCpuMs } = await pairFreshTablet('Caja bench', false);
  results.catalogueDownloadMs = catalogueMs;
  results.catalogueDownloadServerCpuMs = serverCpuMs;
  results.statusReportsDuringDownload = statusReports;
  try {
    if (ONLY.has('commit')) {
      // 2. Commit: tap "charge" → durable, SALES times; a raw put of the same size before each tap.
      const { commit, seenByPage, rawPut } = await pageProfile(page, 'commit', () =>
        browserTrace(page, 'commit', () => sellLoop(page)),
      );
      // The reference as it was measured before 2026-11-29: SALES puts back to back after the sales,
      // and the browser's default durability (Chromium does not flush that to disk), as diagnostics.
      const backToBack = await page.evaluate(rawPuts, {
        count: SALES,
        durability: 'strict' as const,
        sample: RAW_PUT_SAMPLE,
      });
      const rawPutDefault = await page.evaluate(rawPuts, {
        count: SALES,
        durability: 'default' as const,
        sample: RAW_PUT_SAMPLE,
      });
      results.commit = {
        count: commit.length,
        p50: round(percentile(commit, 50)),
        p95: round(percentile(commit, 95)),
        max: round(Math.max(...commit)),
      };
      results.commitSeenByPage = {
        count: seenByPage.length,
        p50: round(percentile(seenByPage, 50)),
        p95: round(percentile(seenByPage, 95)),
      };
      results.rawPut = {
        durability: 'strict',
        interleaved: true,
        count: rawPut.length,
        bytes: backToBack.bytes,
        p50: round(percentile(rawPut, 50)),
        p95: round(percentile(rawPut, 95)),
      };
      results.rawPutBackToBack = {
        durability: 'strict',
        count: backToBack.times.length,
        p50: round(percentile(backToBack.times, 50)),
        p95: round(percentile(backToBack.times, 95)),
      };
      results.rawPutDefaultDurability = {
        durability: 'default',
        count: rawPutDefault.times.length,
        p50: round(percentile(rawPutDefault.times, 50)),
        p95: round(percentile(rawPutDefault.times, 95)),
      };
    }

    if (ONLY.has('search')) {
      // 3. Search: keystroke → results over the whole catalogue.
      await page.evaluate(() => performance.clearMeasures());
      const search = page.getByRole('searchbox', { name: 'Buscar producto' });
      for (const q of [
        'manzana organico',
        'cafe premium 5',
        'pan',
        'BEN-0123',
        '7800000001234',
        'yogur light',
        'chia',
        'queso art',
        'harina integral 3',
        'zzzz',
      ]) {
        await search.fill('');
        await search.pressSequentially(q, { delay: 40 });
      }
      const searchTimes = await measures(page, 'pos:search');
      results.search = {
        count: searchTimes.length,
        p50: round(percentile(searchTimes, 50)),
        p95: round(percentile(searchTimes, 95)),
        max: round(Math.max(...searchTimes)),
      };
      await search.fill('');
    }
    if (ONLY.has('scan')) {
      // 3b. Scale-label scan: the label typed as a wedge types it (a burst of digits, then Enter),
      // from the Enter's keydown to the weighed line in the cart's DOM (a MutationObserver's
      // callback, after React has committed it: where the search's measure ends too). The line is
      // removed after each scan so that every scan adds a new line to an empty cart.
      await page.evaluate(
        ({ testId }) => {
          let enterAt: number | null = null;
          window.addEventListener('keydown', (e) => void (e.key === 'Enter' && (enterAt = e.timeStamp)), true);
          new MutationObserver(() => {
            if (enterAt === null || !document.querySelector(`[data-testid="${testId}"]`)) return;
            performance.measure('bench:scale-scan', { start: enterAt, end: performance.now() });
            enterAt = null;
          }).observe(document.body, { childList: true, subtree: true });
        },
        { testId: `line-total-${WEIGHED_SKU}` },
      );
      const line = page.getByTestId(`line-total-${WEIGHED_SKU}`);
      const remove = page.getByRole('button', { name: `Quitar ${WEIGHED_NAME}` });
      // The wedge counts keys under 250 ms apart as one burst: a pause after the search's typing.
      await page.waitForTimeout(500);
      for (let i = 0; i < SCANS; i++) {
        // Dispatched inside the page 5 ms apart, as a scanner's burst arrives: Playwright's own key
        // presses are a round trip each, slower than the wedge's 50 ms-a-key rule on a loaded machine.
        await page.evaluate(
          async (code) => {
            const target = document.activeElement ?? document.body;
            for (const key of [...code, 'Enter']) {
              target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
              await new Promise((r) => setTimeout(r, 5));
            }
          },
          weightLabel(250 + ((i * 137) % 2000)),
        );
        await line.waitFor({ timeout: 10_000 }).catch(async (e: unknown) => {
          const said = await page.locator('[role=alert], [role=status]').allInnerTexts();
          throw new Error(`scan ${i}: no cart line; the screen said ${JSON.stringify(said)}`, { cause: e });
        });
        await page.waitForTimeout(50);
        await remove.click();
        await line.waitFor({ state: 'detached' });
        await page.waitForTimeout(50);
      }
      const scanTimes = await measures(page, 'bench:scale-scan');
      results.scaleLabelScan = {
        count: scanTimes.length,
        p50: round(percentile(scanTimes, 50)),
        p95: round(percentile(scanTimes, 95)),
        max: round(Math.max(...scanTimes)),
      };
    }
    if (ONLY.has('drain')) {
      // 4. Drain: QUEUED sales waiting while offline, then the network back.
      await page.getByText('Todo enviado').waitFor({ timeout: 120_000 });
      await context.setOffline(true);
      await page.evaluate((n) => window.ecomarketBench!.queueSales(n, '7501000000024'), QUEUED);
      await page
        .getByTestId('pending')
        .filter({ hasText: `Por enviar: ${QUEUED}` })
        .waitFor({ timeout: 120_000 });
      const t1 = Date.now();
      await context.setOffline(false);
      await page.getByTestId('pending').filter({ hasText: 'Todo enviado' }).waitFor({ timeout: 600_000 });
      const drainMs = Date.now() - t1;
      const onServer = Number(
        (
          await server.db
            .selectFrom('sales')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      results.drain = { queued: QUEUED, ms: drainMs, salesOnServer: onServer };
    }
  } finally {
    await context.close();
    await server.close();
  }

  const cpus = os.cpus();
  const machine = {
    cpu: `${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`,
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: execFileSync(CHROMIUM, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim(),
    loadAverageAtEnd: os.loadavg().map((l) => round(l, 1)),
  };
  const report = {
    date: new Date().toISOString(),
    machine,
    products: expectedProducts,
    catalogueDownloadMs: results.catalogueDownloadMs as number,
    ...results,
    js: {
      totalGzipKb: round(js.totalGzip / 1024, 1),
      firstLoadGzipKb: round(js.firstLoadGzip / 1024, 1),
      files: js.files,
    },
  };
  type Pcts = { count: number; p50: number; p95: number };
  const c = results.commit as Pcts | undefined;
  const r = results.rawPut as Pcts | undefined;
  const b = results.rawPutBackToBack as Pcts | undefined;
  const rd = results.rawPutDefaultDurability as Pcts | undefined;
  const cq = results.commitWithoutStatusReports as Pcts | undefined;
  const cs = results.commitSeenByPage as Pcts | undefined;
  const s = results.search as Pcts | undefined;
  const w = results.scaleLabelScan as Pcts | undefined;
  const d = results.drain as { ms: number } | undefined;
  const quietMs = results.catalogueDownloadWithoutStatusReportsMs as number | undefined;
  const ratio = (x: number, y: number) => `${round(x / y, 1)}×`;
  // A phase left out by ONLY has no row.
  const rows: ([string, string, string, boolean] | false | undefined)[] = [
    [
      `catalogue download (${expectedProducts} products)`,
      `${round(report.catalogueDownloadMs / 1000, 1)} s`,
      '< 10 s',
      report.catalogueDownloadMs < 10_000,
    ],
    ['  this process (server) CPU meanwhile', `${round(serverCpuMs / 1000, 1)} s`, '(diagnostic)', true],
    quietMs !== undefined && [
      '  same, status reports answered locally',
      `${round(quietMs / 1000, 1)} s`,
      '(diagnostic)',
      quietMs < 10_000,
    ],
    c && [`commit p50 / p95 (${SALES} sales)`, `${c.p50} / ${c.p95} ms`, 'p95 ≤ 12 ms', c.p95 <= 12],
    cq && ['  same, status reports answered locally', `${cq.p50} / ${cq.p95} ms`, '(diagnostic)', cq.p95 <= 12],
    cs && ['  tap → page told (paid can render)', `${cs.p50} / ${cs.p95} ms`, '(diagnostic)', cs.p95 <= 12],
    c &&
      r && [
        'raw put p50 / p95 (strict, before each tap)',
        `${r.p50} / ${r.p95} ms (${ratio(c.p50, r.p50)})`,
        'commit p50 ≤ 3× put p50',
        c.p50 <= 3 * r.p50,
      ],
    c &&
      b && [
        '  same, back to back after the sales',
        `${b.p50} / ${b.p95} ms (${ratio(c.p50, b.p50)})`,
        '(as measured before)',
        c.p50 <= 3 * b.p50,
      ],
    c &&
      rd && [
        '  same, default durability',
        `${rd.p50} / ${rd.p95} ms (${ratio(c.p50, rd.p50)})`,
        '(diagnostic)',
        c.p50 <= 3 * rd.p50,
      ],
    s && ['search keystroke → results p95', `${s.p95} ms`, '< 16 ms', s.p95 < 16],
    // Issue 13: a weighed item's label must be in the cart within a frame.
    w && [`scale label → cart line p50 / p95 (${w.count})`, `${w.p50} / ${w.p95} ms`, 'p95 < 16 ms', w.p95 < 16],
    d && [`drain ${QUEUED} queued sales`, `${round(d.ms / 1000, 1)} s`, '< 10 s', d.ms < 10_000],
    [
      'POS JavaScript gzipped (all / first load)',
      `${report.js.totalGzipKb} / ${report.js.firstLoadGzipKb} KB`,
      // Issue 13 let the POS grow from 230 to 260 KB for the grocery till, lazy-loading what selling does not need.
      '< 260 KB',
      report.js.totalGzipKb < 260,
    ],
  ];
  console.log(`\nPOS benchmark — ${machine.cpu}, ${machine.memoryGb} GB, ${machine.chromium}\n`);
  console.log(`${'measure'.padEnd(44)}${'result'.padEnd(22)}${'target'.padEnd(26)}ok`);
  for (const [name, value, target, ok] of rows.filter((row) => !!row))
    console.log(`${name.padEnd(44)}${value.padEnd(22)}${target.padEnd(26)}${ok ? 'yes' : 'NO'}`);
  const out = path.join(HERE, 'results', `pos-${report.date.slice(0, 16).replace(':', '-')}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwritten ${path.relative(ROOT, out)}`);
  fs.rmSync(work, { recursive: true, force: true });
}

await main();
