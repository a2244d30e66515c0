import { beforeAll, describe, expect, it } from 'vitest';
import type { TicketDetail } from '../../shared/console/reports-sales';
import type { Approval, SaleDoc } from '../../shared/protocol';
import { applyTicketDiscount } from '../../shared/sale/ticket-discount';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { addCashier as addPerson } from '../test/cashiers';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { makeSale, pushSales, request, stockLevels } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

describe.each(reachableTestDatabases)('manager approvals on tickets on $label', (database: TestDatabase) => {
  const { server, admin, device, products } = useTestServer(database, {
    managers: { admin: 'admin' },
    devices: { device: {} },
    catalogue: true,
  });
  let supervisorId: string;
  let cashierId: string;
  let seq = 0;

  const addCashier = (role: 'cashier' | 'supervisor', name: string, pin: string) =>
    addPerson(server.url, admin, DEMO_BRANCH_ID, { role, name, pin });

  beforeAll(async () => {
    supervisorId = await addCashier('supervisor', 'Sara Supervisora', '7391');
    cashierId = await addCashier('cashier', 'Carlos Cajero', '2468');
    const bad = await request(server.url, `/api/console/branches/${DEMO_BRANCH_ID}/settings`, {
      method: 'PATCH',
      json: { maxDiscountBp: 10001 },
      headers: admin.headers(),
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/at most 100 %/);
    const set = await request(server.url, `/api/console/branches/${DEMO_BRANCH_ID}/settings`, {
      method: 'PATCH',
      json: { maxDiscountBp: 1000 },
      headers: admin.headers(),
    });
    expect(set.status).toBe(200);
  });

  const approval = (kind: Approval['kind'], approverId = supervisorId): Approval => ({
    kind,
    approverId,
    approverName: 'Sara Supervisora',
    at: new Date().toISOString(),
    reason: 'Cliente frecuente',
  });

  /** A sale of 2 × the first product with a whole-ticket percent discount, paid in cash. */
  function discounted(basisPoints: number, overrides: Partial<SaleDoc> = {}): SaleDoc {
    const base = makeSale(device, ++seq, [{ product: products[0]!, quantity: 2 }], {
      cashierId,
      cashierName: 'Carlos',
    });
    const { lines, ticketDiscount } = applyTicketDiscount(
      base.lines,
      { kind: 'percent', basisPoints },
      'Cliente frecuente',
    );
    const totalCents = lines.reduce((s, l) => s + l.lineTotalCents, 0);
    return {
      ...base,
      lines,
      ticketDiscount,
      totalCents,
      payments: [{ method: 'cash', amountCents: totalCents, tenderedCents: totalCents }],
      ...overrides,
    };
  }

  const storedBody = async (id: string) => {
    const row = await server.db.selectFrom('sales').select('body').where('id', '=', id).executeTakeFirst();
    return row ? (JSON.parse(row.body) as SaleDoc) : null;
  };

  /** The unapproved-ticket items opened for a ticket (one at most: invariant 7). */
  const unapprovedItems = (saleId: string) =>
    server.db
      .selectFrom('reconciliation_items')
      .select(['kind', 'summary', 'details'])
      .where('document_id', '=', saleId)
      .where('kind', '=', 'unapproved_ticket')
      .execute();

  /** Every reconciliation item a ticket opened. */
  const itemsOf = (saleId: string) =>
    server.db
      .selectFrom('reconciliation_items')
      .select(['kind', 'summary', 'details'])
      .where('sale_id', '=', saleId)
      .execute();

  it('a discount up to the branch limit needs no approval; above it with none, the paid sale is applied and one item opened for a manager', async () => {
    const within = discounted(1000);
    const above = discounted(2500);
    const res = await pushSales(server.url, device.token, [within, above]);
    expect(res.status).toBe(200);
    expect(res.body.rejected).toEqual([]);
    expect(res.body.acks.map((a) => a.id)).toEqual([within.id, above.id]);
    expect((await storedBody(within.id))?.ticketDiscount).toMatchObject({ kind: 'percent', basisPoints: 1000 });
    expect(await unapprovedItems(within.id)).toEqual([]);
    const [item, ...more] = await unapprovedItems(above.id);
    expect(more).toEqual([]);
    expect(item!.summary).toMatch(/discount above the branch limit \(10 %\) with no supervisor's approval/);
    expect(JSON.parse(item!.details)).toMatchObject({ missing: ['discount'], invalid: [], maxDiscountBp: 1000 });
    // Retried: the same answer, and still one item (SPEC S2, invariant 7).
    const again = await pushSales(server.url, device.token, [above]);
    expect(again.body.acks.map((a) => a.id)).toEqual([above.id]);
    expect(await unapprovedItems(above.id)).toHaveLength(1);
  });

  it('the same discount approved by a supervisor is applied, and the approval and ticket discount are stored with it', async () => {
    const sale = discounted(2500, { approvals: [approval('discount')] });
    const before = await stockLevels(server.db, device.branch.locationId);
    const res = await pushSales(server.url, device.token, [sale]);
    expect(res.body.rejected).toEqual([]);
    expect(res.body.acks.map((a) => a.id)).toEqual([sale.id]);
    const stored = await storedBody(sale.id);
    expect(stored?.approvals).toEqual(sale.approvals);
    expect(stored?.ticketDiscount?.cents).toBe(Math.round(products[0]!.priceCents * 2 * 0.25));
    const after = await stockLevels(server.db, device.branch.locationId);
    expect(after.get(products[0]!.id)!.quantity).toBe(before.get(products[0]!.id)!.quantity - 2);
    const detail = await request<TicketDetail>(server.url, `/api/console/reports/tickets/${sale.id}`, {
      headers: admin.headers(),
    });
    expect(detail.status).toBe(200);
    expect(detail.body.approvals).toEqual(sale.approvals);
    expect(detail.body.ticketDiscount).toEqual(sale.ticketDiscount);
    // Retried as is: the same answer, applied once (SPEC S2).
    const again = await pushSales(server.url, device.token, [sale]);
    expect(again.body.acks).toEqual(res.body.acks);
  });

  it('an approval by someone who is not a supervisor of the branch, or by the ticket’s own cashier, does not stand: the sale is applied and an item names the approver', async () => {
    const byCashier = discounted(2500, { approvals: [approval('discount', cashierId)] });
    const byStranger = discounted(2500, { approvals: [approval('discount', 'nobody')] });
    const selfApproved = discounted(2500, { cashierId: supervisorId, approvals: [approval('discount')] });
    const res = await pushSales(server.url, device.token, [byCashier, byStranger, selfApproved]);
    expect(res.body.rejected).toEqual([]);
    expect(res.body.acks).toHaveLength(3);
    const why = async (id: string) => JSON.parse((await unapprovedItems(id))[0]!.details).invalid[0].why;
    expect(await why(byCashier.id)).toBe('not_supervisor');
    expect(await why(byStranger.id)).toBe('not_supervisor');
    expect(await why(selfApproved.id)).toBe('own');
    expect((await unapprovedItems(selfApproved.id))[0]!.summary).toMatch(/approved by its own cashier/);
  });

  it('a ticket discount spread otherwise than by the shared rule is refused as not adding up', async () => {
    const sale = discounted(1000);
    const [a] = sale.lines;
    const tampered = { ...sale, ticketDiscount: { ...sale.ticketDiscount!, cents: sale.ticketDiscount!.cents + 1 } };
    const res = await pushSales(server.url, device.token, [{ ...tampered, lines: [a!] }]);
    expect(res.body.rejected[0]).toMatchObject({ code: 'BAD_REQUEST' });
    expect(res.body.rejected[0]!.message).toMatch(/ticket discount/);
  });

  it('a changed price needs approval: without it an item is opened, with it none', async () => {
    const p = products[1]!;
    const line = { ...makeSale(device, 0, [{ product: p, quantity: 1 }]).lines[0]! };
    const overridden = {
      ...line,
      unitPriceCents: p.priceCents - 10,
      lineTotalCents: p.priceCents - 10,
      overriddenFromCents: p.priceCents,
    };
    const cash = (cents: number) => [{ method: 'cash' as const, amountCents: cents, tenderedCents: cents }];
    const unapproved = makeSale(device, ++seq, [], {
      lines: [overridden],
      totalCents: overridden.lineTotalCents,
      payments: cash(overridden.lineTotalCents),
    });
    const res = await pushSales(server.url, device.token, [unapproved]);
    expect(res.body.acks).toHaveLength(1);
    expect((await unapprovedItems(unapproved.id))[0]!.summary).toMatch(/changed price with no supervisor/);
    const approved = {
      ...makeSale(device, ++seq, [], {
        lines: [overridden],
        totalCents: overridden.lineTotalCents,
        payments: cash(overridden.lineTotalCents),
      }),
      approvals: [approval('price_override')],
    };
    expect((await pushSales(server.url, device.token, [approved])).body.acks).toHaveLength(1);
    expect(await unapprovedItems(approved.id)).toEqual([]);
    // The change is the approval's matter: no price-mismatch item for it, approved or not (one item per cause).
    expect(await itemsOf(approved.id)).toEqual([]);
    expect((await itemsOf(unapproved.id)).map((i) => i.kind)).toEqual(['unapproved_ticket']);
    const byCashier = {
      ...makeSale(device, ++seq, [], {
        lines: [overridden],
        totalCents: overridden.lineTotalCents,
        payments: cash(overridden.lineTotalCents),
      }),
      approvals: [approval('price_override', cashierId)],
    };
    expect((await pushSales(server.url, device.token, [byCashier])).body.acks).toHaveLength(1);
    expect((await itemsOf(byCashier.id)).map((i) => i.kind)).toEqual(['unapproved_ticket']);
    // Changed from a price that is not the master price (a stale catalogue on the tablet): that is a mismatch of its own.
    const stale = {
      ...makeSale(device, ++seq, [], {
        lines: [{ ...overridden, overriddenFromCents: p.priceCents + 50 }],
        totalCents: overridden.lineTotalCents,
        payments: cash(overridden.lineTotalCents),
      }),
      approvals: [approval('price_override')],
    };
    expect((await pushSales(server.url, device.token, [stale])).body.acks).toHaveLength(1);
    const [mismatch, ...others] = await itemsOf(stale.id);
    expect(others).toEqual([]);
    expect(mismatch!.kind).toBe('price_mismatch');
    expect(JSON.parse(mismatch!.details)).toMatchObject({ overriddenFromCents: p.priceCents + 50 });
  });

  it('a refund without a receipt needs approval (an item when it has none); approved, it puts the units back', async () => {
    const p = products[2]!;
    const refund = makeSale(device, ++seq, [{ product: p, quantity: 3 }], { kind: 'refund', refundOf: null });
    const res = await pushSales(server.url, device.token, [refund]);
    expect(res.body.acks).toHaveLength(1);
    expect(JSON.parse((await unapprovedItems(refund.id))[0]!.details).missing).toEqual(['refund_without_receipt']);
    const before = await stockLevels(server.db, device.branch.locationId);
    const approved = {
      ...makeSale(device, ++seq, [{ product: p, quantity: 3 }], { kind: 'refund', refundOf: null }),
      approvals: [approval('refund_without_receipt')],
    };
    const ok = await pushSales(server.url, device.token, [approved]);
    expect(ok.body.rejected).toEqual([]);
    const after = await stockLevels(server.db, device.branch.locationId);
    expect(after.get(p.id)!.quantity).toBe((before.get(p.id)?.quantity ?? 0) + 3);
  });
});
