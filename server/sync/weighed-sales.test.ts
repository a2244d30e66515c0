import { beforeAll, describe, expect, it } from 'vitest';
import type { ExplorerResponse, LinesResponse, TicketDetail } from '../../shared/console/reports-sales';
import type { ProductDoc, SaleDoc } from '../../shared/protocol';
import { lineGrossCents, quantityFromPrice } from '../../shared/sale/line-amount';
import { weighedLineSummaries } from '../db/migrations/0024-weighed-line-summaries';
import { reportDb } from '../reports/report-db';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { makeCount, pushDocs } from '../test/device-documents';
import { catalogue, makeSale, pushSales, request, stockLevels, type PairedDevice } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

type ConsoleProduct = ProductDoc & { seq: number };

/** A ticket of one weighed line: `grams` of the product, worth what the shared rule says (or what a label priced). */
function weighedSale(device: PairedDevice, seq: number, p: ProductDoc, grams: number, label: number | null = null) {
  const line = { unitPriceCents: p.priceCents, quantity: grams, quantityDecimals: 3, labelPriceCents: label };
  const total = lineGrossCents(line);
  const sale = makeSale(device, seq, [{ product: p, quantity: grams }]);
  const lines: SaleDoc['lines'] = [
    { ...sale.lines[0]!, unit: 'kg', quantityDecimals: 3, labelPriceCents: label, lineTotalCents: total },
  ];
  return {
    ...sale,
    lines,
    totalCents: total,
    payments: [{ method: 'cash' as const, amountCents: total, tenderedCents: total }],
  };
}

describe.each(reachableTestDatabases)(
  'sold by weight, several barcodes (issue 13) on $label',
  (database: TestDatabase) => {
    const { server, admin, device } = useTestServer(database, {
      managers: { admin: 'admin' },
      devices: { device: { name: 'Caja 1' } },
    });
    let apples: ConsoleProduct;

    beforeAll(async () => {
      const created = await request<ConsoleProduct>(server.url, '/api/console/products', {
        method: 'POST',
        json: {
          sku: 'MANZ-KG',
          name: 'Manzana a granel',
          priceCents: 320,
          unit: 'kg',
          quantityDecimals: 3,
          barcodes: ['2000123000002', '7501000099991'],
        },
        headers: admin.headers(),
      });
      expect(created.status).toBe(201);
      apples = created.body;
    });

    it('a product with a unit, decimals and two barcodes reaches the tablet as it was made', async () => {
      const pulled = (await catalogue(server.url, device.token)).find((p) => p.id === apples.id)!;
      expect(pulled).toMatchObject({
        unit: 'kg',
        quantityDecimals: 3,
        barcodes: ['2000123000002', '7501000099991'],
        barcode: '2000123000002',
      });
    });

    it('a weighed sale is ingested and the ledger moves by exactly its grams', async () => {
      const before = (await stockLevels(server.db, device.branch.locationId)).get(apples.id)?.quantity ?? 0;
      const sale = weighedSale(device, 1, apples, 1250);
      expect(sale.totalCents).toBe(400);
      const res = await pushSales(server.url, device.token, [sale]);
      expect(res.status).toBe(200);
      expect(res.body.rejected).toEqual([]);
      expect((await stockLevels(server.db, device.branch.locationId)).get(apples.id)?.quantity).toBe(before - 1250);
    });

    it('SPEC S11: a line in another unit than its product is applied; stock moves by its converted quantity, or not at all, with one item', async () => {
      const unitItems = (saleId: string) =>
        server.db
          .selectFrom('reconciliation_items')
          .select(['kind', 'details'])
          .where('sale_id', '=', saleId)
          .where('kind', '=', 'unit_mismatch')
          .execute();
      const level = async () => (await stockLevels(server.db, device.branch.locationId)).get(apples.id)?.quantity ?? 0;
      const before = await level();
      // Two "pieces" of a product sold by the kilogram: no amount of stock follows from it.
      const base = weighedSale(device, 50, apples, 2);
      const pieces = { ...base, lines: [{ ...base.lines[0]!, unit: 'each' as const, quantityDecimals: 0 }] };
      pieces.lines[0]!.lineTotalCents = lineGrossCents({ unitPriceCents: apples.priceCents, quantity: 2 });
      pieces.totalCents = pieces.lines[0]!.lineTotalCents;
      pieces.payments = [{ method: 'cash', amountCents: pieces.totalCents, tenderedCents: pieces.totalCents }];
      // 1,25 kg counted with 2 decimals (a tablet's older catalogue): 1250 g of stock.
      const coarse = weighedSale(device, 51, apples, 125);
      coarse.lines[0] = { ...coarse.lines[0]!, quantityDecimals: 2 };
      coarse.lines[0].lineTotalCents = lineGrossCents({ unitPriceCents: 320, quantity: 125, quantityDecimals: 2 });
      coarse.totalCents = coarse.lines[0].lineTotalCents;
      coarse.payments = [{ method: 'cash', amountCents: coarse.totalCents, tenderedCents: coarse.totalCents }];
      const res = await pushSales(server.url, device.token, [pieces, coarse]);
      expect(res.body.rejected).toEqual([]);
      expect(res.body.acks.map((a) => a.id)).toEqual([pieces.id, coarse.id]);
      expect(await level()).toBe(before - 1250);
      const [none] = await unitItems(pieces.id);
      expect(JSON.parse(none!.details)).toMatchObject({
        lineUnit: 'each',
        productUnit: 'kg',
        productDecimals: 3,
        lineQuantity: 2,
        movedQuantity: null,
      });
      const [converted] = await unitItems(coarse.id);
      expect(JSON.parse(converted!.details)).toMatchObject({ lineDecimals: 2, movedQuantity: 1250 });
      // Retried: acknowledged again, nothing moves twice, one item per line (SPEC S2, invariant 7).
      await pushSales(server.url, device.token, [pieces, coarse]);
      expect(await level()).toBe(before - 1250);
      expect(await unitItems(pieces.id)).toHaveLength(1);
      // A line that counts as its product opens no such item.
      const right = weighedSale(device, 52, apples, 500);
      await pushSales(server.url, device.token, [right]);
      expect(await unitItems(right.id)).toEqual([]);
    });

    it('reports value a weighed line by the shared rule (its grams are not kilograms), by product, by day and by category', async () => {
      const sale = weighedSale(device, 60, apples, 750);
      expect((await pushSales(server.url, device.token, [sale])).body.rejected).toEqual([]);
      // Every ticket of this file is a sale of apples: the report's gross is what their lines were worth.
      const lines = await server.db.selectFrom('sale_lines').select(['line_total_cents', 'discount_cents']).execute();
      const worth = lines.reduce((sum, l) => sum + Number(l.line_total_cents) + Number(l.discount_cents), 0);
      expect(worth).toBeGreaterThan(0);
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      for (const groupBy of ['product', 'day', 'category'] as const) {
        const query = new URLSearchParams({ from: day(-1), to: day(1), groupBy });
        const res = await request<ExplorerResponse>(server.url, `/api/console/reports/sales?${query}`, {
          headers: admin.headers(),
        });
        expect(res.status).toBe(200);
        expect({ groupBy, gross: res.body.totals.grossCents }).toEqual({ groupBy, gross: worth });
      }
    });

    it('the sale-lines report prices a weighed line at the master price by the shared rule: no difference when none', async () => {
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      const query = new URLSearchParams({ from: day(-1), to: day(1), product: apples.id });
      const res = await request<LinesResponse>(server.url, `/api/console/reports/sales/lines?${query}`, {
        headers: admin.headers(),
      });
      expect(res.status).toBe(200);
      const weighed = res.body.lines.find((l) => l.quantity === 1250)!;
      expect(weighed).toMatchObject({ reportedCents: 400, masterCents: 400, differenceCents: 0 });
      // The ticket says how its line was counted, so the console shows 1,250 kg.
      const ticket = await request<TicketDetail>(server.url, `/api/console/reports/tickets/${weighed.saleId}`, {
        headers: admin.headers(),
      });
      expect(ticket.body.lines[0]).toMatchObject({ quantity: 1250, unit: 'kg', quantityDecimals: 3 });
    });

    it('an oversell of a weighed product says how it counts, so the console shows its level in kilograms', async () => {
      const item = await server.db
        .selectFrom('reconciliation_items')
        .select('details')
        .where('kind', '=', 'oversell')
        .where('product_id', '=', apples.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(item.details)).toMatchObject({ unit: 'kg', quantityDecimals: 3 });
    });

    it('a tablet count of a weighed product opens its discrepancy item with the product’s unit', async () => {
      const count = makeCount(device, apples.id, 2500, 2000);
      const res = await pushDocs(server.url, device.token, 'counts', [count]);
      expect(res.body.rejected).toEqual([]);
      const item = await server.db
        .selectFrom('reconciliation_items')
        .select('details')
        .where('kind', '=', 'count_discrepancy')
        .where('document_id', '=', count.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(item.details)).toMatchObject({ unit: 'kg', quantityDecimals: 3, counted: 2500 });
    });

    it('a price-embedded label line is taken at the label price with the derived quantity; another quantity is refused', async () => {
      const grams = quantityFromPrice(199, 320, 3)!;
      const good = weighedSale(device, 2, apples, grams, 199);
      expect(good.totalCents).toBe(199);
      expect((await pushSales(server.url, device.token, [good])).body.rejected).toEqual([]);
      const wrong = weighedSale(device, 3, apples, grams + 5, 199);
      const res = await pushSales(server.url, device.token, [wrong]);
      expect(res.body.rejected).toEqual([
        expect.objectContaining({
          id: wrong.id,
          code: 'BAD_REQUEST',
          message: expect.stringMatching(/does not add up/),
        }),
      ]);
    });

    it('a weighed line whose total is not the rule’s is refused with a clear message, nothing applied', async () => {
      const before = (await stockLevels(server.db, device.branch.locationId)).get(apples.id)?.quantity;
      const sale = weighedSale(device, 3, apples, 333);
      const off = { ...sale, lines: [{ ...sale.lines[0]!, lineTotalCents: 106 }], totalCents: 106 };
      const res = await pushSales(server.url, device.token, [
        { ...off, payments: [{ method: 'cash', amountCents: 106, tenderedCents: 106 }] },
      ]);
      expect(res.body.rejected).toEqual([
        expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringMatching(/lineTotalCents 106/) }),
      ]);
      expect((await stockLevels(server.db, device.branch.locationId)).get(apples.id)?.quantity).toBe(before);
    });

    it('a barcode another product holds is refused with 409 naming that product, and nothing changes', async () => {
      const res = await request<{ error: { code: string; message: string } }>(server.url, '/api/console/products', {
        method: 'POST',
        json: { sku: 'PERA-KG', name: 'Pera a granel', priceCents: 290, barcodes: ['7501000099991'] },
        headers: admin.headers(),
      });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/7501000099991.*Manzana a granel.*MANZ-KG/);
      const list = await request<{ items: ConsoleProduct[] }>(server.url, '/api/console/products?query=PERA-KG', {
        headers: admin.headers(),
      });
      expect(list.body.items).toEqual([]);
    });

    it('a CSV import sets the unit, the decimals and several barcodes; a barcode of another product is refused', async () => {
      const csv =
        'sku,name,priceCents,unit,quantityDecimals,barcodes\nPLAT-KG,Plátano,180,kg,3,2000456000009|7501000088881\n';
      const res = await request(server.url, '/api/console/products/import', {
        method: 'POST',
        json: { csv, confirm: true },
        headers: admin.headers(),
      });
      expect(res.status).toBe(200);
      const bananas = (await catalogue(server.url, device.token)).find((p) => p.sku === 'PLAT-KG')!;
      expect(bananas).toMatchObject({ unit: 'kg', quantityDecimals: 3, barcodes: ['2000456000009', '7501000088881'] });
      const taken = await request(server.url, '/api/console/products/import', {
        method: 'POST',
        json: { csv: 'sku,name,priceCents,barcodes\nKIWI,Kiwi,90,7501000088881\n', confirm: true },
        headers: admin.headers(),
      });
      expect(taken.status).toBe(409);
      expect((await catalogue(server.url, device.token)).find((p) => p.sku === 'KIWI')).toBeUndefined();
    });

    it('migration 0024 sums again the summaries written when a weighed line was worth price × grams', async () => {
      const db = reportDb(server.db);
      const figures = async () => ({
        tickets: await db.selectFrom('report_tickets').select(['sale_id', 'gross_cents']).orderBy('sale_id').execute(),
        hours: await db
          .selectFrom('report_sales_hours')
          .select(['local_date', 'local_hour', 'sale_gross_cents'])
          .where('branch_id', '=', DEMO_BRANCH_ID)
          .orderBy('local_date')
          .orderBy('local_hour')
          .execute(),
        categories: await db
          .selectFrom('report_category_days')
          .select(['local_date', 'category', 'kind', 'gross_cents'])
          .where('branch_id', '=', DEMO_BRANCH_ID)
          .orderBy('local_date')
          .orderBy('category')
          .orderBy('kind')
          .execute(),
      });
      const right = await figures();
      expect(right.tickets.length).toBeGreaterThan(0);
      // What the old rule filed: every figure off (here simply multiplied), as price × grams made them.
      await db
        .updateTable('report_tickets')
        .set((eb) => ({ gross_cents: eb('gross_cents', '*', 1000) }))
        .execute();
      await db
        .updateTable('report_sales_hours')
        .set((eb) => ({ sale_gross_cents: eb('sale_gross_cents', '*', 1000) }))
        .execute();
      await db
        .updateTable('report_category_days')
        .set((eb) => ({ gross_cents: eb('gross_cents', '*', 1000) }))
        .execute();
      expect(await figures()).not.toEqual(right);
      await db.transaction().execute((trx) => weighedLineSummaries.up(trx));
      expect(await figures()).toEqual(right);
    });
  },
);
