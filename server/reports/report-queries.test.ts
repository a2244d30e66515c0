import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import {
  explorerGroups,
  type ExplorerQuery,
  type ExplorerResponse,
  type SalesFilter,
  type TicketsResponse,
} from '../../shared/console/reports-sales';
import type { HomeResponse } from '../../shared/console/reports-home';
import type { SaleDoc } from '../../shared/protocol';
import { lineGrossCents } from '../../shared/sale/line-amount';
import { receiptNumber } from '../../shared/sale/receipt-number';
import type { DeviceIdentity } from '../auth/device-identity';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { ingestSales } from '../ledger/ingest-sales';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { createManager, type SignedIn, signedInManager, signIn } from '../test/managers';
import { addBranch, pairDevice, request, startTestServer, type TestServer } from '../test/test-server';
import { reportDb } from './report-db';
import { rebuildCategorySummaries } from './category-summary';
import { rebuildReportSummaries } from './summary-rebuild';

const OTHER_BRANCH = 'sucursal-rep-2';
const OTHER_ZONE = 'Asia/Kathmandu'; // +05:45: local days that do not start on a whole UTC hour
const DAY = 86_400_000;
/** The generated products' index sold by weight (kg with 3 decimals). */
const WEIGHED = 5;

/** The local date and hour of an instant, worked out independently of shared/console/reports-time. */
function local(iso: string, timeZone: string): { date: string; hour: number } {
  const text = new Date(iso).toLocaleString('sv-SE', { timeZone, hourCycle: 'h23' });
  return { date: text.slice(0, 10), hour: Number(text.slice(11, 13)) };
}

const halfUpTax = (gross: number, rate: number) =>
  Math.floor((2 * gross * rate + (10_000 + rate)) / (2 * (10_000 + rate)));

interface RawTicket {
  id: string;
  kind: 'sale' | 'refund';
  branchId: string;
  deviceId: string;
  cashierId: string | null;
  cashierName: string;
  date: string;
  hour: number;
  soldAt: string;
  tender: 'cash' | 'card' | 'mixed';
  lines: {
    productId: string;
    category: string;
    quantity: number;
    /** What the line adds to "units", which are articles: one for a weighed product, else its pieces. */
    articles: number;
    gross: number;
    discount: number;
    total: number;
    rate: number;
  }[];
}

/** Every ticket straight from the ledger tables (sales, sale_lines, products). */
async function ledgerTickets(server: TestServer, zones: Map<string, string>): Promise<RawTicket[]> {
  const sales = await server.db.selectFrom('sales').selectAll().execute();
  const lines = await server.db
    .selectFrom('sale_lines')
    .innerJoin('products', 'products.id', 'sale_lines.product_id')
    .select([
      'sale_lines.sale_id',
      'sale_lines.product_id',
      'products.category',
      'sale_lines.quantity',
      'sale_lines.unit_price_cents',
      'sale_lines.discount_cents',
      'sale_lines.line_total_cents',
      'sale_lines.tax_rate_bp',
      'products.unit',
      'products.quantity_decimals',
    ])
    .execute();
  return sales.map((s) => {
    const soldAt = new Date(Math.min(Date.parse(s.device_created_at), Date.parse(s.received_at))).toISOString();
    const methods = new Set((JSON.parse(s.body) as SaleDoc).payments.map((p) => p.method));
    const l = local(soldAt, zones.get(s.branch_id)!);
    return {
      id: s.id,
      kind: s.kind,
      branchId: s.branch_id,
      deviceId: s.device_id,
      cashierId: s.cashier_id,
      cashierName: s.cashier_name,
      date: l.date,
      hour: l.hour,
      soldAt,
      tender: methods.size > 1 ? 'mixed' : methods.has('card') ? 'card' : 'cash',
      lines: lines
        .filter((x) => x.sale_id === s.id)
        .map((x) => ({
          productId: x.product_id,
          category: x.category,
          quantity: Number(x.quantity),
          // Sold by measure (a unit other than the piece, or decimals): one article.
          articles: x.unit !== 'each' || Number(x.quantity_decimals) > 0 ? 1 : Number(x.quantity),
          gross: lineGrossCents({
            unitPriceCents: Number(x.unit_price_cents),
            quantity: Number(x.quantity),
            quantityDecimals: Number(x.quantity_decimals),
          }),
          discount: Number(x.discount_cents),
          total: Number(x.line_total_cents),
          rate: Number(x.tax_rate_bp),
        })),
    };
  });
}

function ticketTax(t: RawTicket): number {
  const byRate = new Map<number, number>();
  for (const l of t.lines) byRate.set(l.rate, (byRate.get(l.rate) ?? 0) + l.total);
  return [...byRate].reduce((s, [rate, gross]) => s + halfUpTax(gross, rate), 0);
}

function weekMonday(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
}

/**
 * The explorer worked out from the raw tickets, by the rules its contract states: units are
 * articles, except grouped by product (each product's quantity) unless `articlesOnly` (its totals).
 */
function expectedExplorer(tickets: RawTicket[], q: ExplorerQuery, branchIds: string[], articlesOnly = false) {
  const lineLevel = Boolean(q.product || q.category || q.groupBy === 'product' || q.groupBy === 'category');
  const rows = new Map<
    string,
    { gross: number; discount: number; tax: number; units: number; tickets: Set<string>; refunds: Set<string> }
  >();
  for (const t of tickets) {
    if (!branchIds.includes(t.branchId) || t.date < q.from || t.date > q.to) continue;
    if (q.cashier && t.cashierId !== q.cashier) continue;
    if (q.device && t.deviceId !== q.device) continue;
    if (q.tender && t.tender !== q.tender) continue;
    if (q.refundsOnly && t.kind !== 'refund') continue;
    const lines = t.lines.filter(
      (l) => (!q.product || l.productId === q.product) && (!q.category || l.category === q.category),
    );
    if (lines.length === 0) continue;
    const sign = t.kind === 'refund' ? -1 : 1;
    const parts = lineLevel
      ? lines.map((l) => ({ lines: [l], tax: halfUpTax(l.total, l.rate) }))
      : [{ lines, tax: ticketTax(t) }];
    for (const part of parts) {
      const l0 = part.lines[0]!;
      const key = {
        day: t.date,
        week: weekMonday(t.date),
        month: t.date.slice(0, 7),
        branch: t.branchId,
        cashier: t.cashierId ?? `name:${t.cashierName}`,
        device: t.deviceId,
        product: l0.productId,
        category: l0.category,
        tender: t.tender,
      }[q.groupBy];
      const row = rows.get(key) ?? { gross: 0, discount: 0, tax: 0, units: 0, tickets: new Set(), refunds: new Set() };
      for (const l of part.lines) {
        row.gross += sign * l.gross;
        row.discount += sign * l.discount;
        row.units += sign * (q.groupBy === 'product' && !articlesOnly ? l.quantity : l.articles);
      }
      row.tax += sign * part.tax;
      (t.kind === 'refund' ? row.refunds : row.tickets).add(t.id);
      rows.set(key, row);
    }
  }
  return new Map(
    [...rows].map(([key, r]) => [
      key,
      {
        grossCents: r.gross,
        discountCents: r.discount,
        taxCents: r.tax,
        totalCents: r.gross - r.discount,
        netCents: r.gross - r.discount - r.tax,
        units: r.units,
        tickets: r.tickets.size,
        refunds: r.refunds.size,
      },
    ]),
  );
}

function query(params: Record<string, string | boolean | undefined>): string {
  return Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
}

describe.each(reachableTestDatabases)('report queries against the ledger on $label', (database: TestDatabase) => {
  let server: TestServer;
  let admin: SignedIn;
  let branchManager: SignedIn;
  let devices: DeviceIdentity[];
  let products: { id: string; category: string; taxRateBp: number }[];
  const zones = new Map([
    [DEMO_BRANCH_ID, 'America/Mexico_City'],
    [OTHER_BRANCH, OTHER_ZONE],
  ]);
  const deviceSeqs = new Map<string, number>();
  const sold: SaleDoc[] = [];

  const get = async <T>(path: string, who: SignedIn = admin) => {
    const res = await request<T>(server.url, path, { headers: who.headers() });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    server = await startTestServer(database);
    await addBranch(server.db, OTHER_BRANCH, 'R2');
    admin = await signedInManager(server, { role: 'admin' });
    const m = await createManager(server.db, { role: 'branch_manager', branchIds: [DEMO_BRANCH_ID] });
    branchManager = await signIn(server.url, m.email, m.password);
    for (const [branchId, timeZone] of zones) {
      const patched = await request(server.url, `/api/console/branches/${branchId}`, {
        method: 'PATCH',
        json: { timeZone },
        headers: admin.headers(),
      });
      expect(patched.status).toBe(200);
    }
    devices = [];
    for (const branchId of [DEMO_BRANCH_ID, DEMO_BRANCH_ID, OTHER_BRANCH]) {
      const p = await pairDevice(server, branchId);
      devices.push({
        deviceId: p.deviceId,
        deviceNumber: p.deviceNumber,
        branchId: p.branch.id,
        locationId: p.branch.locationId,
        receiptPrefix: p.branch.receiptPrefix,
      });
    }
    const categories = ['Frutas', 'Lácteos', 'Panadería'];
    const now = new Date().toISOString();
    for (let i = 0; i < 6; i++) {
      await server.db
        .insertInto('products')
        .values({
          id: `rep-p${i}`,
          sku: `REP-${i}`,
          barcode: null,
          name: `Producto ${i}`,
          category: categories[i % 3]!,
          price_cents: 100 * (i + 1),
          tax_rate_bp: [0, 800, 1600][i % 3]!,
          // The last is sold by the kilogram, counted in grams: its lines are one article each.
          unit: i === WEIGHED ? 'kg' : 'each',
          quantity_decimals: i === WEIGHED ? 3 : 0,
          legacy_id: null,
          deleted: 0,
          seq: 0,
          updated_at: now,
        })
        .execute();
    }
    products = Array.from({ length: 6 }, (_, i) => ({
      id: `rep-p${i}`,
      category: categories[i % 3]!,
      taxRateBp: [0, 800, 1600][i % 3]!,
    }));
  });
  afterAll(async () => {
    await server?.close();
  });

  type GeneratedDoc = typeof docArb extends fc.Arbitrary<infer T> ? T : never;
  const lineArb = fc.record({
    product: fc.integer({ min: 0, max: 5 }),
    quantity: fc.integer({ min: 1, max: 6 }),
    unit: fc.integer({ min: 1, max: 9_999 }),
    discountPercent: fc.integer({ min: 0, max: 100 }),
  });
  const docArb = fc.record({
    device: fc.integer({ min: 0, max: 2 }),
    /** Milliseconds before now; up to 16 days, so "a week before" has sales too. */
    ago: fc.integer({ min: 0, max: 16 * DAY }),
    cashier: fc.constantFrom('c1', 'c2', null),
    lines: fc.array(lineArb, { minLength: 1, maxLength: 3 }),
    tender: fc.constantFrom('cash', 'card', 'mixed'),
    refundOf: fc.option(fc.nat(), { freq: 4 }),
    correction: fc.option(
      fc.integer({ min: -5, max: 5 }).filter((d) => d !== 0),
      { freq: 5 },
    ),
    /** A manager moves a product to another category: the category summary files its sales again. */
    recategorize: fc.option(
      fc.record({
        product: fc.integer({ min: 0, max: 5 }),
        category: fc.constantFrom('Frutas', 'Lácteos', 'Panadería', 'Bebidas'),
      }),
      { freq: 6 },
    ),
  });

  function makeDoc(g: GeneratedDoc): SaleDoc | null {
    const d = devices[g.device]!;
    const deviceSeq = (deviceSeqs.get(d.deviceId) ?? 0) + 1;
    const base = {
      id: uuidv7(),
      branchId: d.branchId,
      deviceId: d.deviceId,
      deviceSeq,
      receiptNumber: receiptNumber(d.receiptPrefix, d.deviceNumber, deviceSeq),
      cashierId: g.cashier,
      cashierName: g.cashier ? `Cajera ${g.cashier}` : 'Ana',
      shiftId: null,
      createdAt: new Date(Date.now() - g.ago).toISOString(),
      currency: 'USD',
      _deleted: false,
    };
    let lines: SaleDoc['lines'];
    let kind: SaleDoc['kind'] = 'sale';
    let refundOf: string | null = null;
    const ownSales = sold.filter((s) => s.branchId === d.branchId);
    if (g.refundOf !== null && ownSales.length > 0) {
      const original = ownSales[g.refundOf % ownSales.length]!;
      const line = original.lines[0]!;
      kind = 'refund';
      refundOf = original.id;
      const worth = lineGrossCents({ ...line, quantity: 1 });
      lines = [{ ...line, quantity: 1, discountCents: 0, discountReason: null, lineTotalCents: worth }];
    } else {
      lines = g.lines.map((l) => {
        const p = products[l.product]!;
        // A weighed product's quantity is grams (250 g steps), its price per kg: the shared line rule.
        const weighed = l.product === WEIGHED;
        const counted = weighed ? { unit: 'kg' as const, quantityDecimals: 3 } : {};
        const quantity = weighed ? l.quantity * 250 : l.quantity;
        const gross = lineGrossCents({ unitPriceCents: l.unit, quantity, ...counted });
        const discount = Math.floor((gross * l.discountPercent) / 100);
        return {
          productId: p.id,
          name: `Producto ${l.product}`,
          quantity,
          unitPriceCents: l.unit,
          taxRateBp: p.taxRateBp,
          discountCents: discount,
          discountReason: discount ? 'promo' : null,
          lineTotalCents: gross - discount,
          ...counted,
        };
      });
    }
    const total = lines.reduce((s, l) => s + l.lineTotalCents, 0);
    if (total === 0) return null;
    const payments: SaleDoc['payments'] =
      g.tender === 'mixed' && total > 1
        ? [
            { method: 'cash', amountCents: 1, tenderedCents: 1 },
            { method: 'card', amountCents: total - 1, tenderedCents: null },
          ]
        : g.tender === 'card'
          ? [{ method: 'card', amountCents: total, tenderedCents: null }]
          : [{ method: 'cash', amountCents: total, tenderedCents: total }];
    deviceSeqs.set(d.deviceId, deviceSeq);
    return { ...base, kind, refundOf, lines, totalCents: total, payments };
  }

  /** The hourly summary equals the tickets of the ledger added up by local day and hour. */
  async function expectHoursFromLedger(tickets: RawTicket[]) {
    const hours = await reportDb(server.db).selectFrom('report_sales_hours').selectAll().execute();
    const expectedHours = new Map<string, number[]>();
    for (const t of tickets) {
      const k = `${t.branchId}|${t.date}|${t.hour}`;
      const v = expectedHours.get(k) ?? [0, 0, 0, 0];
      const i = t.kind === 'sale' ? 0 : 2;
      v[i]! += 1;
      v[i + 1]! += t.lines.reduce((s, l) => s + l.total, 0);
      expectedHours.set(k, v);
    }
    expect(
      new Map(
        hours.map((h) => [
          `${h.branch_id}|${h.local_date}|${h.local_hour}`,
          [
            Number(h.sale_tickets),
            Number(h.sale_gross_cents) - Number(h.sale_discount_cents),
            Number(h.refund_tickets),
            Number(h.refund_gross_cents) - Number(h.refund_discount_cents),
          ],
        ]),
      ),
    ).toEqual(expectedHours);
  }

  /** The category summary equals the lines of the ledger added up by branch, local day, category and kind. */
  async function expectCategoriesFromLedger(tickets: RawTicket[]) {
    const expected = new Map<string, number[]>();
    for (const t of tickets) {
      const seen = new Set<string>();
      for (const l of t.lines) {
        const k = `${t.branchId}|${t.date}|${l.category}|${t.kind}`;
        const v = expected.get(k) ?? [0, 0, 0, 0, 0];
        if (!seen.has(k)) v[0]! += 1;
        seen.add(k);
        v[1]! += l.gross;
        v[2]! += l.discount;
        v[3]! += halfUpTax(l.total, l.rate);
        v[4]! += l.articles;
        expected.set(k, v);
      }
    }
    const rows = await reportDb(server.db).selectFrom('report_category_days').selectAll().execute();
    expect(
      new Map(
        rows.map((r) => [
          `${r.branch_id}|${r.local_date}|${r.category}|${r.kind}`,
          [r.tickets, r.gross_cents, r.discount_cents, r.tax_cents, r.units].map(Number),
        ]),
      ),
    ).toEqual(expected);
  }

  it('every report equals a recomputation from the raw ledger after random sales, refunds and corrections', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(docArb, { minLength: 1, maxLength: 12 }),
        fc.record({
          groupBy: fc.constantFrom(...explorerGroups),
          branch: fc.constantFrom(undefined, DEMO_BRANCH_ID, OTHER_BRANCH),
          fromAgo: fc.integer({ min: 0, max: 17 }),
          span: fc.integer({ min: 0, max: 17 }),
          filter: fc.constantFrom('none', 'cashier', 'device', 'tender', 'refundsOnly', 'product', 'category'),
          pick: fc.nat(),
        }),
        async (generated, view) => {
          for (const g of generated) {
            const doc = makeDoc(g);
            if (!doc) continue;
            const d = devices.find((x) => x.deviceId === doc.deviceId)!;
            const result = await ingestSales(server.db, d, [{ newDocumentState: doc }]);
            expect(result.rejected).toEqual([]);
            if (doc.kind === 'sale') sold.push(doc);
            if (g.correction !== null) {
              const res = await request(server.url, '/api/console/corrections', {
                json: {
                  locationId: d.locationId,
                  productId: products[0]!.id,
                  delta: g.correction,
                  reason: 'property test',
                },
                headers: admin.headers(),
              });
              expect(res.status).toBe(201);
            }
            if (g.recategorize !== null) {
              const p = products[g.recategorize.product]!;
              const row = await server.db
                .selectFrom('products')
                .select('seq')
                .where('id', '=', p.id)
                .executeTakeFirst();
              const res = await request(server.url, `/api/console/products/${p.id}`, {
                method: 'PATCH',
                json: { baseSeq: Number(row!.seq), category: g.recategorize.category },
                headers: admin.headers(),
              });
              expect(res.status).toBe(200);
              p.category = g.recategorize.category;
            }
          }
          const tickets = await ledgerTickets(server, zones);

          // The category summary holds exactly what the ledger's lines add up to under today's categories.
          await expectCategoriesFromLedger(tickets);

          // The hourly summary holds exactly what the ledger adds up to.
          await expectHoursFromLedger(tickets);

          // The explorer, through HTTP, for the generated view.
          const today = local(new Date().toISOString(), 'America/Mexico_City').date;
          const shift = (date: string, days: number) =>
            new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
          const from = shift(today, -view.fromAgo);
          const to = shift(from, view.span);
          const filter: Partial<SalesFilter> = {};
          if (view.filter === 'cashier') filter.cashier = ['c1', 'c2'][view.pick % 2];
          if (view.filter === 'device') filter.device = devices[view.pick % 3]!.deviceId;
          if (view.filter === 'tender') filter.tender = (['cash', 'card', 'mixed'] as const)[view.pick % 3];
          if (view.filter === 'refundsOnly') filter.refundsOnly = true;
          if (view.filter === 'product') filter.product = products[view.pick % 6]!.id;
          if (view.filter === 'category') filter.category = products[view.pick % 3]!.category;
          const q = { ...filter, from, to, groupBy: view.groupBy } as ExplorerQuery;
          const explored = await get<ExplorerResponse>(
            `/api/console/reports/sales?${query({ ...filter, branches: view.branch, from, to, groupBy: view.groupBy })}`,
          );
          const branchIds = view.branch ? [view.branch] : [DEMO_BRANCH_ID, OTHER_BRANCH];
          const expected = expectedExplorer(tickets, q, branchIds);
          expect(new Map(explored.rows.map(({ key, label: _label, ...totals }) => [key, totals]))).toEqual(expected);
          // The totals' units are articles in every grouping: a weighed line's grams never add to pieces.
          const articles = [...expectedExplorer(tickets, q, branchIds, true).values()].reduce((s, r) => s + r.units, 0);
          expect(explored.totals.units).toBe(articles);

          // Its tickets, page by page: the same tickets the explorer counted.
          const ids: string[] = [];
          let cursor: string | null = null;
          do {
            const page: TicketsResponse = await get<TicketsResponse>(
              `/api/console/reports/sales/tickets?${query({ ...filter, branches: view.branch, from, to, limit: '7', cursor: cursor ?? undefined })}`,
            );
            ids.push(...page.tickets.map((t) => t.id));
            cursor = page.nextCursor;
          } while (cursor);
          const counted = [...expected.values()].reduce((s, r) => s + r.tickets + r.refunds, 0);
          if (!['product', 'category'].includes(view.groupBy)) expect(ids.length).toBe(counted);
          expect(new Set(ids).size).toBe(ids.length);

          // Home: today and the same weekday a week before, per branch.
          const home = await get<HomeResponse>('/api/console/reports/home');
          for (const b of home.branches) {
            for (const [date, figures] of [
              [b.date, b.today],
              [b.compareDate, b.weekAgo],
            ] as const) {
              const own = tickets.filter((t) => t.branchId === b.branchId && t.date === date);
              const salesOnly = own.filter((t) => t.kind === 'sale');
              const refunds = own.filter((t) => t.kind === 'refund');
              const sum = (ts: RawTicket[]) => ts.reduce((s, t) => s + t.lines.reduce((x, l) => x + l.total, 0), 0);
              const units = (ts: RawTicket[]) =>
                ts.reduce((s, t) => s + t.lines.reduce((x, l) => x + l.articles, 0), 0);
              expect(figures).toEqual({
                revenueCents: sum(salesOnly) - sum(refunds),
                tickets: salesOnly.length,
                averageTicketCents: salesOnly.length ? Math.round(sum(salesOnly) / salesOnly.length) : 0,
                units: units(salesOnly) - units(refunds),
                refundsCount: refunds.length,
                refundsCents: sum(refunds),
              });
            }
          }
        },
      ),
      { numRuns: 12 },
    );

    // Rebuilt from the ledger, the summaries are what ingest wrote, row for row.
    const rdb = reportDb(server.db);
    const before = await rdb.selectFrom('report_tickets').selectAll().orderBy('sale_id').execute();
    const hoursBefore = await rdb
      .selectFrom('report_sales_hours')
      .selectAll()
      .orderBy('branch_id')
      .orderBy('local_date')
      .orderBy('local_hour')
      .execute();
    await server.db.transaction().execute((trx) => rebuildReportSummaries(reportDb(trx)));
    expect(await rdb.selectFrom('report_tickets').selectAll().orderBy('sale_id').execute()).toEqual(before);
    expect(
      await rdb
        .selectFrom('report_sales_hours')
        .selectAll()
        .orderBy('branch_id')
        .orderBy('local_date')
        .orderBy('local_hour')
        .execute(),
    ).toEqual(hoursBefore);

    const daysOrder = ['branch_id', 'local_date', 'cashier_key', 'device_id', 'tender', 'kind'] as const;
    const daysBefore = await rdb
      .selectFrom('report_sales_days')
      .selectAll()
      .orderBy([...daysOrder])
      .execute();
    await server.db.transaction().execute((trx) => rebuildReportSummaries(reportDb(trx)));
    expect(
      await rdb
        .selectFrom('report_sales_days')
        .selectAll()
        .orderBy([...daysOrder])
        .execute(),
    ).toEqual(daysBefore);

    const categoriesOrder = ['branch_id', 'local_date', 'category', 'kind'] as const;
    const categoriesBefore = await rdb
      .selectFrom('report_category_days')
      .selectAll()
      .orderBy([...categoriesOrder])
      .execute();
    await server.db.transaction().execute((trx) => rebuildCategorySummaries(reportDb(trx)));
    expect(
      (
        await rdb
          .selectFrom('report_category_days')
          .selectAll()
          .orderBy([...categoriesOrder])
          .execute()
      ).map((r) => ({ ...r, tickets: Number(r.tickets) })),
    ).toEqual(categoriesBefore.map((r) => ({ ...r, tickets: Number(r.tickets) })));

    // A branch that moves to another time zone has its sales re-filed under their new local days.
    const moved = await request(server.url, `/api/console/branches/${DEMO_BRANCH_ID}`, {
      method: 'PATCH',
      json: { timeZone: 'Pacific/Chatham' },
      headers: admin.headers(),
    });
    expect(moved.status).toBe(200);
    zones.set(DEMO_BRANCH_ID, 'Pacific/Chatham');
    await expectHoursFromLedger(await ledgerTickets(server, zones));
    await expectCategoriesFromLedger(await ledgerTickets(server, zones));
  }, 240_000);

  it('keeps a branch manager to their branches and refuses bad input with a clear 4xx', async () => {
    const other = await request(server.url, `/api/console/reports/home?branches=${OTHER_BRANCH}`, {
      headers: branchManager.headers(),
    });
    expect(other.status).toBe(403);
    const home = await get<HomeResponse>('/api/console/reports/home', branchManager);
    expect(home.branches.map((b) => b.branchId)).toEqual([DEMO_BRANCH_ID]);
    const anonymous = await request(server.url, '/api/console/reports/home');
    expect(anonymous.status).toBe(401);
    const backwards = await request<{ error: { code: string; message: string } }>(
      server.url,
      '/api/console/reports/sales?from=2026-02-02&to=2026-01-01&groupBy=day',
      { headers: admin.headers() },
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toMatch(/from must not be after to/);
    const foreignSale = sold.find((s) => s.branchId === OTHER_BRANCH);
    if (foreignSale) {
      const detail = await request(server.url, `/api/console/reports/tickets/${foreignSale.id}`, {
        headers: branchManager.headers(),
      });
      expect(detail.status).toBe(404);
    }
    const manual = await request(server.url, '/api/console/reports/manual-sales', {
      json: {
        branchId: OTHER_BRANCH,
        productId: products[0]!.id,
        quantity: 1,
        unitPriceCents: 100,
        at: new Date().toISOString(),
      },
      headers: branchManager.headers(),
    });
    expect(manual.status).toBe(403);
    const negative = await request(server.url, `/api/console/reports/settings/${DEMO_BRANCH_ID}`, {
      method: 'PATCH',
      json: { maxCashDifferenceCents: -5 },
      headers: admin.headers(),
    });
    expect(negative.status).toBe(400);
    const limit = await request<{ maxCashDifferenceCents: number }>(
      server.url,
      `/api/console/reports/settings/${DEMO_BRANCH_ID}`,
      { method: 'PATCH', json: { maxCashDifferenceCents: 500 }, headers: branchManager.headers() },
    );
    expect(limit.body.maxCashDifferenceCents).toBe(500);
  });

  it('records a manual sale through the ingest: ledger movement, price check, and the reports', async () => {
    const before = await get<HomeResponse>(`/api/console/reports/home?branches=${DEMO_BRANCH_ID}`);
    const res = await request<{ saleId: string; reconciliationOpened: boolean }>(
      server.url,
      '/api/console/reports/manual-sales',
      {
        json: {
          branchId: DEMO_BRANCH_ID,
          productId: 'rep-p1',
          quantity: 2,
          unitPriceCents: 150, // the master price is 200
          at: new Date().toISOString(),
        },
        headers: admin.headers(),
      },
    );
    expect(res.status).toBe(201);
    expect(res.body.reconciliationOpened).toBe(true);
    const after = await get<HomeResponse>(`/api/console/reports/home?branches=${DEMO_BRANCH_ID}`);
    expect(after.branches[0]!.today.revenueCents - before.branches[0]!.today.revenueCents).toBe(300);
    expect(after.branches[0]!.today.tickets - before.branches[0]!.today.tickets).toBe(1);
    const ticket = await get<{ movements: { delta: number }[]; lines: { masterUnitCents: number }[] }>(
      `/api/console/reports/tickets/${res.body.saleId}`,
    );
    expect(ticket.movements.map((m) => m.delta)).toEqual([-2]);
    expect(ticket.lines[0]!.masterUnitCents).toBe(200);
    const today = after.branches[0]!.date;
    const lines = await get<{
      lines: { saleId: string; reportedCents: number; masterCents: number; differenceCents: number }[];
    }>(
      `/api/console/reports/sales/lines?branches=${DEMO_BRANCH_ID}&from=${today}&to=${today}&product=rep-p1&limit=500`,
    );
    expect(lines.lines.find((l) => l.saleId === res.body.saleId)).toMatchObject({
      reportedCents: 300,
      masterCents: 400,
      differenceCents: -100,
    });
    const items = await server.db
      .selectFrom('reconciliation_items')
      .select('kind')
      .where('sale_id', '=', res.body.saleId)
      .execute();
    expect(items.map((i) => i.kind)).toContain('price_mismatch');
  });

  it('a manual sale of a weighed product is priced per kg: 1,250 kg at 3,20 is 4,00, and moves 1250 g', async () => {
    await server.db
      .insertInto('products')
      .values({
        id: 'rep-kg',
        sku: 'REP-KG',
        barcode: null,
        name: 'Manzana a granel',
        category: 'Frutas',
        price_cents: 320,
        tax_rate_bp: 0,
        unit: 'kg',
        quantity_decimals: 3,
        legacy_id: null,
        deleted: 0,
        seq: 0,
        updated_at: new Date().toISOString(),
      })
      .execute();
    const before = await get<HomeResponse>(`/api/console/reports/home?branches=${DEMO_BRANCH_ID}`);
    const res = await request<{ saleId: string; reconciliationOpened: boolean }>(
      server.url,
      '/api/console/reports/manual-sales',
      {
        json: {
          branchId: DEMO_BRANCH_ID,
          productId: 'rep-kg',
          quantity: 1250,
          unitPriceCents: 320,
          at: new Date().toISOString(),
        },
        headers: admin.headers(),
      },
    );
    expect(res.status).toBe(201);
    const after = await get<HomeResponse>(`/api/console/reports/home?branches=${DEMO_BRANCH_ID}`);
    expect(after.branches[0]!.today.revenueCents - before.branches[0]!.today.revenueCents).toBe(400);
    const line = await server.db
      .selectFrom('sale_lines')
      .select(['quantity', 'line_total_cents'])
      .where('sale_id', '=', res.body.saleId)
      .executeTakeFirstOrThrow();
    expect({ quantity: Number(line.quantity), total: Number(line.line_total_cents) }).toEqual({
      quantity: 1250,
      total: 400,
    });
    const body = await server.db
      .selectFrom('sales')
      .select('body')
      .where('id', '=', res.body.saleId)
      .executeTakeFirstOrThrow();
    expect((JSON.parse(body.body) as SaleDoc).lines[0]).toMatchObject({ unit: 'kg', quantityDecimals: 3 });
    const ticket = await get<{ movements: { delta: number }[] }>(`/api/console/reports/tickets/${res.body.saleId}`);
    expect(ticket.movements.map((m) => m.delta)).toEqual([-1250]);
    // Sold as the catalogue counts it, at its price: no unit or price item (only the oversell of an empty shelf).
    const items = await server.db
      .selectFrom('reconciliation_items')
      .select('kind')
      .where('sale_id', '=', res.body.saleId)
      .execute();
    expect(items.map((i) => i.kind)).not.toContain('unit_mismatch');
    expect(items.map((i) => i.kind)).not.toContain('price_mismatch');
  });
});
