/**
 * The benchmark's data, written fast through the real tables, indexes and write path (bulk
 * inserts, MovementBatch, the sales' rows and report summaries), not over HTTP: a catalogue with
 * opening stock everywhere, and for --preload-movements=N a ledger of N movements of which about
 * one in ten belongs to one of about N / 24.5 sales (5,000,000 movements: about 204,000 sales).
 */
import { randomInt } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { SaleDoc } from '../shared/protocol';
import { productColumns, productRow, type ProductInsertRow } from '../server/catalogue/product-rows';
import { BulkInsert, isPostgres } from '../server/db/bulk-insert';
import type { Db } from '../server/db/database';
import type { Database } from '../server/db/schema';
import { WriteBatch } from '../server/db/write-batch';
import { addSaleRows, saleRows } from '../server/ledger/sales-batch';
import { SequenceAllocator } from '../server/ledger/server-sequence';
import { MovementBatch } from '../server/ledger/stock-movements';
import { makeSale } from '../server/test/test-server';

const insertProducts = new BulkInsert<ProductInsertRow>(
  productColumns,
  (db, rows) => db.insertInto('products').values(rows),
  100,
);

export interface BenchBranch {
  id: string;
  locationId: string;
  receiptPrefix: string;
  currency: string;
}

/** `count` products added to the demo's, and ample opening stock of every product at every branch. */
export async function addBenchCatalogue(db: Db, branches: readonly BenchBranch[], count: number): Promise<string[]> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    const ids = (await trx.selectFrom('products').select('id').execute()).map((p) => p.id);
    const rows = Array.from({ length: count }, (_, i) =>
      productRow(
        {
          id: `bench-${String(i).padStart(5, '0')}`,
          sku: `BENCH-${i}`,
          barcode: null,
          barcodes: [],
          unit: 'each',
          quantityDecimals: 0,
          name: `Producto ${i}`,
          category: 'Bench',
          priceCents: 100 + (i % 50) * 25,
          taxRateBp: 0,
          legacyId: null,
          _deleted: false,
        },
        seq.next(),
        now,
      ),
    );
    await insertProducts.execute(trx, rows);
    ids.push(...rows.map((r) => r.id));
    for (const branch of branches) {
      const movements = new MovementBatch(trx, now);
      await movements.load(branch.locationId, ids);
      for (const productId of ids) {
        movements.apply(
          {
            locationId: branch.locationId,
            productId,
            delta: 10_000_000,
            kind: 'correction',
            saleId: null,
            actor: 'bench',
            reason: 'benchmark opening stock',
          },
          seq.next(),
        );
      }
      await movements.flush();
    }
    await seq.save();
    return ids;
  });
}

/** Movements per transaction while preloading. */
const CHUNK = 20_000;

/** Movements between two VACUUM (ANALYZE) runs on PostgreSQL (see tidy). */
const VACUUM_EVERY = 500_000;

/** The tables the preload writes. */
const PRELOADED_TABLES = [
  'products',
  'stock_levels',
  'stock_movements',
  'sales',
  'sale_lines',
  'report_tickets',
  'report_sales_days',
  'report_sales_hours',
  'report_category_days',
  'server_sequence',
];

/**
 * On PostgreSQL, what autovacuum does to a ledger that grew over months: the dead versions of the
 * updated stock levels go and the planner gets statistics. The machine's PostgreSQL runs with
 * autovacuum off (its CI configuration), and without this every level update of the preload left a
 * dead row in stock_levels and in each of its indexes: at 480,000 movements its pull page read
 * 38,798 index entries for 20,005 levels, and the preload itself slowed as they piled up. SQLite
 * updates in place and plans by rule: nothing to do there.
 */
async function tidy(db: Db): Promise<void> {
  if (!isPostgres(db)) return;
  await sql.raw(`vacuum (analyze) ${PRELOADED_TABLES.join(', ')}`).execute(db);
}

/**
 * N movements through the real write path, in transactions of CHUNK: sales of 2–3 lines (about one
 * in ten movements) by a preload device per branch, the rest receipts, spread over every branch and
 * product. Prints its progress on stderr.
 */
export async function preloadLedger(
  db: Db,
  branches: readonly BenchBranch[],
  productIds: readonly string[],
  movements: number,
): Promise<{ movements: number; sales: number }> {
  const devices = await preloadDevices(db, branches);
  let written = 0;
  let sales = 0;
  const started = Date.now();
  let tidied = 0;
  while (written < movements) {
    const size = Math.min(CHUNK, movements - written);
    const chunk = await db.transaction().execute((trx) => preloadChunk(trx, devices, productIds, size));
    written += chunk.movements;
    sales += chunk.sales;
    process.stderr.write(
      `\r[preload] ${written.toLocaleString('en')} movements, ${sales.toLocaleString('en')} sales, ${Math.round((Date.now() - started) / 1000)} s`,
    );
    if (written - tidied >= VACUUM_EVERY || written >= movements) {
      await tidy(db);
      tidied = written;
    }
  }
  process.stderr.write(`\n[preload] done in ${Math.round((Date.now() - started) / 1000)} s\n`);
  return { movements: written, sales };
}

interface PreloadDevice {
  branch: BenchBranch;
  deviceId: string;
  deviceNumber: number;
  nextSeq: number;
}

async function preloadDevices(db: Db, branches: readonly BenchBranch[]): Promise<PreloadDevice[]> {
  const now = new Date().toISOString();
  const devices: PreloadDevice[] = [];
  for (const branch of branches) {
    const deviceId = `preload-${branch.id}`;
    await db
      .insertInto('devices')
      .values({
        id: deviceId,
        branch_id: branch.id,
        number: 99,
        name: 'Benchmark preload',
        token_hash: `preload:${deviceId}`,
        created_at: now,
        revoked_at: null,
        last_seen_at: null,
      })
      .execute();
    devices.push({ branch, deviceId, deviceNumber: 99, nextSeq: 1 });
  }
  return devices;
}

interface Planned {
  device: PreloadDevice;
  sale: SaleDoc | null;
  /** A receipt's product and quantity, when not a sale. */
  receipt: { productId: string; quantity: number } | null;
}

/**
 * What one chunk writes: sales (two in 46 entries) and receipts, on random branches and products. A
 * sale has 2.5 lines on average, so one movement in 24.5 starts a sale: 5,000,000 movements carry
 * about 204,000 sales, the 200,000 with room for chance.
 */
function planChunk(devices: PreloadDevice[], productIds: readonly string[], size: number, now: string): Planned[] {
  const planned: Planned[] = [];
  for (let count = 0; count < size;) {
    const device = devices[randomInt(devices.length)]!;
    if (randomInt(46) < 2) {
      const sale = preloadSale(device, productIds, now);
      planned.push({ device, sale, receipt: null });
      count += sale.lines.length;
    } else {
      const receipt = { productId: productIds[randomInt(productIds.length)]!, quantity: 1 + randomInt(20) };
      planned.push({ device, sale: null, receipt });
      count++;
    }
  }
  return planned;
}

async function preloadChunk(
  trx: Transaction<Database>,
  devices: PreloadDevice[],
  productIds: readonly string[],
  size: number,
): Promise<{ movements: number; sales: number }> {
  const now = new Date().toISOString();
  const planned = planChunk(devices, productIds, size, now);
  const seq = await SequenceAllocator.lock(trx);
  const batches = new Map<string, MovementBatch>();
  for (const d of devices) {
    const touched = planned
      .filter((p) => p.device === d)
      .flatMap((p) => (p.sale ? p.sale.lines.map((l) => l.productId) : [p.receipt!.productId]));
    const batch = new MovementBatch(trx, now);
    await batch.load(d.branch.locationId, touched);
    batches.set(d.branch.locationId, batch);
  }
  const sales: Database['sales'][] = [];
  const lines: Database['sale_lines'][] = [];
  let count = 0;
  for (const { device, sale, receipt } of planned) {
    const at = { locationId: device.branch.locationId, actor: 'bench' };
    const movements = batches.get(at.locationId)!;
    const appliedSeq = seq.next();
    if (receipt) {
      const movement = { ...at, productId: receipt.productId, delta: receipt.quantity, kind: 'receipt' as const };
      movements.apply({ ...movement, saleId: null, reason: 'benchmark preload' }, appliedSeq);
      count++;
      continue;
    }
    const body = JSON.stringify(sale);
    const rows = saleRows(sale!, {
      branchId: device.branch.id,
      deviceId: device.deviceId,
      hash: sale!.id,
      body,
      appliedSeq,
      receivedAt: now,
    });
    sales.push(rows.sale);
    lines.push(...rows.lines);
    for (const line of sale!.lines) {
      const movement = { ...at, productId: line.productId, delta: -line.quantity, kind: 'sale' as const };
      movements.apply({ ...movement, saleId: sale!.id, reason: `sale ${sale!.receiptNumber}` }, appliedSeq);
      count++;
    }
  }
  const writes = new WriteBatch();
  await addSaleRows(trx, sales, lines, writes);
  for (const batch of batches.values()) await batch.flush(writes);
  await writes.flush(trx);
  await seq.save();
  return { movements: count, sales: sales.length };
}

function preloadSale(device: PreloadDevice, productIds: readonly string[], now: string): SaleDoc {
  const lines = Array.from({ length: 2 + randomInt(2) }, () => ({
    product: { id: productIds[randomInt(productIds.length)]!, name: 'Producto', priceCents: 100, taxRateBp: 0 },
    quantity: 1 + randomInt(3),
  }));
  return makeSale({ ...device, branch: { ...device.branch, name: device.branch.id } }, device.nextSeq++, lines, {
    cashierName: 'Benchmark',
    createdAt: now,
  });
}
