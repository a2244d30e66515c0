import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { Page, ReconciliationItem } from '../../shared/console/ledger-api';
import type { TicketDetail, TicketsResponse } from '../../shared/console/reports-sales';
import type { Payment, ProductDoc, SaleDoc } from '../../shared/protocol';
import { settleExchange } from '../../shared/sale/exchange';
import type { ShiftReport } from '../../shared/sale/shift-report';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { makeRefund, makeShiftEvent, pushDocs } from '../test/device-documents';
import { makeSale, pairDevice, pushSales, request, stockLevels, type PairedDevice } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

function product(products: readonly ProductDoc[], name: string): ProductDoc {
  const found = products.find((p) => p.name === name);
  if (!found) throw new Error(`seed product ${name} missing`);
  return found;
}

describe.each(reachableTestDatabases)('[S14] exchanges over HTTP on $label', (database: TestDatabase) => {
  const { server, admin, products } = useTestServer(database, { managers: { admin: 'admin' }, catalogue: true });
  const seqs = new Map<string, number>();
  const nextSeq = (d: PairedDevice) => {
    const n = (seqs.get(d.deviceId) ?? 0) + 1;
    seqs.set(d.deviceId, n);
    return n;
  };
  const level = async (productId: string) =>
    (await stockLevels(server.db, DEMO_BRANCH_ID)).get(productId)?.quantity ?? 0;

  /** An exchange as the POS makes it: the sale of `taken`, the refund of `back` units of `original`, linked. */
  function exchange(
    d: PairedDevice,
    original: SaleDoc,
    back: { product: ProductDoc; quantity: number },
    taken: { product: ProductDoc; quantity: number },
    tender: { method: 'cash'; tenderedCents: number } | { method: 'card' },
    shiftId: string | null = null,
  ) {
    const saleId = uuidv7();
    const refundId = uuidv7();
    const sale = makeSale(d, nextSeq(d), [taken], { id: saleId, shiftId, exchangeWith: refundId });
    const refund = makeRefund(d, nextSeq(d), original, [back], { id: refundId, shiftId, exchangeWith: saleId });
    const owed = sale.totalCents - refund.totalCents;
    const paid: Payment[] =
      owed <= 0
        ? []
        : [
            tender.method === 'card'
              ? { method: 'card', amountCents: owed, tenderedCents: null }
              : { method: 'cash', amountCents: owed, tenderedCents: Math.max(owed, tender.tenderedCents) },
          ];
    const settled = settleExchange(refund.totalCents, sale.totalCents, paid);
    return {
      sale: { ...sale, payments: settled.salePayments },
      refund: { ...refund, payments: settled.refundPayments },
    };
  }

  it('[S2][S3] applied once under retries, in one push: returned units back in, taken units out', async () => {
    const d = await pairDevice(server);
    const apples = product(products, 'Manzanas Orgánicas');
    const bread = product(products, 'Pan Integral');
    const original = makeSale(d, nextSeq(d), [{ product: apples, quantity: 3 }]);
    await pushSales(server.url, d.token, [original]);
    const [applesBefore, breadBefore] = [await level(apples.id), await level(bread.id)];
    const x = exchange(
      d,
      original,
      { product: apples, quantity: 2 },
      { product: bread, quantity: 1 },
      {
        method: 'card',
      },
    );
    const first = await pushSales(server.url, d.token, [x.sale, x.refund]);
    const again = await pushSales(server.url, d.token, [x.sale, x.refund]);
    expect(first.body.rejected).toEqual([]);
    expect(first.body.acks.map((a) => a.id)).toEqual([x.sale.id, x.refund.id]);
    expect(again.body.acks).toEqual(first.body.acks);
    expect(await level(apples.id)).toBe(applesBefore + 2);
    expect(await level(bread.id)).toBe(breadBefore - 1);
    const moves = await server.db
      .selectFrom('stock_movements')
      .select(['sale_id', 'kind', 'delta'])
      .where('sale_id', 'in', [x.sale.id, x.refund.id])
      .execute();
    expect(moves.map((m) => [m.sale_id, m.kind, Number(m.delta)]).sort()).toEqual(
      [
        [x.sale.id, 'sale', -1],
        [x.refund.id, 'refund', 2],
      ].sort(),
    );
  });

  it('[S7] the two tickets in separate pushes, the sale first: both applied, each once', async () => {
    const d = await pairDevice(server);
    const apples = product(products, 'Manzanas Orgánicas');
    const bread = product(products, 'Pan Integral');
    const original = makeSale(d, nextSeq(d), [{ product: bread, quantity: 2 }]);
    await pushSales(server.url, d.token, [original]);
    const x = exchange(
      d,
      original,
      { product: bread, quantity: 2 },
      { product: apples, quantity: 1 },
      {
        method: 'cash',
        tenderedCents: 100_000,
      },
    );
    const detail = async (id: string) =>
      (
        await request<TicketDetail>(server.url, `/api/console/reports/tickets/${id}`, {
          headers: admin.headers(),
        })
      ).body;
    expect((await pushSales(server.url, d.token, [x.sale])).body.rejected).toEqual([]);
    expect((await detail(x.sale.id)).exchangeWith).toEqual({ id: x.refund.id, receiptNumber: null });
    expect((await pushSales(server.url, d.token, [x.refund])).body.rejected).toEqual([]);
    // The console shows the link both ways.
    expect((await detail(x.sale.id)).exchangeWith).toEqual({ id: x.refund.id, receiptNumber: x.refund.receiptNumber });
    expect((await detail(x.refund.id)).exchangeWith).toEqual({ id: x.sale.id, receiptNumber: x.sale.receiptNumber });
    expect((await detail(original.id)).exchangeWith).toBeNull();
    expect((await pushSales(server.url, d.token, [x.refund, x.sale])).body.acks).toHaveLength(2);
    const n = await server.db
      .selectFrom('sales')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('id', 'in', [x.sale.id, x.refund.id])
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(2);
  });

  it('[S11] the refund rules hold for the returned lines: returning more than remains opens a double_refund item', async () => {
    const d = await pairDevice(server);
    const bread = product(products, 'Pan Integral');
    const apples = product(products, 'Manzanas Orgánicas');
    const original = makeSale(d, nextSeq(d), [{ product: bread, quantity: 1 }]);
    const plain = makeRefund(d, nextSeq(d), original, [{ product: bread, quantity: 1 }]);
    await pushSales(server.url, d.token, [original, plain]);
    const x = exchange(
      d,
      original,
      { product: bread, quantity: 1 },
      { product: apples, quantity: 1 },
      {
        method: 'card',
      },
    );
    const res = await pushSales(server.url, d.token, [x.sale, x.refund]);
    expect(res.body.acks).toHaveLength(2);
    const items = await request<Page<ReconciliationItem>>(
      server.url,
      '/api/console/reconciliation?kind=double_refund&limit=200',
      { headers: admin.headers() },
    );
    expect(items.body.items.filter((i) => i.saleId === original.id)).toHaveLength(1);
  });

  it("refuses an 'exchange' tender on a ticket that is not part of an exchange, or with cash tendered", async () => {
    const d = await pairDevice(server);
    const bread = product(products, 'Pan Integral');
    const lone = makeSale(d, nextSeq(d), [{ product: bread, quantity: 1 }], {
      payments: [{ method: 'exchange', amountCents: bread.priceCents, tenderedCents: null }],
    });
    const tendered = makeSale(d, nextSeq(d), [{ product: bread, quantity: 1 }], {
      exchangeWith: uuidv7(),
      payments: [{ method: 'exchange', amountCents: bread.priceCents, tenderedCents: bread.priceCents }],
    });
    const res = await pushSales(server.url, d.token, [lone, tendered]);
    expect(res.body.acks).toEqual([]);
    expect(res.body.rejected.map((r) => r.id).sort()).toEqual([lone.id, tendered.id].sort());
  });

  it('reports count only the money that moved: shift cash, the tickets’ cash, their tender', async () => {
    const d = await pairDevice(server);
    const apples = product(products, 'Manzanas Orgánicas');
    const bread = product(products, 'Pan Integral');
    const shiftId = uuidv7();
    await pushDocs(server.url, d.token, 'shiftevents', [makeShiftEvent(d, shiftId, 'open', 10_000)]);
    const original = makeSale(d, nextSeq(d), [{ product: apples, quantity: 3 }], { shiftId });
    const cashPaid = original.totalCents;
    // Customer returns 3 apples and takes 1 bread: gets the difference back in cash (or pays it).
    const back = { product: apples, quantity: 3 };
    const taken = { product: bread, quantity: 1 };
    const x = exchange(d, original, back, taken, { method: 'cash', tenderedCents: 1_000_000 }, shiftId);
    await pushSales(server.url, d.token, [original, x.sale, x.refund]);
    await pushDocs(server.url, d.token, 'shiftevents', [makeShiftEvent(d, shiftId, 'close', 10_000)]);
    const difference = x.sale.totalCents - x.refund.totalCents;
    const shifts = await request<{ items: ShiftReport[] }>(
      server.url,
      `/api/console/shifts?branchId=${DEMO_BRANCH_ID}`,
      { headers: admin.headers() },
    );
    const report = shifts.body.items.find((r) => r.shiftId === shiftId)!;
    expect(report.expectedCashCents).toBe(10_000 + cashPaid + difference);
    expect(report.cashSalesCents - report.cashRefundsCents).toBe(cashPaid + difference);
    expect(report.cardSalesCents + report.cardRefundsCents).toBe(0);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const tickets = await request<TicketsResponse>(
      server.url,
      `/api/console/reports/sales/tickets?from=${yesterday}&to=${tomorrow}&tender=exchange&device=${d.deviceId}&limit=50`,
      { headers: admin.headers() },
    );
    expect(tickets.status).toBe(200);
    expect(tickets.body.tickets.map((t) => t.id).sort()).toEqual([x.sale.id, x.refund.id].sort());
  });
});
