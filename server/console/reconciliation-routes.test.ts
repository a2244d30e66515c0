import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page, ReconciliationItem } from '../../shared/console/ledger-api';
import type { ReconciliationHistory } from '../../shared/console/reconciliation';
import type { ApiErrorBody } from '../../shared/protocol';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import type { ReconciliationKind } from '../db/schema-ledger';
import { openItem as openLedgerItem } from '../reconciliation/open-items';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import type { SignedIn } from '../test/managers';
import { request, stockLevels } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

const OTHER = 'sucursal-recon-2';
const LIST = '/api/console/reconciliation';

describe.each(reachableTestDatabases)('reconciliation queue over HTTP on $label', (database: TestDatabase) => {
  const { server, admin, demoManager } = useTestServer(database, {
    branches: { [OTHER]: 'R02' },
    managers: {
      admin: { role: 'admin', name: 'Ana Admin' },
      demoManager: { role: 'branch_manager', name: 'Diego Gerente' },
    },
  });
  let productId: string;
  let seq = 1_000_000;
  beforeAll(async () => {
    productId = (await server.db.selectFrom('products').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  });

  /** An item opened as the ledger opens them (openItem), not over HTTP: the list's queries are under test. */
  async function openItem(kind: ReconciliationKind, branchId: string, figures: Record<string, unknown> = {}) {
    const causeKey = `test:${uuidv7()}`;
    const item = {
      kind,
      causeKey,
      branchId,
      locationId: branchId,
      productId,
      saleId: null,
      documentId: null,
      summary: `${kind} at ${branchId}`,
      details: figures,
    };
    const now = new Date().toISOString();
    await server.db.transaction().execute((trx) => openLedgerItem(trx, item, seq++, now));
    const row = await server.db
      .selectFrom('reconciliation_items')
      .select('id')
      .where('cause_key', '=', causeKey)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  const list = (who: SignedIn, query: string) =>
    request<Page<ReconciliationItem>>(server.url, `${LIST}?${query}`, { headers: who.headers() });

  it('filters by kind, branch, state and assignee on the server, newest first, page by page', async () => {
    const oversell = await openItem('oversell', DEMO_BRANCH_ID);
    const price1 = await openItem('price_mismatch', DEMO_BRANCH_ID);
    const price2 = await openItem('price_mismatch', DEMO_BRANCH_ID);
    const otherPrice = await openItem('price_mismatch', OTHER);
    expect(
      (await request(server.url, `${LIST}/${price1}/assign`, { headers: demoManager.headers(), json: {} })).status,
    ).toBe(200);

    const prices = await list(admin, 'kind=price_mismatch&limit=2');
    expect(prices.status).toBe(200);
    expect(prices.body.items.map((i) => i.id)).toEqual([otherPrice, price2]);
    const next = await list(admin, `kind=price_mismatch&limit=2&cursor=${prices.body.nextCursor}`);
    expect(next.body.items.map((i) => i.id)).toEqual([price1]);

    const demoPrices = await list(admin, `kind=price_mismatch&branchId=${DEMO_BRANCH_ID}`);
    expect(demoPrices.body.items.map((i) => i.id)).toEqual([price2, price1]);
    const mine = await list(demoManager, 'assignedTo=me');
    expect(mine.body.items.map((i) => i.id)).toEqual([price1]);
    const byId = await list(admin, `assignedTo=${demoManager.account.id}&status=assigned`);
    expect(byId.body.items.map((i) => i.id)).toEqual([price1]);
    const nobody = await list(demoManager, 'assignedTo=nobody&status=open');
    expect(nobody.body.items.map((i) => i.id)).toEqual(expect.arrayContaining([oversell, price2]));
    expect(nobody.body.items.map((i) => i.id)).not.toContain(price1);
    // A branch manager's list never holds another branch's items, whatever the filter.
    expect(nobody.body.items.every((i) => i.branchId === DEMO_BRANCH_ID)).toBe(true);
    const bad = await request<ApiErrorBody>(server.url, `${LIST}?kind=melted`, { headers: admin.headers() });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/kind/);
  });

  it('resolves with a note and a correcting ledger entry in one step; the history says who did what and why', async () => {
    const id = await openItem('oversell', DEMO_BRANCH_ID, { levelAfter: -2 });
    const before = (await stockLevels(server.db, DEMO_BRANCH_ID)).get(productId)!.quantity;
    await request(server.url, `${LIST}/${id}/assign`, {
      headers: admin.headers(),
      json: { managerId: demoManager.account.id },
    });
    const res = await request<ReconciliationItem>(server.url, `${LIST}/${id}/resolve`, {
      headers: demoManager.headers(),
      json: { note: 'Two units found in the back room', correction: { delta: 2 } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'resolved',
      resolvedBy: demoManager.account.id,
      resolvedByName: 'Diego Gerente',
    });
    expect((await stockLevels(server.db, DEMO_BRANCH_ID)).get(productId)!.quantity).toBe(before + 2);
    const movement = await server.db
      .selectFrom('stock_movements')
      .selectAll()
      .where('reason', 'like', `reconciliation ${id}:%`)
      .executeTakeFirstOrThrow();
    expect(movement).toMatchObject({
      kind: 'correction',
      actor: `manager:${demoManager.account.id}`,
      location_id: DEMO_BRANCH_ID,
    });

    const history = await request<ReconciliationHistory>(server.url, `${LIST}/${id}/history`, {
      headers: demoManager.headers(),
    });
    expect(history.status).toBe(200);
    expect(history.body.events.map((e) => [e.kind, e.actorName])).toEqual([
      ['opened', null],
      ['assigned', 'Ana Admin'],
      ['corrected', 'Diego Gerente'],
      ['resolved', 'Diego Gerente'],
    ]);
    expect(history.body.events[0]!.details).toEqual({ levelAfter: -2 });
    expect(history.body.events[1]!.details).toMatchObject({
      managerId: demoManager.account.id,
      managerName: 'Diego Gerente',
    });
    expect(history.body.events[2]!.details).toMatchObject({ delta: 2, level: before + 2, productId });
    expect(history.body.events[3]!.note).toBe('Two units found in the back room');
  });

  it('a correction that cannot apply leaves the item open and the ledger untouched', async () => {
    const id = await openItem('count_discrepancy', DEMO_BRANCH_ID);
    const movements = async () => (await server.db.selectFrom('stock_movements').select('id').execute()).length;
    const count = await movements();
    const foreignPlace = await request<ApiErrorBody>(server.url, `${LIST}/${id}/resolve`, {
      headers: demoManager.headers(),
      json: { note: 'moved it', correction: { delta: -1, locationId: OTHER } },
    });
    expect(foreignPlace.status).toBe(403);
    const unknownProduct = await request<ApiErrorBody>(server.url, `${LIST}/${id}/resolve`, {
      headers: demoManager.headers(),
      json: { note: 'fixed', correction: { delta: -1, productId: 'no-such-product' } },
    });
    expect(unknownProduct.status).toBe(404);
    const zero = await request<ApiErrorBody>(server.url, `${LIST}/${id}/resolve`, {
      headers: demoManager.headers(),
      json: { note: 'fixed', correction: { delta: 0 } },
    });
    expect(zero.status).toBe(400);
    expect(zero.body.error.message).toMatch(/correction of 0/);
    expect(await movements()).toBe(count);
    const item = await request<ReconciliationItem>(server.url, `${LIST}/${id}`, { headers: demoManager.headers() });
    expect(item.body.status).toBe('open');
  });

  it('a branch manager cannot read, assign, resolve or see the history of another branch’s item', async () => {
    const id = await openItem('double_refund', OTHER);
    for (const [path, options] of [
      [`${LIST}/${id}`, {}],
      [`${LIST}/${id}/history`, {}],
      [`${LIST}/${id}/assign`, { json: {} }],
      [`${LIST}/${id}/resolve`, { json: { note: 'not mine', correction: { delta: 1 } } }],
      [`${LIST}?branchId=${OTHER}`, {}],
    ] as const) {
      const res = await request(server.url, path, { headers: demoManager.headers(), ...options });
      expect(res.status, path).toBe(403);
    }
    const row = await server.db.selectFrom('reconciliation_items').selectAll().where('id', '=', id).executeTakeFirst();
    expect(row).toMatchObject({ status: 'open', assigned_to: null });
    expect(await server.db.selectFrom('reconciliation_events').selectAll().where('item_id', '=', id).execute()).toEqual(
      [],
    );
  });
});
