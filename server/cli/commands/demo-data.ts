import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { CountDoc, ProductDoc, SaleDoc, ShiftEventDoc, TransferReceiptDoc } from '../../../shared/protocol';
import { addDays, localDayStart, localParts } from '../../../shared/console/reports-time';
import { receiptNumber } from '../../../shared/sale/receipt-number';
import type { DeviceIdentity } from '../../auth/device-identity';
import type { ManagerIdentity } from '../../auth/manager-session';
import { issuePairingCode, pairDevice } from '../../auth/pairing';
import { createBranch, patchBranchSettings } from '../../catalogue/branches-admin';
import { createCashier } from '../../catalogue/cashiers-admin';
import { writeProduct } from '../../catalogue/product-rows';
import type { Db } from '../../db/database';
import { CENTRE_LOCATION_ID, DEMO_BRANCH_ID } from '../../db/seed-demo';
import { saveDeviceStatus } from '../../devices/device-admin';
import { countsKind } from '../../ledger/ingest-counts';
import { ingestDocuments } from '../../ledger/ingest-documents';
import { shiftEventsKind } from '../../ledger/ingest-shift-events';
import { transferReceiptsKind } from '../../ledger/ingest-transfer-receipts';
import { ingestSales } from '../../ledger/ingest-sales';
import { createTransfer, recordReceipt } from '../../ledger/manager-movements';
import { SequenceAllocator } from '../../ledger/server-sequence';
import { UsageError, stringOption, type CliCommand } from '../cli-command';
import { describeTimes, processTimes } from '../process-times';

const TIME_ZONE = 'America/Mexico_City';
const BRANCHES = [
  { id: DEMO_BRANCH_ID, name: 'Sucursal 001', prefix: '001' },
  { id: 'sucursal-002', name: 'Sucursal Coyoacán', prefix: '002' },
  { id: 'sucursal-003', name: 'Sucursal Polanco', prefix: '003' },
  { id: 'sucursal-004', name: 'Sucursal Roma', prefix: '004' },
  { id: 'sucursal-005', name: 'Sucursal Satélite', prefix: '005' },
];
const CATEGORIES = [
  'Frutas',
  'Verduras',
  'Lácteos',
  'Panadería',
  'Despensa',
  'Bebidas',
  'Cereales',
  'Carnes',
  'Congelados',
  'Limpieza',
  'Cuidado personal',
  'Snacks',
  'Café y té',
  'Semillas',
  'Aceites',
  'Bebés',
];
const WORDS = ['Orgánico', 'Integral', 'Natural', 'Artesanal', 'Premium', 'Ligero', 'Clásico', 'De temporada'];
/** Share of a day's tickets in each opening hour, 08:00 to 20:59 local. */
const HOUR_WEIGHTS = [3, 5, 7, 9, 12, 13, 10, 8, 8, 10, 12, 9, 6];
/** Monday first: weekends sell more. */
const WEEKDAY_FACTORS = [0.85, 0.9, 0.95, 1.0, 1.15, 1.3, 0.85];
const FLOAT_CENTS = 50_000;

const demoManager: ManagerIdentity = {
  id: 'demo-data',
  name: 'Datos de demostración',
  email: 'demo-data@ecomarket.invalid',
  role: 'admin',
  branchIds: 'all',
};

/** A small seeded generator (mulberry32), so a chain can be made again the same. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface DemoProduct {
  id: string;
  name: string;
  priceCents: number;
  taxRateBp: number;
}

interface Till {
  device: DeviceIdentity;
  name: string;
  cashiers: { id: string; name: string }[];
  seq: number;
}

interface ShiftDraft {
  id: string;
  till: Till;
  cashier: { id: string; name: string };
  opensAt: number;
  closesAt: number;
  cashCents: number;
}

export interface DemoOptions {
  days: number;
  ticketsPerDay: number;
  products: number;
  seed: number;
  now?: Date;
  log?: (line: string) => void;
}

/**
 * Makes a chain on the database through the same code paths as the real thing: branches and
 * cashiers as the console makes them, products through writeProduct, stock through receipts,
 * transfers and device transfer receipts, tablets paired with codes, and every sale, refund,
 * shift event and count through the device ingest (batched a device-day at a time, so group
 * commit shares transactions). Returns how many tickets it recorded.
 */
export async function makeDemoChain(db: Db, o: DemoOptions): Promise<{ tickets: number; seconds: number }> {
  const started = Date.now();
  const log = o.log ?? (() => undefined);
  const rnd = random(o.seed);
  const now = o.now ?? new Date();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const today = localParts(now, TIME_ZONE).date;
  const firstDay = addDays(today, -(o.days - 1));
  const openingIso = new Date(Date.parse(localDayStart(firstDay, TIME_ZONE)) - 86_400_000).toISOString();

  // Branches, in Mexico City time.
  for (const b of BRANCHES) {
    const exists = await db.selectFrom('branches').select('id').where('id', '=', b.id).executeTakeFirst();
    if (!exists)
      await createBranch(db, { id: b.id, name: b.name, receiptPrefix: b.prefix, currency: 'USD', timeZone: TIME_ZONE });
    else await patchBranchSettings(db, b.id, { timeZone: TIME_ZONE });
  }
  log(`${BRANCHES.length} branches ready`);

  // Products: Zipf-like popularity, the lowest ranks selling most.
  const existing = new Map(
    (await db.selectFrom('products').select(['id', 'sku']).where('sku', 'like', 'DEMO-%').execute()).map((p) => [
      p.sku,
      p.id,
    ]),
  );
  const products: DemoProduct[] = [];
  for (let start = 0; start < o.products; start += 1000) {
    await db.transaction().execute(async (trx) => {
      const seq = await SequenceAllocator.lock(trx);
      for (let i = start; i < Math.min(o.products, start + 1000); i++) {
        const sku = `DEMO-${String(i + 1).padStart(5, '0')}`;
        const category = CATEGORIES[i % CATEGORIES.length]!;
        const barcode = `750${String(9_000_000_000 + i).padStart(10, '0')}`;
        const doc: ProductDoc = {
          id: existing.get(sku) ?? uuidv7(),
          sku,
          barcode,
          barcodes: [barcode],
          unit: 'each',
          quantityDecimals: 0,
          name: `${category} ${WORDS[i % WORDS.length]} ${i + 1}`,
          category,
          priceCents: 50 * (1 + Math.floor(rnd() * 80)),
          taxRateBp: category === 'Frutas' || category === 'Verduras' ? 0 : 1600,
          legacyId: null,
          _deleted: false,
        };
        if (!existing.has(sku))
          await writeProduct(trx, doc, null, seq.next(), openingIso, {
            source: 'console',
            actor: demoManager.id,
            branchId: null,
          });
        products.push({ id: doc.id, name: doc.name, priceCents: doc.priceCents, taxRateBp: doc.taxRateBp });
      }
      await seq.save();
    });
  }
  log(`${products.length} products in ${CATEGORIES.length} categories`);
  const cumulative: number[] = [];
  let weightSum = 0;
  for (let r = 0; r < products.length; r++) cumulative.push((weightSum += 1 / (r + 1)));
  const productAt = () => {
    const x = rnd() * weightSum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  // Opening stock: what 90 days will sell, and a half more, received at each branch and at the centre.
  const unitsPerBranch = o.days * o.ticketsPerDay * 2.2 * 1.6;
  const stockFor = (rank: number, factor: number) =>
    Math.ceil(((unitsPerBranch / (rank + 1)) * factor) / weightSum) + 10;
  const chunks = (n: number) => Array.from({ length: Math.ceil(n / 500) }, (_, i) => i * 500);
  for (const location of [CENTRE_LOCATION_ID, ...BRANCHES.map((b) => b.id)]) {
    for (const from of chunks(products.length)) {
      const lines = products
        .slice(from, from + 500)
        .map((p, i) => ({
          productId: p.id,
          // Branch 003 never got three of its best sellers: they oversell.
          quantity: location === 'sucursal-003' && from + i >= 5 && from + i < 8 ? 0 : stockFor(from + i, 1.5),
        }))
        .filter((l) => l.quantity > 0);
      await recordReceipt(
        db,
        demoManager,
        { locationId: location, lines, supplierNote: 'Inventario inicial' },
        openingIso,
      );
    }
  }
  log('opening stock received at the centre and every branch');

  // Tablets (paired with codes) and cashiers.
  const tills = new Map<string, Till[]>();
  for (const b of BRANCHES) {
    const own: Till[] = [];
    for (let n = 1; n <= 2; n++) {
      const { code } = await issuePairingCode(db, b.id, 15);
      const paired = await pairDevice(db, code, `Caja ${n}`);
      const cashiers = [];
      for (const name of n === 1 ? ['María', 'José'] : ['Lucía', 'Carlos']) {
        const { cashier } = await createCashier(db, b.id, {
          name: `${name} (${b.prefix})`,
          role: 'cashier',
          pin: String(1000 + Math.floor(rnd() * 9000)),
        });
        cashiers.push({ id: cashier.id, name: cashier.name });
      }
      own.push({
        device: {
          deviceId: paired.deviceId,
          deviceNumber: paired.deviceNumber,
          branchId: b.id,
          locationId: paired.branch.locationId,
          receiptPrefix: paired.branch.receiptPrefix,
        },
        name: `Caja ${n}`,
        cashiers,
        seq: 0,
      });
    }
    tills.set(b.id, own);
  }
  log(`${BRANCHES.length * 2} tablets paired, ${BRANCHES.length * 4} cashiers`);

  const recent = new Map<string, SaleDoc[]>(BRANCHES.map((b) => [b.id, []]));
  const refunded = new Map<string, SaleDoc[]>(BRANCHES.map((b) => [b.id, []]));
  let tickets = 0;
  let mismatches = 0;
  let doubleRefunds = 0;
  const iso = (ms: number) => new Date(ms).toISOString();

  for (let d = 0; d < o.days; d++) {
    const date = addDays(firstDay, d);
    const dayStart = Date.parse(localDayStart(date, TIME_ZONE));
    const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
    const works: Promise<unknown>[] = [];
    const shiftBatches: { till: Till; events: ShiftEventDoc[] }[] = [];
    for (const b of BRANCHES) {
      const own = tills.get(b.id)!;
      const shifts: ShiftDraft[] = own.flatMap((till) => [
        {
          id: uuidv7(),
          till,
          cashier: till.cashiers[0]!,
          opensAt: dayStart + 8 * 3_600_000,
          closesAt: dayStart + 14.5 * 3_600_000,
          cashCents: 0,
        },
        {
          id: uuidv7(),
          till,
          cashier: till.cashiers[1]!,
          opensAt: dayStart + 14.5 * 3_600_000,
          closesAt: dayStart + 21 * 3_600_000,
          cashCents: 0,
        },
      ]);
      const count = Math.round(o.ticketsPerDay * WEEKDAY_FACTORS[weekday]! * (0.9 + rnd() * 0.2));
      const hourSum = HOUR_WEIGHTS.reduce((s, w) => s + w, 0);
      const times: number[] = [];
      for (const [h, w] of HOUR_WEIGHTS.entries()) {
        const n = Math.round((count * w) / hourSum);
        for (let k = 0; k < n; k++) times.push(dayStart + (8 + h) * 3_600_000 + Math.floor(rnd() * 3_600_000));
      }
      times.sort((a, b) => a - b);
      const byTill = new Map<Till, SaleDoc[]>(own.map((t) => [t, []]));
      const earlier = recent.get(b.id)!;
      const todays: SaleDoc[] = [];
      for (const at of times) {
        if (at > now.getTime()) break;
        const till = pick(own);
        const shift = shifts.find((s) => s.till === till && at >= s.opensAt && at < s.closesAt)!;
        till.seq += 1;
        const base = {
          id: uuidv7(),
          branchId: b.id,
          deviceId: till.device.deviceId,
          deviceSeq: till.seq,
          receiptNumber: receiptNumber(till.device.receiptPrefix, till.device.deviceNumber, till.seq),
          cashierId: shift.cashier.id,
          cashierName: shift.cashier.name,
          shiftId: shift.id,
          createdAt: iso(at),
          currency: 'USD',
          _deleted: false,
        };
        let doc: SaleDoc;
        // A few refunds in the last days return what was already returned: double-refund items.
        const ownRefunded = refunded.get(b.id)!;
        const forceDouble = doubleRefunds < 3 && d >= o.days - 3 && ownRefunded.length > 0;
        const original = forceDouble ? pick(ownRefunded) : earlier.length > 0 && rnd() < 0.01 ? pick(earlier) : null;
        if (original) {
          const line = original.lines[0]!;
          const again = ownRefunded.includes(original);
          if (again && !forceDouble) {
            till.seq -= 1;
            continue;
          }
          if (again) doubleRefunds++;
          else ownRefunded.push(original);
          const quantity = again ? line.quantity : 1;
          const total = line.unitPriceCents * quantity;
          doc = {
            ...base,
            kind: 'refund',
            refundOf: original.id,
            lines: [{ ...line, quantity, discountCents: 0, discountReason: null, lineTotalCents: total }],
            totalCents: total,
            payments: [{ method: 'cash', amountCents: total, tenderedCents: null }],
          };
          shift.cashCents -= total;
        } else {
          const n = 1 + Math.floor(rnd() * rnd() * 5);
          const seen = new Set<number>();
          const lines: SaleDoc['lines'] = [];
          for (let k = 0; k < n; k++) {
            const rank = productAt();
            if (seen.has(rank)) continue;
            seen.add(rank);
            const p = products[rank]!;
            const quantity = rnd() < 0.8 ? 1 : 2 + Math.floor(rnd() * 2);
            // A handful of tickets charge an old price: price-mismatch items for the queue.
            const wrongPrice = mismatches < 5 && d === o.days - 2 && lines.length === 0;
            if (wrongPrice) mismatches++;
            const unit = wrongPrice ? Math.max(1, Math.round(p.priceCents * 0.9)) : p.priceCents;
            const discount = rnd() < 0.08 ? Math.floor(unit * quantity * 0.1) : 0;
            lines.push({
              productId: p.id,
              name: p.name,
              quantity,
              unitPriceCents: unit,
              taxRateBp: p.taxRateBp,
              discountCents: discount,
              discountReason: discount ? 'Promoción 10 %' : null,
              lineTotalCents: unit * quantity - discount,
            });
          }
          const total = lines.reduce((s, l) => s + l.lineTotalCents, 0);
          const tender = rnd();
          const cashPart = tender < 0.35 ? total : tender < 0.4 && total > 100 ? Math.floor(total / 2) : 0;
          const payments: SaleDoc['payments'] = [];
          if (cashPart > 0)
            payments.push({ method: 'cash', amountCents: cashPart, tenderedCents: Math.ceil(cashPart / 5000) * 5000 });
          if (total - cashPart > 0)
            payments.push({ method: 'card', amountCents: total - cashPart, tenderedCents: null });
          doc = { ...base, kind: 'sale', refundOf: null, lines, totalCents: total, payments };
          shift.cashCents += cashPart;
          todays.push(doc);
        }
        byTill.get(till)!.push(doc);
      }
      earlier.push(...todays);
      if (earlier.length > 3000) earlier.splice(0, earlier.length - 3000);

      for (const [till, docs] of byTill) {
        if (docs.length === 0) continue;
        const receivedAt = iso(Math.min(now.getTime(), Date.parse(docs.at(-1)!.createdAt) + 60_000));
        works.push(
          ingestSales(
            db,
            till.device,
            docs.map((doc) => ({ newDocumentState: doc })),
            receivedAt,
          ).then((r) => {
            if (r.rejected.length) throw new Error(`demo sales refused: ${r.rejected[0]!.message}`);
          }),
        );
        tickets += docs.length;
      }
      for (const till of own) {
        const events: ShiftEventDoc[] = [];
        for (const s of shifts.filter((x) => x.till === till && x.opensAt <= now.getTime())) {
          const event = (kind: ShiftEventDoc['kind'], at: number, amountCents: number, reason: string) =>
            events.push({
              id: uuidv7(),
              shiftId: s.id,
              kind,
              branchId: b.id,
              deviceId: till.device.deviceId,
              cashierId: s.cashier.id,
              cashierName: s.cashier.name,
              amountCents,
              reason,
              at: iso(at),
              denominations: [],
              approval: null,
              _deleted: false,
            });
          event('open', s.opensAt, FLOAT_CENTS, '');
          const cashOut = rnd() < 0.3 ? 20_000 : 0;
          if (cashOut) event('cash_out', s.opensAt + 3 * 3_600_000, cashOut, 'Pago a proveedor');
          if (s.closesAt > now.getTime()) continue;
          const expected = FLOAT_CENTS + s.cashCents - cashOut;
          const r = rnd();
          const difference =
            r < 0.004 ? -(5_000 + Math.floor(rnd() * 5_000)) : r < 0.05 ? Math.round((rnd() - 0.5) * 1_000) : 0;
          event('close', s.closesAt, Math.max(0, expected + difference), '');
        }
        if (events.length) shiftBatches.push({ till, events });
      }
    }
    await Promise.all(works);
    for (const { till, events } of shiftBatches) {
      const r = await ingestDocuments(
        db,
        till.device,
        shiftEventsKind,
        events.map((e) => ({ newDocumentState: e })),
        iso(Math.min(now.getTime(), Date.parse(events.at(-1)!.at) + 60_000)),
      );
      if (r.rejected.length) throw new Error(`demo shift events refused: ${r.rejected[0]!.message}`);
    }

    // Weekly resupply from the centre, received by a tablet the next morning; the last one arrives short.
    if (weekday === 0 && d < o.days - 1) {
      for (const b of BRANCHES) {
        const lines = products.slice(0, 20).map((p) => ({ productId: p.id, quantity: 100 }));
        const sentAt = iso(dayStart + 21.5 * 3_600_000);
        const transfer = await createTransfer(
          db,
          demoManager,
          { fromLocationId: CENTRE_LOCATION_ID, toLocationId: b.id, lines, note: 'Reabasto semanal' },
          sentAt,
        );
        const till = tills.get(b.id)![0]!;
        const short = d >= o.days - 8;
        const receipt: TransferReceiptDoc = {
          id: uuidv7(),
          transferId: transfer.id,
          branchId: b.id,
          deviceId: till.device.deviceId,
          cashierId: till.cashiers[0]!.id,
          lines: lines.map((l, i) => ({ productId: l.productId, quantity: short && i === 0 ? 98 : l.quantity })),
          receivedAt: iso(dayStart + 31 * 3_600_000),
          _deleted: false,
        };
        await ingestDocuments(
          db,
          till.device,
          transferReceiptsKind,
          [{ newDocumentState: receipt }],
          receipt.receivedAt,
        );
      }
    }

    // Counts of a few products in the last days, some of them off by a unit or two.
    if (d >= o.days - 2) {
      for (const b of BRANCHES) {
        const till = tills.get(b.id)![1]!;
        const counted = products.slice(100, 104);
        const levels = new Map(
          (
            await db
              .selectFrom('stock_levels')
              .select(['product_id', 'quantity', 'seq'])
              .where('location_id', '=', b.id)
              .where(
                'product_id',
                'in',
                counted.map((p) => p.id),
              )
              .execute()
          ).map((l) => [l.product_id, l]),
        );
        const countedAt = Math.min(now.getTime() - 60_000, dayStart + 7.5 * 3_600_000);
        const docs: CountDoc[] = counted.map((p, i) => {
          const level = levels.get(p.id);
          const believed = Number(level?.quantity ?? 0);
          return {
            id: uuidv7(),
            branchId: b.id,
            deviceId: till.device.deviceId,
            productId: p.id,
            countedQuantity: Math.max(0, believed - (i === 0 ? 2 : 0)),
            believedQuantity: believed,
            believedLevelSeq: Number(level?.seq ?? 0),
            cashierId: till.cashiers[0]!.id,
            note: 'Conteo cíclico',
            countedAt: iso(countedAt),
            _deleted: false,
          };
        });
        await ingestDocuments(
          db,
          till.device,
          countsKind,
          docs.map((c) => ({ newDocumentState: c })),
          iso(countedAt + 60_000),
        );
      }
    }
    log(
      `day ${d + 1}/${o.days} (${date}): ${tickets.toLocaleString('en-US')} tickets so far, ${Math.round((Date.now() - started) / 1000)} s`,
    );
  }

  // The tablets' last health reports: all online and delivered, except one that holds sales offline.
  for (const [branchId, own] of tills) {
    for (const till of own) {
      const holding = branchId === 'sucursal-004' && till.name === 'Caja 2';
      await saveDeviceStatus(
        db,
        till.device.deviceId,
        {
          appVersion: 'demo',
          online: !holding,
          breaker: holding ? 'open' : 'closed',
          pendingCount: holding ? 4 : 0,
          pendingValueCents: holding ? 23_450 : 0,
          rejectedCount: 0,
          lastSyncAt: iso(now.getTime() - (holding ? 40 * 60_000 : 30_000)),
          storage: { usageBytes: 52_000_000, quotaBytes: 2_000_000_000, persisted: true },
        },
        now,
      );
    }
  }
  return { tickets, seconds: (Date.now() - started) / 1000 };
}

function positiveInt(ctx: Parameters<CliCommand['run']>[0], name: string, fallback: number): number {
  const text = stringOption(ctx, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a whole number above 0, not "${text}".`);
  return n;
}

export const command: CliCommand = {
  name: 'demo-data',
  summary: 'Fill a fresh database with a demo chain: 5 branches, 20,000 products, 90 days of sales.',
  usage: 'demo-data [--force] [--days N] [--tickets N] [--products N] [--seed N]',
  help: `Makes a realistic chain through the same code paths as the real one: 5 branches in Mexico City
time, 20,000 products in ${CATEGORIES.length} categories, two paired tablets and four cashiers per branch, and
--days (default 90) days of sales — about --tickets (default 1000) tickets per branch per day,
busier at noon, in the evening and on weekends — with refunds, shifts, weekly transfers from the
centre, counts, and a few reconciliation items of each kind. Every figure of the console then
agrees with the ledger.

A database that already has sales is refused unless --force (which adds another chain's sales).
Takes about two minutes on a 2-core machine with the defaults.`,
  options: {
    force: { type: 'boolean' },
    days: { type: 'string' },
    tickets: { type: 'string' },
    products: { type: 'string' },
    seed: { type: 'string' },
  },
  async run(ctx) {
    const options: DemoOptions = {
      days: positiveInt(ctx, 'days', 90),
      ticketsPerDay: positiveInt(ctx, 'tickets', 1000),
      products: positiveInt(ctx, 'products', 20_000),
      seed: positiveInt(ctx, 'seed', 12),
      log: (line) => console.log(line),
    };
    if (options.products < 110) throw new UsageError('--products must be at least 110 (counts use products 100-103).');
    const db = await ctx.openDb();
    const sales = await db
      .selectFrom('sales')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(sales.n) > 0 && ctx.values.force !== true) {
      console.error(
        `This database already has ${Number(sales.n).toLocaleString('en-US')} sales; demo data goes into a fresh database. Use --force to add a demo chain anyway.`,
      );
      return 1;
    }
    // A demo database is made in one go: on SQLite, commits need not wait for the disk (WAL keeps
    // them consistent; only a power cut during the run could lose its last part).
    if (ctx.config.databaseKind === 'sqlite') await sql`pragma synchronous = normal`.execute(db);
    const before = processTimes();
    const { tickets, seconds } = await makeDemoChain(db, options);
    // Tables loaded in one go have no planner statistics until autovacuum gets to them, and without them
    // PostgreSQL scans every sale line for the home page's top products (bench:console: 356 -> 75 ms p50).
    if (ctx.config.databaseKind === 'postgres') await sql`analyze`.execute(db);
    console.log(
      `Demo chain ready: ${tickets.toLocaleString('en-US')} tickets in ${options.days} days across ${BRANCHES.length} branches, ${describeTimes(seconds, before, processTimes())}.`,
    );
    return 0;
  },
};
