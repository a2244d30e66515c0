import { beforeAll, describe, expect, it } from 'vitest';
import type { LowStockResponse, StockAsOfResponse, StockMatrixResponse } from '../../shared/console/stock';
import type { ApiErrorBody } from '../../shared/protocol';
import { CENTRE_LOCATION_ID, DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { request, stockLevels } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

const OTHER = 'sucursal-stock-2';

describe.each(reachableTestDatabases)('console stock over HTTP on $label', (database: TestDatabase) => {
  const { server, admin, demoManager } = useTestServer(database, {
    branches: { [OTHER]: 'K02' },
    managers: { admin: 'admin', demoManager: 'branch_manager' },
  });
  let apples: string;
  beforeAll(async () => {
    apples = (
      await server.db.selectFrom('products').select('id').where('sku', '=', 'ECO-0001').executeTakeFirstOrThrow()
    ).id;
  });

  const level = async (locationId: string, productId: string) =>
    (await stockLevels(server.db, locationId)).get(productId)?.quantity ?? 0;

  it('the matrix holds the centre, every branch and the total for an admin; a branch manager sees their branch only', async () => {
    const all = await request<StockMatrixResponse>(server.url, '/api/console/stock/matrix?query=Manzanas', {
      headers: admin.headers(),
    });
    expect(all.status).toBe(200);
    // The centre first, then branches by name (Sucursal 001, Sucursal K02).
    expect(all.body.locations.map((l) => l.id)).toEqual([CENTRE_LOCATION_ID, DEMO_BRANCH_ID, OTHER]);
    const row = all.body.items.find((i) => i.productId === apples)!;
    const centre = await level(CENTRE_LOCATION_ID, apples);
    const branch = await level(DEMO_BRANCH_ID, apples);
    expect(row.quantities).toEqual({ [CENTRE_LOCATION_ID]: centre, [DEMO_BRANCH_ID]: branch, [OTHER]: 0 });
    expect(row.total).toBe(centre + branch);
    const mine = await request<StockMatrixResponse>(server.url, '/api/console/stock/matrix?query=Manzanas', {
      headers: demoManager.headers(),
    });
    expect(mine.body.locations.map((l) => l.id)).toEqual([DEMO_BRANCH_ID]);
    expect(mine.body.items.find((i) => i.productId === apples)).toMatchObject({
      quantities: { [DEMO_BRANCH_ID]: branch },
      total: branch,
    });
    const page = await request<StockMatrixResponse>(server.url, '/api/console/stock/matrix?limit=2', {
      headers: admin.headers(),
    });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.nextCursor).not.toBeNull();
  });

  it('low stock suggests up to the maximum and becomes one transfer from the centre in one step', async () => {
    const branch = await level(DEMO_BRANCH_ID, apples);
    await request(server.url, `/api/console/products/${apples}/stock-rule`, {
      method: 'PUT',
      headers: admin.headers(),
      json: { reorderMin: branch + 5, reorderMax: branch + 15 },
    });
    const low = await request<LowStockResponse>(server.url, `/api/console/stock/low?locationId=${DEMO_BRANCH_ID}`, {
      headers: demoManager.headers(),
    });
    expect(low.status).toBe(200);
    expect(low.body.items).toEqual([
      expect.objectContaining({ productId: apples, quantity: branch, suggestedQuantity: 15 }),
    ]);
    expect(
      (await request(server.url, `/api/console/stock/low?locationId=${OTHER}`, { headers: demoManager.headers() }))
        .status,
    ).toBe(403);
    const centreBefore = await level(CENTRE_LOCATION_ID, apples);
    const sent = await request<{ transferId: string; lines: unknown[] }>(server.url, '/api/console/stock/resupply', {
      headers: admin.headers(),
      json: { toLocationId: DEMO_BRANCH_ID },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.lines).toEqual([{ productId: apples, quantity: 15 }]);
    expect(await level(CENTRE_LOCATION_ID, apples)).toBe(centreBefore - 15);
    const transfer = await server.db
      .selectFrom('transfers')
      .selectAll()
      .where('id', '=', sent.body.transferId)
      .executeTakeFirstOrThrow();
    expect(transfer).toMatchObject({
      from_location_id: CENTRE_LOCATION_ID,
      to_location_id: DEMO_BRANCH_ID,
      status: 'sent',
    });
    await request(server.url, `/api/console/products/${apples}/stock-rule`, {
      method: 'PUT',
      headers: admin.headers(),
      json: { reorderMin: null, reorderMax: null },
    });
  });

  it('adjusts with a reason code through the ledger; stock as of a past moment is summed from it', async () => {
    const before = await level(DEMO_BRANCH_ID, apples);
    await new Promise((r) => setTimeout(r, 20));
    const moment = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const wrongSign = await request<ApiErrorBody>(server.url, '/api/console/stock/adjustments', {
      headers: demoManager.headers(),
      json: { locationId: DEMO_BRANCH_ID, productId: apples, delta: 3, reason: 'waste', note: 'spoiled' },
    });
    expect(wrongSign.status).toBe(400);
    expect(wrongSign.body.error.message).toMatch(/negative quantity/);
    const foreign = await request<ApiErrorBody>(server.url, '/api/console/stock/adjustments', {
      headers: demoManager.headers(),
      json: { locationId: OTHER, productId: apples, delta: -1, reason: 'theft', note: 'missing' },
    });
    expect(foreign.status).toBe(403);
    expect(await level(DEMO_BRANCH_ID, apples)).toBe(before);
    const done = await request<{ level: number }>(server.url, '/api/console/stock/adjustments', {
      headers: demoManager.headers(),
      json: { locationId: DEMO_BRANCH_ID, productId: apples, delta: -3, reason: 'waste', note: 'bruised apples' },
    });
    expect(done.status).toBe(201);
    expect(done.body.level).toBe(before - 3);
    const movement = await server.db
      .selectFrom('stock_movements')
      .selectAll()
      .where('location_id', '=', DEMO_BRANCH_ID)
      .where('product_id', '=', apples)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(movement).toMatchObject({ kind: 'correction', reason: 'waste: bruised apples' });

    const asOf = (at: string) =>
      request<StockAsOfResponse>(
        server.url,
        `/api/console/stock/as-of?locationId=${DEMO_BRANCH_ID}&productId=${apples}&at=${encodeURIComponent(at)}`,
        { headers: demoManager.headers() },
      );
    expect((await asOf(moment)).body.items).toEqual([expect.objectContaining({ productId: apples, quantity: before })]);
    expect((await asOf(new Date().toISOString())).body.items[0]!.quantity).toBe(before - 3);
    expect((await asOf('2000-01-01T00:00:00Z')).body.items[0]!.quantity).toBe(0);
    // One product walks its own chain; a whole page sums the location's movements: the same figure.
    const byPage = async (at: string) => {
      let cursor = '';
      for (;;) {
        const page = await request<StockAsOfResponse>(
          server.url,
          `/api/console/stock/as-of?locationId=${DEMO_BRANCH_ID}&limit=200&at=${encodeURIComponent(at)}${cursor}`,
          { headers: demoManager.headers() },
        );
        const found = page.body.items.find((i) => i.productId === apples);
        if (found || !page.body.nextCursor) return found?.quantity;
        cursor = `&cursor=${encodeURIComponent(page.body.nextCursor)}`;
      }
    };
    expect(await byPage(moment)).toBe(before);
    expect(await byPage(new Date().toISOString())).toBe(before - 3);
    const whole = await request<StockAsOfResponse>(
      server.url,
      `/api/console/stock/as-of?locationId=${CENTRE_LOCATION_ID}&at=${encodeURIComponent(new Date().toISOString())}`,
      { headers: admin.headers() },
    );
    const centre = await stockLevels(server.db, CENTRE_LOCATION_ID);
    expect(whole.body.items.map((i) => [i.productId, i.quantity])).toEqual(
      [...centre.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, l]) => [id, l.quantity]),
    );
    expect(
      (
        await request(
          server.url,
          `/api/console/stock/as-of?locationId=${CENTRE_LOCATION_ID}&at=${encodeURIComponent(moment)}`,
          {
            headers: demoManager.headers(),
          },
        )
      ).status,
    ).toBe(403);
  });
});
