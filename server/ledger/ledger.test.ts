import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Page, ReconciliationItem, MovementRow, TransferRow } from '../../shared/console/ledger-api';
import type { ProductDoc, PushResult } from '../../shared/protocol';
import type { ShiftReport } from '../../shared/sale/shift-report';
import { CENTRE_LOCATION_ID, DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { createManager, signIn, type SignedIn } from '../test/managers';
import {
  addBranch,
  makeSale,
  openStream,
  pairDevice,
  pullStock,
  pushSales,
  request,
  stockLevels,
  type PairedDevice,
} from '../test/test-server';
import { useTestServer } from '../test/use-test-server';
import { makeCount, makeRefund, makeShiftEvent, makeTransferReceipt, pushDocs } from '../test/device-documents';

function product(products: readonly ProductDoc[], name: string): ProductDoc {
  const found = products.find((p) => p.name === name);
  if (!found) throw new Error(`seed product ${name} missing`);
  return found;
}

describe.each(reachableTestDatabases)(
  'stock ledger and reconciliation over HTTP on $label',
  (database: TestDatabase) => {
    const { server, admin, products } = useTestServer(database, { managers: { admin: 'admin' }, catalogue: true });
    const seq = new Map<string, number>();

    /** The device's next deviceSeq (sales and refunds share it). */
    const nextSeq = (d: PairedDevice) => {
      const n = (seq.get(d.deviceId) ?? 0) + 1;
      seq.set(d.deviceId, n);
      return n;
    };
    const level = async (locationId: string, productId: string) =>
      (await stockLevels(server.db, locationId)).get(productId)?.quantity ?? 0;
    const items = async (query: string, who: SignedIn = admin) => {
      const res = await request<Page<ReconciliationItem>>(
        server.url,
        `/api/console/reconciliation?limit=200&${query}`,
        { headers: who.headers() },
      );
      expect(res.status).toBe(200);
      return res.body.items;
    };
    const post = <T = unknown>(path: string, json: unknown, who: SignedIn = admin) =>
      request<T>(server.url, path, { json, headers: who.headers() });
    const count = async (
      table: 'stock_movements' | 'reconciliation_items' | 'sales' | 'stock_counts' | 'transfers' | 'shift_events',
    ) =>
      Number(
        (
          await server.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    describe('refunds', () => {
      it('[S3][S2] a refund of a synced sale puts its units back as a refund movement, and a retry applies it once', async () => {
        const d = await pairDevice(server);
        const apples = product(products, 'Manzanas Orgánicas');
        const before = await level(DEMO_BRANCH_ID, apples.id);
        const sale = makeSale(d, nextSeq(d), [{ product: apples, quantity: 3 }]);
        expect((await pushSales(server.url, d.token, [sale])).body.acks).toHaveLength(1);
        const refund = makeRefund(d, nextSeq(d), sale, [{ product: apples, quantity: 2 }]);
        const first = await pushSales(server.url, d.token, [refund]);
        const again = await pushSales(server.url, d.token, [refund]);
        expect(first.body.rejected).toEqual([]);
        expect(again.body.acks).toEqual(first.body.acks);
        expect(await level(DEMO_BRANCH_ID, apples.id)).toBe(before - 3 + 2);
        const moves = await server.db
          .selectFrom('stock_movements')
          .selectAll()
          .where('sale_id', '=', refund.id)
          .execute();
        expect(moves.map((m) => [m.kind, Number(m.delta), m.actor])).toEqual([['refund', 2, `device:${d.deviceId}`]]);
        expect(await items(`kind=double_refund`)).toEqual([]);
      });

      it('[S7] a sale and its refund pushed in one batch, in device order, are both applied', async () => {
        const d = await pairDevice(server);
        const apples = product(products, 'Manzanas Orgánicas');
        const before = await level(DEMO_BRANCH_ID, apples.id);
        const sale = makeSale(d, nextSeq(d), [{ product: apples, quantity: 2 }]);
        const refund = makeRefund(d, nextSeq(d), sale, [{ product: apples, quantity: 2 }]);
        const res = await pushSales(server.url, d.token, [sale, refund]);
        expect(res.body.rejected).toEqual([]);
        expect(res.body.acks.map((a) => a.id)).toEqual([sale.id, refund.id]);
        expect(await level(DEMO_BRANCH_ID, apples.id)).toBe(before);
        expect((await items('kind=double_refund')).filter((i) => i.saleId === sale.id)).toEqual([]);
      });

      it('[S11] two devices refunding the same units offline: both accepted (the money left the till), exactly one double_refund item', async () => {
        const a = await pairDevice(server);
        const b = await pairDevice(server);
        const bread = product(products, 'Pan Integral');
        const sale = makeSale(a, nextSeq(a), [{ product: bread, quantity: 2 }]);
        await pushSales(server.url, a.token, [sale]);
        const before = await level(DEMO_BRANCH_ID, bread.id);
        const refundA = makeRefund(a, nextSeq(a), sale, [{ product: bread, quantity: 2 }]);
        const refundB = makeRefund(b, nextSeq(b), sale, [{ product: bread, quantity: 2 }]);
        const [ra, rb] = await Promise.all([
          pushSales(server.url, a.token, [refundA]),
          pushSales(server.url, b.token, [refundB]),
        ]);
        await pushSales(server.url, b.token, [refundB]);
        expect(ra.body.acks).toHaveLength(1);
        expect(rb.body.acks).toHaveLength(1);
        expect(await level(DEMO_BRANCH_ID, bread.id)).toBe(before + 4);
        const doubles = (await items('kind=double_refund')).filter((i) => i.saleId === sale.id);
        expect(doubles).toHaveLength(1);
        expect(doubles[0]!.details).toMatchObject({
          lines: [expect.objectContaining({ sold: 2, refundedBefore: 2, remaining: 0, refunded: 2 })],
        });
      });

      it('a refund of a sale the server never received is refused NOT_FOUND and applies nothing', async () => {
        const d = await pairDevice(server);
        const milk = product(products, 'Leche Deslactosada');
        const ghost = makeSale(d, 999, [{ product: milk, quantity: 1 }]);
        const before = await count('stock_movements');
        const refund = makeRefund(d, nextSeq(d), ghost, [{ product: milk, quantity: 1 }]);
        const res = await pushSales(server.url, d.token, [refund]);
        expect(res.body.acks).toEqual([]);
        expect(res.body.rejected).toEqual([expect.objectContaining({ id: refund.id, code: 'NOT_FOUND', status: 404 })]);
        expect(res.body.rejected[0]!.message).toMatch(/has not received/);
        expect(await count('stock_movements')).toBe(before);
        expect(
          await server.db.selectFrom('sales').select('id').where('id', '=', refund.id).executeTakeFirst(),
        ).toBeUndefined();
      });

      it('a refund of a product or price the sale did not charge is refused 400', async () => {
        const d = await pairDevice(server);
        const apples = product(products, 'Manzanas Orgánicas');
        const sale = makeSale(d, nextSeq(d), [{ product: apples, quantity: 1 }]);
        await pushSales(server.url, d.token, [sale]);
        const refund = makeRefund(d, nextSeq(d), sale, [{ product: apples, quantity: 1 }]);
        refund.lines[0]!.unitPriceCents += 100;
        refund.lines[0]!.lineTotalCents += 100;
        refund.totalCents += 100;
        refund.payments[0]!.amountCents += 100;
        const res = await pushSales(server.url, d.token, [refund]);
        expect(res.body.rejected).toEqual([expect.objectContaining({ code: 'BAD_REQUEST', status: 400 })]);
        const fine = makeRefund(d, nextSeq(d), sale, [{ product: apples, quantity: 1 }]);
        await pushSales(server.url, d.token, [fine]);
        const refundOfRefund = makeRefund(d, nextSeq(d), { ...fine, kind: 'sale' }, [{ product: apples, quantity: 1 }]);
        expect((await pushSales(server.url, d.token, [refundOfRefund])).body.rejected[0]).toMatchObject({
          code: 'BAD_REQUEST',
          message: expect.stringContaining('not a sale'),
        });
      });
    });

    describe('counts', () => {
      it('[S3][S4][S11] a count applies counted − believed as a movement, opens one discrepancy item under retries and concurrent pushes', async () => {
        const d = await pairDevice(server);
        const milk = product(products, 'Leche Deslactosada');
        const ledger = await level(DEMO_BRANCH_ID, milk.id);
        const c = makeCount(d, milk.id, ledger - 2 + 5, ledger - 2); // device believed 2 fewer than the ledger, counted 5 more than it believed
        const answers = await Promise.all([1, 2, 3].map(() => pushDocs(server.url, d.token, 'counts', [c])));
        await pushDocs(server.url, d.token, 'counts', [c]);
        const acks = answers.map((a) => a.body.acks);
        expect(new Set(acks.map((a) => JSON.stringify(a))).size).toBe(1);
        expect(await level(DEMO_BRANCH_ID, milk.id)).toBe(ledger + 5);
        const moves = await server.db
          .selectFrom('stock_movements')
          .selectAll()
          .where('kind', '=', 'count_adjustment')
          .where('reason', 'like', `count ${c.id}%`)
          .execute();
        expect(moves.map((m) => Number(m.delta))).toEqual([5]);
        const found = (await items('kind=count_discrepancy')).filter((i) => i.documentId === c.id);
        expect(found).toHaveLength(1);
        expect(found[0]!.details).toMatchObject({
          counted: c.countedQuantity,
          believed: c.believedQuantity,
          ledgerLevelAtApply: ledger,
          delta: 5,
        });
      });

      it('[S2] the same count id with other content is refused DOCUMENT_ID_REUSED and logged; a zero delta opens no item', async () => {
        const d = await pairDevice(server);
        const bread = product(products, 'Pan Integral');
        const c = makeCount(d, bread.id, 4, 4);
        expect((await pushDocs(server.url, d.token, 'counts', [c])).body.acks).toHaveLength(1);
        const res = await pushDocs(server.url, d.token, 'counts', [{ ...c, countedQuantity: 9 }]);
        expect(res.body.rejected).toEqual([expect.objectContaining({ code: 'DOCUMENT_ID_REUSED', status: 409 })]);
        const logged = await server.db
          .selectFrom('rejected_documents')
          .selectAll()
          .where('document_id', '=', c.id)
          .execute();
        expect(logged).toHaveLength(1);
        expect((await items('kind=count_discrepancy')).filter((i) => i.documentId === c.id)).toEqual([]);
      });

      it('bad input: a malformed count and an unknown product are refused, nothing written', async () => {
        const d = await pairDevice(server);
        const before = await count('stock_movements');
        const res = await pushDocs(server.url, d.token, 'counts', [{ id: 'x' }, makeCount(d, 'no-such-product', 1, 0)]);
        expect(res.status).toBe(200);
        expect(res.body.rejected.map((r) => r.status)).toEqual([400, 404]);
        expect(await count('stock_movements')).toBe(before);
        expect((await pushDocs(server.url, d.token, 'counts', [])).status).toBe(400);
      });
    });

    describe('oversell and price mismatch', () => {
      it('[S11] a sale below zero opens exactly one oversell item under retries and concurrent pushes; later oversells update it; after resolve a new one opens', async () => {
        const d = await pairDevice(server);
        const quinoa = product(products, 'Quinoa');
        const start = await level(DEMO_BRANCH_ID, quinoa.id);
        const first = makeSale(d, nextSeq(d), [{ product: quinoa, quantity: start + 1 }]);
        await Promise.all([1, 2, 3].map(() => pushSales(server.url, d.token, [first])));
        await pushSales(server.url, d.token, [first]);
        const oversells = async () => (await items('kind=oversell')).filter((i) => i.productId === quinoa.id);
        expect(await oversells()).toHaveLength(1);
        expect((await oversells())[0]!.details).toMatchObject({ level: -1, sales: 1 });

        const e = await pairDevice(server);
        const two = [
          makeSale(d, nextSeq(d), [{ product: quinoa, quantity: 1 }]),
          makeSale(e, nextSeq(e), [{ product: quinoa, quantity: 1 }]),
        ];
        await Promise.all([pushSales(server.url, d.token, [two[0]]), pushSales(server.url, e.token, [two[1]])]);
        const updated = await oversells();
        expect(updated).toHaveLength(1);
        expect(updated[0]!.details).toMatchObject({ level: -3, sales: 3 });

        const resolved = await post<ReconciliationItem>(`/api/console/reconciliation/${updated[0]!.id}/resolve`, {
          note: 'customer called, 3 bags back-ordered',
        });
        expect(resolved.status).toBe(200);
        expect(resolved.body).toMatchObject({
          status: 'resolved',
          resolutionNote: 'customer called, 3 bags back-ordered',
          resolvedByName: 'Admin Test',
        });
        await pushSales(server.url, d.token, [makeSale(d, nextSeq(d), [{ product: quinoa, quantity: 1 }])]);
        const after = await oversells();
        expect(after).toHaveLength(2);
        expect(after.filter((i) => i.status === 'open')).toHaveLength(1);
        expect(after.find((i) => i.status === 'open')!.details).toMatchObject({ level: -4, sales: 1 });
      });

      it('[S11] a line priced differently from the master price opens one price_mismatch item with expected, charged and difference', async () => {
        const d = await pairDevice(server);
        const apples = product(products, 'Manzanas Orgánicas');
        const sale = makeSale(d, nextSeq(d), [
          { product: { ...apples, priceCents: apples.priceCents - 50 }, quantity: 2 },
        ]);
        await pushSales(server.url, d.token, [sale]);
        await pushSales(server.url, d.token, [sale]);
        const found = (await items('kind=price_mismatch')).filter((i) => i.saleId === sale.id);
        expect(found).toHaveLength(1);
        expect(found[0]!.details).toMatchObject({
          expectedTotalCents: apples.priceCents * 2,
          chargedTotalCents: (apples.priceCents - 50) * 2,
          differenceCents: -100,
        });
      });
    });

    describe('price in force at sale time', () => {
      it('[S11] a sale is judged by the master price in force at its sale time (price history), and a device clock ahead of the server is clamped to the received time', async () => {
        const d = await pairDevice(server);
        const milk = product(products, 'Leche Deslactosada');
        const hour = 3_600_000;
        const now = Date.now();
        // Master price history: the seed's price from the server's start, +30 cents from now on, +100 scheduled an hour ahead.
        await new Promise((r) => setTimeout(r, 5));
        await server.db
          .insertInto('product_prices')
          .values([
            {
              id: uuidv7(),
              product_id: milk.id,
              price_cents: milk.priceCents + 30,
              valid_from: new Date(now).toISOString(),
              seq: 1_000_000,
            },
            {
              id: uuidv7(),
              product_id: milk.id,
              price_cents: milk.priceCents + 100,
              valid_from: new Date(now + hour).toISOString(),
              seq: 1_000_001,
            },
          ])
          .execute();
        const at = (price: number, createdAt: string) =>
          makeSale(d, nextSeq(d), [{ product: { ...milk, priceCents: price }, quantity: 1 }], { createdAt });
        const offlineYesterdayOldPrice = at(milk.priceCents, new Date(now - 24 * hour).toISOString());
        const nowNewPrice = at(milk.priceCents + 30, new Date(now + 1000).toISOString());
        const fastClockFuturePrice = at(milk.priceCents + 100, new Date(now + 2 * hour).toISOString());
        await pushSales(server.url, d.token, [offlineYesterdayOldPrice, nowNewPrice, fastClockFuturePrice]);
        const mismatches = (await items('kind=price_mismatch')).filter((i) => i.productId === milk.id);
        expect(mismatches.map((i) => i.saleId)).toEqual([fastClockFuturePrice.id]);
        expect(mismatches[0]!.details).toMatchObject({
          expectedUnitCents: milk.priceCents + 30,
          chargedUnitCents: milk.priceCents + 100,
          differenceCents: 70,
        });
        await server.db.deleteFrom('product_prices').where('seq', 'in', [1_000_000, 1_000_001]).execute();
      });
    });

    describe('receipts, transfers, corrections, movements', () => {
      it('[S11] a transfer takes stock out at the source at once; the branch receipt applies transfer_in and a short delivery opens one transfer_discrepancy', async () => {
        const d = await pairDevice(server);
        const coffee = product(products, 'Café Premium');
        const bread = product(products, 'Pan Integral');
        const centreBefore = await level(CENTRE_LOCATION_ID, coffee.id);
        const branchBefore = await level(DEMO_BRANCH_ID, coffee.id);
        const sent = await post<{ id: string; status: string }>('/api/console/transfers', {
          fromLocationId: CENTRE_LOCATION_ID,
          toLocationId: DEMO_BRANCH_ID,
          lines: [
            { productId: coffee.id, quantity: 10 },
            { productId: bread.id, quantity: 4 },
          ],
          note: 'weekly',
        });
        expect(sent.status).toBe(201);
        expect(await level(CENTRE_LOCATION_ID, coffee.id)).toBe(centreBefore - 10);
        const row = await server.db
          .selectFrom('transfers')
          .selectAll()
          .where('id', '=', sent.body.id)
          .executeTakeFirstOrThrow();
        expect(row.status).toBe('sent');

        const receipt = makeTransferReceipt(d, sent.body.id, [
          { productId: coffee.id, quantity: 8 },
          { productId: bread.id, quantity: 4 },
        ]);
        const [r1] = await Promise.all([
          pushDocs(server.url, d.token, 'transferreceipts', [receipt]),
          pushDocs(server.url, d.token, 'transferreceipts', [receipt]),
        ]);
        expect(r1.body.acks).toHaveLength(1);
        expect(await level(DEMO_BRANCH_ID, coffee.id)).toBe(branchBefore + 8);
        const after = await server.db
          .selectFrom('transfers')
          .selectAll()
          .where('id', '=', sent.body.id)
          .executeTakeFirstOrThrow();
        expect(after.status).toBe('received');
        const found = (await items('kind=transfer_discrepancy')).filter((i) => i.documentId === sent.body.id);
        expect(found).toHaveLength(1);
        expect(found[0]!.details).toMatchObject({
          lines: [{ productId: coffee.id, sent: 10, received: 8, difference: -2 }],
        });

        const listed = await request<Page<TransferRow>>(
          server.url,
          `/api/console/transfers?locationId=${DEMO_BRANCH_ID}&status=received`,
          { headers: admin.headers() },
        );
        expect(listed.body.items.find((t) => t.id === sent.body.id)).toMatchObject({
          status: 'received',
          receivedLines: receipt.lines,
          createdBy: expect.stringMatching(/^manager:/),
        });

        const second = await pushDocs(server.url, d.token, 'transferreceipts', [
          makeTransferReceipt(d, sent.body.id, [{ productId: coffee.id, quantity: 10 }]),
        ]);
        expect(second.body.rejected).toEqual([expect.objectContaining({ code: 'CONFLICT', status: 409 })]);
      });

      it('[S11] a transfer to the central warehouse (no tablets) is confirmed in the console: transfer_in there, once, with a discrepancy when over', async () => {
        const quinoa = product(products, 'Quinoa');
        const sent = await post<{ id: string }>('/api/console/transfers', {
          fromLocationId: DEMO_BRANCH_ID,
          toLocationId: CENTRE_LOCATION_ID,
          lines: [{ productId: quinoa.id, quantity: 2 }],
          note: 'return',
        });
        expect(sent.status).toBe(201);
        const before = await level(CENTRE_LOCATION_ID, quinoa.id);
        const arrival = { lines: [{ productId: quinoa.id, quantity: 3 }] };
        const first = await post<{ discrepancy: boolean }>(`/api/console/transfers/${sent.body.id}/receive`, arrival);
        expect(first.status).toBe(200);
        expect(first.body.discrepancy).toBe(true);
        expect((await post(`/api/console/transfers/${sent.body.id}/receive`, arrival)).status).toBe(409);
        expect(await level(CENTRE_LOCATION_ID, quinoa.id)).toBe(before + 3);
        const found = (await items('kind=transfer_discrepancy')).filter((i) => i.documentId === sent.body.id);
        expect(found).toHaveLength(1);
        expect(found[0]!).toMatchObject({
          branchId: null,
          details: { lines: [{ sent: 2, received: 3, difference: 1 }] },
        });
        expect((await post('/api/console/transfers/nope/receive', arrival)).status).toBe(404);
        expect((await post(`/api/console/transfers/${sent.body.id}/cancel`, { reason: 'too late' })).status).toBe(409);
      });

      it('a cancelled transfer returns its units to the source and can no longer be received by the branch', async () => {
        const d = await pairDevice(server);
        const milk = product(products, 'Leche Deslactosada');
        const centre = await level(CENTRE_LOCATION_ID, milk.id);
        const sent = await post<{ id: string }>('/api/console/transfers', {
          fromLocationId: CENTRE_LOCATION_ID,
          toLocationId: DEMO_BRANCH_ID,
          lines: [{ productId: milk.id, quantity: 5 }],
        });
        expect(await level(CENTRE_LOCATION_ID, milk.id)).toBe(centre - 5);
        expect(
          (await post(`/api/console/transfers/${sent.body.id}/cancel`, { reason: 'truck broke down' })).status,
        ).toBe(200);
        expect(await level(CENTRE_LOCATION_ID, milk.id)).toBe(centre);
        const late = await pushDocs(server.url, d.token, 'transferreceipts', [
          makeTransferReceipt(d, sent.body.id, [{ productId: milk.id, quantity: 5 }]),
        ]);
        expect(late.body.rejected[0]).toMatchObject({
          code: 'CONFLICT',
          status: 409,
          message: expect.stringContaining('cancelled'),
        });
        expect((await post(`/api/console/transfers/${sent.body.id}/cancel`, { reason: 'twice' })).status).toBe(409);
      });

      it('receipts and corrections are movements with who and why; bad input is 400 and writes nothing', async () => {
        const milk = product(products, 'Leche Deslactosada');
        const before = await level(CENTRE_LOCATION_ID, milk.id);
        expect(
          (
            await post('/api/console/receipts', {
              locationId: CENTRE_LOCATION_ID,
              lines: [{ productId: milk.id, quantity: 12 }],
              supplierNote: 'Lácteos del Valle, albarán 881',
            })
          ).status,
        ).toBe(201);
        const corr = await post<{ level: number }>('/api/console/corrections', {
          locationId: CENTRE_LOCATION_ID,
          productId: milk.id,
          delta: -1,
          reason: 'broken bottle',
        });
        expect(corr.status).toBe(201);
        expect(corr.body.level).toBe(before + 11);
        const moves = await request<Page<MovementRow>>(
          server.url,
          `/api/console/movements?locationId=${CENTRE_LOCATION_ID}&productId=${milk.id}&limit=2`,
          { headers: admin.headers() },
        );
        expect(moves.body.items.map((m) => [m.kind, m.delta, m.reason])).toEqual([
          ['correction', -1, 'broken bottle'],
          ['receipt', 12, 'received: Lácteos del Valle, albarán 881'],
        ]);
        expect(moves.body.items[0]!.actor).toMatch(/^manager:/);

        const movementsBefore = await count('stock_movements');
        const transfersBefore = await count('transfers');
        const bad = [
          await post('/api/console/corrections', {
            locationId: CENTRE_LOCATION_ID,
            productId: milk.id,
            delta: 0,
            reason: 'nothing',
          }),
          await post('/api/console/corrections', {
            locationId: CENTRE_LOCATION_ID,
            productId: milk.id,
            delta: 1.5,
            reason: 'half',
          }),
          await post('/api/console/receipts', {
            locationId: CENTRE_LOCATION_ID,
            lines: [
              { productId: milk.id, quantity: 1 },
              { productId: 'nope', quantity: 1 },
            ],
            supplierNote: 'x',
          }),
          await post('/api/console/transfers', {
            fromLocationId: CENTRE_LOCATION_ID,
            toLocationId: CENTRE_LOCATION_ID,
            lines: [{ productId: milk.id, quantity: 1 }],
          }),
          await post('/api/console/transfers', {
            fromLocationId: 'nowhere',
            toLocationId: DEMO_BRANCH_ID,
            lines: [{ productId: milk.id, quantity: 1 }],
          }),
          await request(server.url, '/api/console/corrections', { rawBody: '{not json', headers: admin.headers() }),
        ];
        expect(bad.map((r) => r.status)).toEqual([400, 400, 404, 400, 404, 400]);
        expect(await count('stock_movements')).toBe(movementsBefore);
        expect(await count('transfers')).toBe(transfersBefore);
      });

      it('movements list newest first in pages that neither repeat nor skip a row', async () => {
        const seen: MovementRow[] = [];
        let cursor: string | null = null;
        do {
          const res: Awaited<ReturnType<typeof request<Page<MovementRow>>>> = await request<Page<MovementRow>>(
            server.url,
            `/api/console/movements?locationId=${DEMO_BRANCH_ID}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
            { headers: admin.headers() },
          );
          expect(res.status).toBe(200);
          seen.push(...res.body.items);
          cursor = res.body.nextCursor;
        } while (cursor);
        const all = await server.db
          .selectFrom('stock_movements')
          .select('id')
          .where('location_id', '=', DEMO_BRANCH_ID)
          .execute();
        expect(seen.map((m) => m.id).sort()).toEqual(all.map((m) => m.id).sort());
        for (let i = 1; i < seen.length; i++) expect(seen[i - 1]!.seq).toBeGreaterThanOrEqual(seen[i]!.seq);
        expect(
          (await request(server.url, '/api/console/movements?cursor=garbage', { headers: admin.headers() })).status,
        ).toBe(400);
        expect((await request(server.url, '/api/console/movements')).status).toBe(401);
      });

      it("a product's movements page newest first however far apart their sequence numbers are (bucketed history index)", async () => {
        const [coffee, bread] = [product(products, 'Café Premium'), product(products, 'Pan Integral')];
        // Corrections of coffee at two locations, with runs of other writes between them (sequence
        // numbers skipped) long enough to cross the history index's buckets of 4,096 and its
        // widening search windows; bread moves in between and must never show.
        const gaps = [0, 1, 4096 * 3, 4096 * 40, 7, 4096 * 700, 4096 * 2, 0];
        for (const [i, gap] of gaps.entries()) {
          await server.db
            .updateTable('server_sequence')
            .set((eb) => ({ value: eb('value', '+', gap) }))
            .where('id', '=', 1)
            .execute();
          const locationId = i % 3 === 0 ? CENTRE_LOCATION_ID : DEMO_BRANCH_ID;
          expect(
            (
              await post('/api/console/corrections', {
                locationId,
                productId: coffee.id,
                delta: i + 1,
                reason: `history ${i}`,
              })
            ).status,
          ).toBe(201);
          expect(
            (await post('/api/console/corrections', { locationId, productId: bread.id, delta: 1, reason: 'between' }))
              .status,
          ).toBe(201);
        }
        const pages = async (query: string) => {
          const seen: MovementRow[] = [];
          let cursor: string | null = null;
          do {
            const res: Awaited<ReturnType<typeof request<Page<MovementRow>>>> = await request<Page<MovementRow>>(
              server.url,
              `/api/console/movements?${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
              { headers: admin.headers() },
            );
            expect(res.status).toBe(200);
            seen.push(...res.body.items);
            cursor = res.body.nextCursor;
          } while (cursor);
          return seen.map((m) => m.id);
        };
        const truth = async (locationId?: string) => {
          let query = server.db.selectFrom('stock_movements').select('id').where('product_id', '=', coffee.id);
          if (locationId) query = query.where('location_id', '=', locationId);
          return (await query.orderBy('seq', 'desc').orderBy('id', 'desc').execute()).map((r) => r.id);
        };
        expect((await truth()).length).toBeGreaterThan(gaps.length);
        expect(await pages(`productId=${coffee.id}`)).toEqual(await truth());
        expect(await pages(`productId=${coffee.id}&locationId=${DEMO_BRANCH_ID}`)).toEqual(await truth(DEMO_BRANCH_ID));
        expect(await pages(`productId=${coffee.id}&locationId=${CENTRE_LOCATION_ID}`)).toEqual(
          await truth(CENTRE_LOCATION_ID),
        );
      });

      it('the console endpoints are in the OpenAPI document with their request schemas', async () => {
        const doc = await request<{ paths: Record<string, Record<string, unknown>> }>(server.url, '/api/openapi.json');
        for (const path of [
          '/api/console/receipts',
          '/api/console/transfers/{id}/receive',
          '/api/console/movements',
          '/api/console/reconciliation/{id}/resolve',
          '/api/console/shifts',
        ]) {
          expect(doc.body.paths[path], path).toBeDefined();
        }
      });

      it('stock and sales lists page with lines', async () => {
        const stock = await request<Page<{ productId: string; quantity: number }>>(
          server.url,
          `/api/console/stock?locationId=${DEMO_BRANCH_ID}&limit=2`,
          { headers: admin.headers() },
        );
        expect(stock.body.items).toHaveLength(2);
        expect(stock.body.nextCursor).not.toBeNull();
        const sales = await request<Page<{ lines: unknown[]; receiptNumber: string }>>(
          server.url,
          `/api/console/sales?branchId=${DEMO_BRANCH_ID}&limit=3`,
          { headers: admin.headers() },
        );
        expect(sales.status).toBe(200);
        expect(sales.body.items).toHaveLength(3);
        expect(sales.body.items[0]!.lines.length).toBeGreaterThan(0);
      });
    });

    describe('scope (invariant 8)', () => {
      it("a branch manager neither sees nor acts on another branch's items, stock or movements", async () => {
        await addBranch(server.db, 'sucursal-002', '002');
        const other = await pairDevice(server, 'sucursal-002');
        const quinoa = product(products, 'Quinoa');
        await pushSales(server.url, other.token, [makeSale(other, 1, [{ product: quinoa, quantity: 1 }])]);
        const otherItem = (await items('kind=oversell&branchId=sucursal-002'))[0]!;
        expect(otherItem).toBeDefined();

        const m = await createManager(server.db, { role: 'branch_manager', branchIds: [DEMO_BRANCH_ID] });
        const mine = await signIn(server.url, m.email, m.password);
        const visible = await items('', mine);
        expect(visible.length).toBeGreaterThan(0);
        expect(visible.every((i) => i.branchId === DEMO_BRANCH_ID)).toBe(true);
        const h = { headers: mine.headers() };
        expect((await request(server.url, '/api/console/reconciliation?branchId=sucursal-002', h)).status).toBe(403);
        expect(
          (await post(`/api/console/reconciliation/${otherItem.id}/resolve`, { note: 'not mine to resolve' }, mine))
            .status,
        ).toBe(403);
        expect((await post(`/api/console/reconciliation/${otherItem.id}/assign`, {}, mine)).status).toBe(403);
        expect((await request(server.url, '/api/console/stock?locationId=sucursal-002', h)).status).toBe(403);
        expect((await request(server.url, `/api/console/movements?locationId=${CENTRE_LOCATION_ID}`, h)).status).toBe(
          403,
        );
        expect(
          (
            await post(
              '/api/console/corrections',
              { locationId: 'sucursal-002', productId: quinoa.id, delta: 1, reason: 'not allowed' },
              mine,
            )
          ).status,
        ).toBe(403);
        const toCentre = await post<{ id: string }>(
          '/api/console/transfers',
          {
            fromLocationId: DEMO_BRANCH_ID,
            toLocationId: CENTRE_LOCATION_ID,
            lines: [{ productId: quinoa.id, quantity: 1 }],
          },
          mine,
        );
        expect(toCentre.status).toBe(201);
        expect(
          (
            await post(
              `/api/console/transfers/${toCentre.body.id}/receive`,
              { lines: [{ productId: quinoa.id, quantity: 1 }] },
              mine,
            )
          ).status,
        ).toBe(403);
        const all = await request<Page<MovementRow>>(server.url, '/api/console/movements?limit=200', h);
        expect(all.body.items.every((r) => r.locationId === DEMO_BRANCH_ID)).toBe(true);

        const ourSale = makeSale(other, 2, [{ product: quinoa, quantity: 1 }]);
        await pushSales(server.url, other.token, [ourSale]);
        const d = await pairDevice(server);
        const crossRefund = makeRefund(d, nextSeq(d), ourSale, [{ product: quinoa, quantity: 1 }]);
        expect((await pushSales(server.url, d.token, [crossRefund])).body.rejected[0]).toMatchObject({
          code: 'FORBIDDEN',
          status: 403,
        });

        const own = visible.find((i) => i.status !== 'resolved')!;
        expect(
          (await request<ReconciliationItem>(server.url, `/api/console/reconciliation/${own.id}`, h)).body.id,
        ).toBe(own.id);
        expect((await request(server.url, `/api/console/reconciliation/${otherItem.id}`, h)).status).toBe(403);
        const otherManager = await createManager(server.db, { role: 'branch_manager', branchIds: ['sucursal-002'] });
        expect(
          (await post(`/api/console/reconciliation/${own.id}/assign`, { managerId: otherManager.id })).status,
        ).toBe(400);
        expect(
          (await post<ReconciliationItem>(`/api/console/reconciliation/${own.id}/assign`, { managerId: m.id })).body,
        ).toMatchObject({ status: 'assigned', assignedTo: m.id, assignedToName: 'Gerente Test' });
        const assigned = await post<ReconciliationItem>(`/api/console/reconciliation/${own.id}/assign`, {}, mine);
        expect(assigned.body).toMatchObject({ status: 'assigned', assignedTo: m.id });
        expect(
          (
            await request(server.url, '/api/console/reconciliation/x/resolve', {
              method: 'POST',
              json: { note: 'no csrf' },
              headers: { cookie: mine.cookie },
            })
          ).status,
        ).toBe(403);
        expect((await post(`/api/console/reconciliation/${own.id}/resolve`, { note: '' }, mine)).status).toBe(400);
      });
    });

    describe('shifts', () => {
      it('shift events are stored once; the report derives float, sales by tender, refunds, cash in/out, expected and over/short', async () => {
        const d = await pairDevice(server);
        const apples = product(products, 'Manzanas Orgánicas');
        const shiftId = uuidv7();
        const open = makeShiftEvent(d, shiftId, 'open', 10000);
        const first = await pushDocs(server.url, d.token, 'shiftevents', [open]);
        expect((await pushDocs(server.url, d.token, 'shiftevents', [open])).body.acks).toEqual(first.body.acks);
        const cashSale = makeSale(d, nextSeq(d), [{ product: apples, quantity: 2 }], { shiftId });
        const cardSale = makeSale(d, nextSeq(d), [{ product: apples, quantity: 1 }], {
          shiftId,
          payments: [{ method: 'card', amountCents: apples.priceCents, tenderedCents: null }],
        });
        const refund = makeRefund(d, nextSeq(d), cashSale, [{ product: apples, quantity: 1 }], { shiftId });
        await pushSales(server.url, d.token, [cashSale, cardSale, refund]);
        await pushDocs(server.url, d.token, 'shiftevents', [
          makeShiftEvent(d, shiftId, 'cash_out', 2000, { reason: 'supplier' }),
          makeShiftEvent(d, shiftId, 'close', 8400),
        ]);
        const res = await request<{ items: ShiftReport[] }>(
          server.url,
          `/api/console/shifts?branchId=${DEMO_BRANCH_ID}`,
          { headers: admin.headers() },
        );
        const report = res.body.items.find((r) => r.shiftId === shiftId)!;
        const expected = 10000 + 2 * apples.priceCents - apples.priceCents - 2000;
        expect(report).toMatchObject({
          status: 'closed',
          floatCents: 10000,
          cashSalesCents: 2 * apples.priceCents,
          cardSalesCents: apples.priceCents,
          cashRefundsCents: apples.priceCents,
          cashOutCents: 2000,
          expectedCashCents: expected,
          countedCashCents: 8400,
          overShortCents: 8400 - expected,
        });
      });
    });

    describe('live (S6)', () => {
      it('a count and a transfer reach the branch devices as changed events after commit; consoles hear of reconciliation', async () => {
        const d = await pairDevice(server);
        const bread = product(products, 'Pan Integral');
        const device = await openStream(server.url, d.token);
        const consoleStream = await fetch(`${server.url}/api/console/stream`, {
          headers: { cookie: admin.cookie, accept: 'text/event-stream' },
        });
        const reader = consoleStream.body!.getReader();
        try {
          await device.next('resync', 5000);
          await pushDocs(server.url, d.token, 'counts', [makeCount(d, bread.id, 50, 49)]);
          expect((await device.next('changed', 5000)).data).toMatchObject({
            collections: expect.arrayContaining(['stock']),
          });
          await post('/api/console/transfers', {
            fromLocationId: CENTRE_LOCATION_ID,
            toLocationId: DEMO_BRANCH_ID,
            lines: [{ productId: bread.id, quantity: 1 }],
          });
          expect((await device.next('changed', 5000)).data).toMatchObject({
            collections: expect.arrayContaining(['transfers']),
          });
          let text = '';
          const deadline = Date.now() + 5000;
          while (!text.includes('reconciliation') && Date.now() < deadline)
            text += new TextDecoder().decode((await reader.read()).value);
          expect(text).toContain('reconciliation');
        } finally {
          device.close();
          await reader.cancel();
        }
      });
    });

    describe('SPEC S4 acks and the recovery relay', () => {
      it("[S4] the stock pull carries the acks of the device's counts and transfer receipts, not only its sales", async () => {
        const d = await pairDevice(server);
        const milk = product(products, 'Leche Deslactosada');
        const before = await pullStock(server.url, d.token, { limit: 1000 });
        const checkpoint = before.body.checkpoint!;
        const c = makeCount(d, milk.id, 3, 2);
        const sent = await post<{ id: string }>('/api/console/transfers', {
          fromLocationId: CENTRE_LOCATION_ID,
          toLocationId: DEMO_BRANCH_ID,
          lines: [{ productId: milk.id, quantity: 1 }],
        });
        const receipt = makeTransferReceipt(d, sent.body.id, [{ productId: milk.id, quantity: 1 }]);
        const countAck = (await pushDocs(server.url, d.token, 'counts', [c])).body.acks[0]!;
        const receiptAck = (await pushDocs(server.url, d.token, 'transferreceipts', [receipt])).body.acks[0]!;
        const pulled = await pullStock(server.url, d.token, { seq: checkpoint.seq, id: checkpoint.id, limit: 1000 });
        expect(pulled.body.acks).toEqual(expect.arrayContaining([countAck, receiptAck]));
        const milkLevel = pulled.body.documents.find((l) => l.productId === milk.id)!;
        expect(milkLevel.seq).toBeGreaterThanOrEqual(receiptAck.appliedSeq);
      });

      it('[S8] relay: a device delivers a broken tablet’s sale, refund and count of its own branch once, with the relay in the movement; another branch stays FORBIDDEN', async () => {
        const broken = await pairDevice(server);
        const helper = await pairDevice(server);
        const bread = product(products, 'Pan Integral');
        const sale = makeSale(broken, nextSeq(broken), [{ product: bread, quantity: 1 }]);
        const refund = makeRefund(broken, nextSeq(broken), sale, [{ product: bread, quantity: 1 }]);
        const c = makeCount(broken, bread.id, 7, 6);
        await server.db
          .updateTable('devices')
          .set({ revoked_at: new Date().toISOString() })
          .where('id', '=', broken.deviceId)
          .execute();
        const before = await pullStock(server.url, helper.token, { limit: 1000 });

        const relayed = await pushSales(server.url, helper.token, [sale, refund]);
        expect(relayed.body.rejected).toEqual([]);
        expect(relayed.body.acks.map((a) => a.id)).toEqual([sale.id, refund.id]);
        const countRes = await pushDocs(server.url, helper.token, 'counts', [c]);
        expect(countRes.body.acks).toHaveLength(1);
        expect((await pushSales(server.url, helper.token, [sale])).body.acks).toEqual([relayed.body.acks[0]]);

        const moves = await server.db
          .selectFrom('stock_movements')
          .selectAll()
          .where('sale_id', '=', sale.id)
          .execute();
        expect(moves).toHaveLength(1);
        expect(moves[0]!.actor).toBe(`device:${broken.deviceId}`);
        expect(moves[0]!.reason).toContain(`relayed by device:${helper.deviceId}`);
        const stored = await server.db
          .selectFrom('sales')
          .select(['device_id'])
          .where('id', '=', sale.id)
          .executeTakeFirstOrThrow();
        expect(stored.device_id).toBe(broken.deviceId);

        const pulled = await pullStock(server.url, helper.token, {
          seq: before.body.checkpoint!.seq,
          id: before.body.checkpoint!.id,
          limit: 1000,
        });
        expect(pulled.body.acks).toEqual(expect.arrayContaining([...relayed.body.acks, ...countRes.body.acks]));

        // The same id from its maker and from a relay is applied once.
        const a = await pairDevice(server);
        const both = makeSale(a, nextSeq(a), [{ product: bread, quantity: 1 }]);
        const fromMaker = await pushSales(server.url, a.token, [both]);
        const fromRelay = await pushSales(server.url, helper.token, [both]);
        expect(fromRelay.body.acks).toEqual(fromMaker.body.acks);
        expect(
          await server.db.selectFrom('stock_movements').select('id').where('sale_id', '=', both.id).execute(),
        ).toHaveLength(1);

        const wrongNumber = makeSale(broken, nextSeq(broken), [{ product: bread, quantity: 1 }], {
          receiptNumber: '001-99-000001',
        });
        expect((await pushSales(server.url, helper.token, [wrongNumber])).body.rejected[0]).toMatchObject({
          code: 'BAD_REQUEST',
        });

        const stranger = await pairDevice(server, 'sucursal-002');
        const theirs = makeSale(stranger, 50, [{ product: bread, quantity: 1 }]);
        const forged = { ...makeSale(stranger, 51, [{ product: bread, quantity: 1 }]), branchId: DEMO_BRANCH_ID };
        const res: { body: PushResult } = await pushSales(server.url, helper.token, [theirs, forged]);
        expect(res.body.rejected.map((r) => r.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
        const countForged = await pushDocs(server.url, helper.token, 'counts', [makeCount(stranger, bread.id, 1, 0)]);
        expect(countForged.body.rejected[0]).toMatchObject({ code: 'FORBIDDEN', status: 403 });
      });
    });
  },
);
