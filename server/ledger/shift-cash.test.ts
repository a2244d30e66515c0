import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page, ReconciliationItem } from '../../shared/console/ledger-api';
import type { ShiftsReportResponse } from '../../shared/console/reports-shifts';
import type { Approval, PushResult, ShiftEventDoc } from '../../shared/protocol';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { addCashier } from '../test/cashiers';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { makeShiftEvent, pushDocs } from '../test/device-documents';
import type { SignedIn } from '../test/managers';
import { request, type PairedDevice } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

const OTHER = 'sucursal-caja-2';

describe.each(reachableTestDatabases)('cash control at a shift close on $label', (database: TestDatabase) => {
  const { server, admin, demoManager, device, otherDevice } = useTestServer(database, {
    branches: { [OTHER]: 'C02' },
    managers: { admin: 'admin', demoManager: 'branch_manager' },
    devices: { device: {}, otherDevice: { branchId: OTHER } },
  });
  let supervisorId: string;
  let otherSupervisorId: string;

  beforeAll(async () => {
    supervisorId = await addCashier(server.url, admin, DEMO_BRANCH_ID, {
      role: 'supervisor',
      name: 'Sara Supervisora',
      pin: '7391',
    });
    otherSupervisorId = await addCashier(server.url, admin, OTHER, {
      role: 'supervisor',
      name: 'Omar Otro',
      pin: '7392',
    });
  });
  const approval = (kind: Approval['kind'], approverId: string): Approval => ({
    kind,
    approverId,
    approverName: 'Sara Supervisora',
    at: new Date().toISOString(),
    reason: 'Cambio para el cliente',
  });

  const push = (d: PairedDevice, docs: ShiftEventDoc[]) => pushDocs(server.url, d.token, 'shiftevents', docs);

  async function shiftRow(shiftId: string) {
    const res = await request<ShiftsReportResponse>(server.url, '/api/console/reports/shifts', {
      headers: admin.headers(),
    });
    return res.body.shifts.find((s) => s.shiftId === shiftId);
  }

  async function cashItems(who: SignedIn, shiftId: string) {
    const res = await request<Page<ReconciliationItem>>(
      server.url,
      '/api/console/reconciliation?kind=cash_difference&limit=200',
      { headers: who.headers() },
    );
    expect(res.status).toBe(200);
    return res.body.items.filter((i) => i.details.shiftId === shiftId);
  }

  async function unapprovedItems(eventId: string) {
    const res = await request<Page<ReconciliationItem>>(
      server.url,
      '/api/console/reconciliation?kind=unapproved_shift_event&limit=200',
      { headers: admin.headers() },
    );
    expect(res.status).toBe(200);
    return res.body.items.filter((i) => i.documentId === eventId);
  }

  it('a drawer opened with no sale is logged with its approval and counted on the shift report; one with a zero amount only', async () => {
    const shiftId = uuidv7();
    const noSale = makeShiftEvent(device, shiftId, 'no_sale', 0, { approval: approval('no_sale', supervisorId) });
    const res = await push(device, [makeShiftEvent(device, shiftId, 'open', 5_000), noSale]);
    expect(res.status).toBe(200);
    expect(res.body.acks.map((a) => a.id)).toContain(noSale.id);
    expect(await unapprovedItems(noSale.id)).toEqual([]);

    const refused = await push(device, [
      makeShiftEvent(device, shiftId, 'no_sale', 300, { approval: approval('no_sale', supervisorId) }),
    ]);
    const messages = (refused.body as PushResult).rejected.map((r) => [r.status, r.message]);
    expect(messages).toEqual([[400, expect.stringMatching(/amount must be 0/)]]);
    expect(await shiftRow(shiftId)).toMatchObject({ status: 'open', noSaleCount: 1, floatCents: 5_000 });
  });

  it('SPEC S11: a drawer opened without an approval that stands is recorded all the same, with one item for a manager', async () => {
    const shiftId = uuidv7();
    const none = makeShiftEvent(device, shiftId, 'no_sale', 0);
    const own = makeShiftEvent(device, shiftId, 'no_sale', 0, {
      cashierId: supervisorId,
      approval: approval('no_sale', supervisorId),
    });
    const otherBranch = makeShiftEvent(device, shiftId, 'no_sale', 0, {
      approval: approval('no_sale', otherSupervisorId),
    });
    const wrongKind = makeShiftEvent(device, shiftId, 'no_sale', 0, { approval: approval('discount', supervisorId) });
    const events = [none, own, otherBranch, wrongKind];
    const res = await push(device, [makeShiftEvent(device, shiftId, 'open', 5_000), ...events]);
    expect(res.status).toBe(200);
    expect((res.body as PushResult).rejected).toEqual([]);
    expect(res.body.acks.map((a) => a.id)).toEqual(expect.arrayContaining(events.map((e) => e.id)));
    expect(await shiftRow(shiftId)).toMatchObject({ noSaleCount: 4 });
    const details = async (id: string) => {
      const items = await unapprovedItems(id);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ kind: 'unapproved_shift_event', branchId: DEMO_BRANCH_ID });
      return items[0]!.details;
    };
    expect(await details(none.id)).toMatchObject({ eventKind: 'no_sale', missing: ['no_sale'], invalid: [] });
    expect(await details(own.id)).toMatchObject({ invalid: [{ kind: 'no_sale', why: 'own' }] });
    expect(await details(otherBranch.id)).toMatchObject({
      invalid: [{ approverName: 'Sara Supervisora', why: 'not_supervisor' }],
    });
    expect(await details(wrongKind.id)).toMatchObject({ missing: ['no_sale'] });
    // Retried: acknowledged again, still one item each (SPEC S2, invariant 7).
    const again = await push(device, events);
    expect(again.body.acks.map((a) => a.id)).toEqual(events.map((e) => e.id));
    expect(await unapprovedItems(none.id)).toHaveLength(1);
  });

  it('SPEC S11: a close approved by someone who is not a supervisor of the branch closes the shift, with one item', async () => {
    const shiftId = uuidv7();
    const close = makeShiftEvent(device, shiftId, 'close', 10_000, {
      approval: approval('cash_difference', otherSupervisorId),
    });
    const res = await push(device, [makeShiftEvent(device, shiftId, 'open', 10_000), close]);
    expect((res.body as PushResult).rejected).toEqual([]);
    expect(await shiftRow(shiftId)).toMatchObject({ status: 'closed' });
    const [item, ...more] = await unapprovedItems(close.id);
    expect(more).toEqual([]);
    expect(item).toMatchObject({ details: { eventKind: 'close', invalid: [{ why: 'not_supervisor' }] } });
  });

  it('a close beyond the branch limit opens one cash_difference item with the expected and counted cash; within it, none', async () => {
    const limit = await request(server.url, `/api/console/reports/settings/${DEMO_BRANCH_ID}`, {
      method: 'PATCH',
      json: { maxCashDifferenceCents: 500 },
      headers: admin.headers(),
    });
    expect(limit.status).toBe(200);

    const within = uuidv7();
    await push(device, [
      makeShiftEvent(device, within, 'open', 10_000),
      makeShiftEvent(device, within, 'close', 10_500, { denominations: [{ valueCents: 10_500, count: 1 }] }),
    ]).then((r) => expect(r.body.rejected[0]?.message).toMatch(/not a note or coin of USD/));
    const closeWithin = makeShiftEvent(device, within, 'close', 10_500, {
      denominations: [
        { valueCents: 10_000, count: 1 },
        { valueCents: 500, count: 1 },
      ],
    });
    expect((await push(device, [closeWithin])).body.acks.map((a) => a.id)).toEqual([closeWithin.id]);
    expect(await shiftRow(within)).toMatchObject({
      status: 'closed',
      overShortCents: 500,
      overLimit: false,
      denominations: closeWithin.denominations,
    });
    expect(await cashItems(admin, within)).toEqual([]);

    const beyond = uuidv7();
    const close = makeShiftEvent(device, beyond, 'close', 8_000, {
      approval: approval('cash_difference', supervisorId),
      denominations: [
        { valueCents: 5_000, count: 1 },
        { valueCents: 2_000, count: 1 },
        { valueCents: 100, count: 10 },
      ],
    });
    const wrongSum = { ...close, id: uuidv7(), amountCents: 8_100 };
    const res = await push(device, [makeShiftEvent(device, beyond, 'open', 10_000), wrongSum, close]);
    expect(res.body.rejected.map((r) => r.message)).toEqual([expect.stringMatching(/add up to 8000/)]);
    await push(device, [close]); // a retry opens no second item
    const items = await cashItems(admin, beyond);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'cash_difference',
      branchId: DEMO_BRANCH_ID,
      documentId: close.id,
      details: {
        expectedCashCents: 10_000,
        countedCashCents: 8_000,
        differenceCents: -2_000,
        limitCents: 500,
        currency: 'USD',
        approverName: 'Sara Supervisora',
      },
    });
    expect(await shiftRow(beyond)).toMatchObject({ overShortCents: -2_000, overLimit: true });
  });

  it('a branch manager sees the cash differences of their branches only', async () => {
    const shiftId = uuidv7();
    await push(otherDevice, [
      makeShiftEvent(otherDevice, shiftId, 'open', 0),
      makeShiftEvent(otherDevice, shiftId, 'close', 9_900),
    ]);
    const [item] = await cashItems(admin, shiftId);
    expect(item).toMatchObject({ branchId: OTHER });
    expect(await cashItems(demoManager, shiftId)).toEqual([]);
    const read = await request(server.url, `/api/console/reconciliation/${item!.id}`, {
      headers: demoManager.headers(),
    });
    expect(read.status).toBe(403);
  });
});
