import { describe, expect, it, vi } from 'vitest';
import type {
  ConsoleProductView,
  PriceChange,
  PriceHistory,
  PriceRollout,
  ProductImportResponse,
} from '../../shared/console/catalogue';
import type { Page, ReconciliationItem } from '../../shared/console/ledger-api';
import type { ApiErrorBody } from '../../shared/protocol';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { HEALTHY_STATUS } from '../test/device-documents';
import { catalogue, makeSale, pairDevice, pushSales, request } from '../test/test-server';
import { adminAndBranchManagers, useTestServer } from '../test/use-test-server';

vi.setConfig({ testTimeout: 60_000 });

const OTHER = 'sucursal-cat-2';

describe.each(reachableTestDatabases)('console catalogue over HTTP on $label', (database: TestDatabase) => {
  const { server, admin, demoManager, otherManager } = useTestServer(database, {
    branches: { [OTHER]: 'C02' },
    managers: adminAndBranchManagers(OTHER),
  });

  const create = async (body: Record<string, unknown>) => {
    const res = await request<ConsoleProductView>(server.url, '/api/console/products', {
      headers: admin.headers(),
      json: { priceCents: 100, ...body },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const products = (query: string, who = admin) =>
    request<Page<ConsoleProductView>>(server.url, `/api/console/products?${query}`, { headers: who.headers() });

  it('filters by category and archived state on the server, page by page; archive and restore', async () => {
    const a = await create({ sku: 'TEA-1', name: 'Té verde', category: 'Tés' });
    await create({ sku: 'TEA-2', name: 'Té negro', category: 'Tés' });
    await create({ sku: 'TEA-3', name: 'Té rojo', category: 'Tés' });
    const page1 = await products('category=T%C3%A9s&limit=2');
    expect(page1.body.items.map((p) => p.sku)).toEqual(['TEA-2', 'TEA-3']);
    const page2 = await products(`category=T%C3%A9s&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((p) => p.sku)).toEqual(['TEA-1']);
    expect(page2.body.nextCursor).toBeNull();

    expect(
      (await request(server.url, `/api/console/products/${a.id}/archive`, { headers: demoManager.headers(), json: {} }))
        .status,
    ).toBe(403);
    const archived = await request<ConsoleProductView>(server.url, `/api/console/products/${a.id}/archive`, {
      headers: admin.headers(),
      json: {},
    });
    expect(archived.body._deleted).toBe(true);
    expect((await products('category=T%C3%A9s')).body.items.map((p) => p.sku)).toEqual(['TEA-2', 'TEA-3']);
    expect((await products('category=T%C3%A9s&archived=archived')).body.items.map((p) => p.sku)).toEqual(['TEA-1']);
    const categories = await request<{ categories: { name: string; products: number }[] }>(
      server.url,
      '/api/console/products/categories',
      { headers: demoManager.headers() },
    );
    expect(categories.body.categories).toContainEqual({ name: 'Tés', products: 2 });
    const restored = await request<ConsoleProductView>(server.url, `/api/console/products/${a.id}/restore`, {
      headers: admin.headers(),
      json: {},
    });
    expect(restored.body._deleted).toBe(false);
  });

  it('keeps a legacy id unique and a reorder rule consistent; bad input changes nothing', async () => {
    const p = await create({ sku: 'LEG-1', name: 'Avena', legacyId: 9001 });
    expect(p.legacyId).toBe(9001);
    const taken = await request<ApiErrorBody>(server.url, '/api/console/products', {
      headers: admin.headers(),
      json: { sku: 'LEG-2', name: 'Avena 2', priceCents: 5, legacyId: 9001 },
    });
    expect(taken.status).toBe(409);
    const moved = await request<{ product: ConsoleProductView }>(server.url, `/api/console/products/${p.id}`, {
      method: 'PATCH',
      headers: admin.headers(),
      json: { baseSeq: p.seq, legacyId: 9002 },
    });
    expect(moved.body.product.legacyId).toBe(9002);
    const rule = await request<ConsoleProductView>(server.url, `/api/console/products/${p.id}/stock-rule`, {
      method: 'PUT',
      headers: admin.headers(),
      json: { reorderMin: 5, reorderMax: 20 },
    });
    expect(rule.body).toMatchObject({ reorderMin: 5, reorderMax: 20 });
    const bad = await request<ApiErrorBody>(server.url, `/api/console/products/${p.id}/stock-rule`, {
      method: 'PUT',
      headers: admin.headers(),
      json: { reorderMin: 30, reorderMax: 20 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/maximum must be at least the minimum/);
    const again = await request<ConsoleProductView>(server.url, `/api/console/products/${p.id}`, {
      headers: demoManager.headers(),
    });
    expect(again.body).toMatchObject({ reorderMin: 5, reorderMax: 20, legacyId: 9002 });
  });

  it('a scheduled price is pending until it takes effect; an offline sale at the old price after it shows in the rollout', async () => {
    const p = await create({ sku: 'SCH-1', name: 'Miel', priceCents: 1000 });
    const device = await pairDevice(server, DEMO_BRANCH_ID);
    const pulled = (await catalogue(server.url, device.token)).find((d) => d.id === p.id)!;
    await request(server.url, '/api/devices/status', {
      token: device.token,
      json: { ...HEALTHY_STATUS, catalogueSeq: p.seq },
    });
    const past = await request<ApiErrorBody>(server.url, `/api/console/products/${p.id}/price-changes`, {
      headers: admin.headers(),
      json: { priceCents: 800, effectiveAt: new Date(Date.now() - 60_000).toISOString() },
    });
    expect(past.status).toBe(400);
    const effectiveAt = new Date(Date.now() + 1500).toISOString();
    const scheduled = await request<PriceChange>(server.url, `/api/console/products/${p.id}/price-changes`, {
      headers: admin.headers(),
      json: { priceCents: 800, effectiveAt },
    });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body).toMatchObject({ state: 'pending', previousPriceCents: 1000, appliedSeq: null });
    const pending = await request<ConsoleProductView>(server.url, `/api/console/products/${p.id}`, {
      headers: admin.headers(),
    });
    expect(pending.body).toMatchObject({ priceCents: 1000, pendingPrice: { priceCents: 800, effectiveAt } });

    // A sale before the change at the old price is fine; one after it is not (device still offline).
    const before = makeSale(device, 1, [{ product: pulled, quantity: 1 }]);
    await new Promise((r) => setTimeout(r, Date.parse(effectiveAt) - Date.now() + 50));
    const after = makeSale(device, 2, [{ product: pulled, quantity: 2 }]);
    expect((await pushSales(server.url, device.token, [before, after])).status).toBe(200);
    const items = await request<Page<ReconciliationItem>>(
      server.url,
      `/api/console/reconciliation?kind=price_mismatch&branchId=${DEMO_BRANCH_ID}`,
      { headers: admin.headers() },
    );
    expect(items.body.items.filter((i) => i.productId === p.id).map((i) => i.saleId)).toEqual([after.id]);

    // The scheduler (every 5 s) puts the price into the catalogue, and tablets pull it.
    let applied: PriceChange | undefined;
    for (let i = 0; i < 40 && applied?.state !== 'applied'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      const h = await request<PriceHistory>(server.url, `/api/console/products/${p.id}/prices`, {
        headers: admin.headers(),
      });
      applied = h.body.changes[0];
    }
    expect(applied).toMatchObject({ state: 'applied' });
    expect((await catalogue(server.url, device.token)).find((d) => d.id === p.id)!.priceCents).toBe(800);

    const rollout = await request<PriceRollout>(
      server.url,
      `/api/console/products/${p.id}/price-changes/${scheduled.body.id}/rollout`,
      { headers: demoManager.headers() },
    );
    expect(rollout.status).toBe(200);
    expect(rollout.body.devices.find((d) => d.deviceId === device.deviceId)).toMatchObject({
      catalogueSeq: p.seq,
      hasNewPrice: false,
    });
    expect(rollout.body.salesAtOldPrice).toEqual([
      expect.objectContaining({ saleId: after.id, quantity: 2, chargedUnitCents: 1000 }),
    ]);
    const foreign = await request<PriceRollout>(
      server.url,
      `/api/console/products/${p.id}/price-changes/${scheduled.body.id}/rollout`,
      { headers: otherManager.headers() },
    );
    expect(foreign.body.salesAtOldPrice).toEqual([]);
    expect(foreign.body.devices.some((d) => d.deviceId === device.deviceId)).toBe(false);
  });

  it('a cancelled change leaves the price history as it was; cancelling twice is 409', async () => {
    const p = await create({ sku: 'SCH-2', name: 'Jalea', priceCents: 300 });
    const before = await request<PriceHistory>(server.url, `/api/console/products/${p.id}/prices`, {
      headers: admin.headers(),
    });
    const change = await request<PriceChange>(server.url, `/api/console/products/${p.id}/price-changes`, {
      headers: admin.headers(),
      json: { priceCents: 350, effectiveAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    const scheduled = await request<PriceHistory>(server.url, `/api/console/products/${p.id}/prices`, {
      headers: admin.headers(),
    });
    expect(scheduled.body.history).toHaveLength(before.body.history.length + 1);
    const path = `/api/console/products/${p.id}/price-changes/${change.body.id}`;
    expect((await request(server.url, path, { method: 'DELETE', headers: demoManager.headers() })).status).toBe(403);
    const cancelled = await request<PriceChange>(server.url, path, { method: 'DELETE', headers: admin.headers() });
    expect(cancelled.body.state).toBe('cancelled');
    expect((await request(server.url, path, { method: 'DELETE', headers: admin.headers() })).status).toBe(409);
    const after = await request<PriceHistory>(server.url, `/api/console/products/${p.id}/prices`, {
      headers: admin.headers(),
    });
    expect(after.body.history).toEqual(before.body.history);
  });

  it('CSV import previews per-row errors and writes nothing; confirmed, it writes every row or none', async () => {
    await create({ sku: 'CSV-OLD', name: 'Arroz', priceCents: 200, category: 'Granos' });
    const bad = [
      'sku,name,category,priceCents,reorderMin,reorderMax',
      'CSV-NEW,Lentejas,Granos,350,4,12',
      'CSV-OLD,,,210,,',
      'CSV-BAD,Frijol,Granos,-5,,',
      'CSV-NEW,Duplicada,Granos,100,,',
    ].join('\n');
    const count = async () => (await server.db.selectFrom('products').select('id').execute()).length;
    const n = await count();
    const preview = await request<ProductImportResponse>(server.url, '/api/console/products/import', {
      headers: admin.headers(),
      json: { csv: bad },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ confirmed: false, errorCount: 2, createCount: 1, updateCount: 1 });
    expect(preview.body.rows.map((r) => [r.line, r.action, r.errors.length])).toEqual([
      [2, 'create', 0],
      [3, 'update', 0],
      [4, 'unchanged', 1],
      [5, 'unchanged', 1],
    ]);
    expect(preview.body.rows[2]!.errors[0]).toMatch(/priceCents/);
    expect(preview.body.rows[3]!.errors[0]).toMatch(/already on line 2/);
    const refused = await request<ApiErrorBody>(server.url, '/api/console/products/import', {
      headers: admin.headers(),
      json: { csv: bad, confirm: true },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details?.map((d) => d.path)).toEqual(['line 4', 'line 5']);
    expect(await count()).toBe(n);

    const good = bad.split('\n').slice(0, 3).join('\n');
    const denied = await request(server.url, '/api/console/products/import', {
      headers: demoManager.headers(),
      json: { csv: good, confirm: true },
    });
    expect(denied.status).toBe(403);
    const done = await request<ProductImportResponse>(server.url, '/api/console/products/import', {
      headers: admin.headers(),
      json: { csv: good, confirm: true },
    });
    expect(done.body).toMatchObject({ confirmed: true, errorCount: 0, createCount: 1, updateCount: 1 });
    expect(await count()).toBe(n + 1);
    const rows = await products('category=Granos');
    expect(rows.body.items.map((p) => [p.sku, p.name, p.priceCents, p.reorderMin, p.reorderMax])).toEqual([
      ['CSV-OLD', 'Arroz', 210, null, null],
      ['CSV-NEW', 'Lentejas', 350, 4, 12],
    ]);
    const header = await request<ApiErrorBody>(server.url, '/api/console/products/import', {
      headers: admin.headers(),
      json: { csv: 'codigo,nombre\nX,Y' },
    });
    expect(header.status).toBe(400);
    expect(header.body.error.message).toMatch(/sku \(required\)/);
  });
});
