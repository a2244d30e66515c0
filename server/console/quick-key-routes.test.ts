import { beforeAll, describe, expect, it } from 'vitest';
import type { QuickKeysResponse } from '../../shared/console/quick-keys';
import { syncPath, type ApiErrorBody, type BranchSettingsDoc } from '../../shared/protocol';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { openStream, pairDevice, request } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

const OTHER = 'sucursal-teclas-2';
const path = (branchId: string) => `/api/console/branches/${branchId}/quick-keys`;

describe.each(reachableTestDatabases)('quick keys over HTTP on $label', (database: TestDatabase) => {
  const { server, branchManager } = useTestServer(database, {
    branches: { [OTHER]: 'T02' },
    managers: { branchManager: 'branch_manager' },
  });
  let products: { id: string; name: string }[];
  beforeAll(async () => {
    products = await server.db.selectFrom('products').select(['id', 'name']).orderBy('name').execute();
  });

  const pullSettings = (token: string, since = { seq: 0, id: '' }) =>
    request<{ documents: BranchSettingsDoc[]; checkpoint: { seq: number; id: string } | null }>(
      server.url,
      `${syncPath('settings', 'pull')}?seq=${since.seq}&id=${since.id}`,
      { token },
    );
  const settingsOf = async (token: string) => (await pullSettings(token)).body.documents[0]!;

  it('[S5][S6] a manager sets the page in order with labels; the branch tablets are told and pull it with the settings', async () => {
    const device = await pairDevice(server);
    expect((await settingsOf(device.token)).quickKeys).toEqual([]);
    const stream = await openStream(server.url, device.token);
    try {
      const keys = [
        { productId: products[1]!.id, label: 'Pan' },
        { productId: products[0]!.id, label: '' },
      ];
      const res = await request<QuickKeysResponse>(server.url, path(DEMO_BRANCH_ID), {
        method: 'PUT',
        json: { keys },
        headers: branchManager.headers(),
      });
      expect(res.status).toBe(200);
      expect(res.body.keys.map((k) => [k.productId, k.label, k.name])).toEqual([
        [products[1]!.id, 'Pan', products[1]!.name],
        [products[0]!.id, '', products[0]!.name],
      ]);
      expect(JSON.stringify((await stream.next('changed', 5_000)).data)).toContain('settings');
      expect((await settingsOf(device.token)).quickKeys).toEqual(keys);
      const read = await request<QuickKeysResponse>(server.url, path(DEMO_BRANCH_ID), {
        headers: branchManager.headers(),
      });
      expect(read.body).toEqual(res.body);
    } finally {
      stream.close();
    }
  });

  it('refuses a product twice, an unknown product, a long label and another branch, changing nothing', async () => {
    const before = await request<QuickKeysResponse>(server.url, path(DEMO_BRANCH_ID), {
      headers: branchManager.headers(),
    });
    const put = (branchId: string, keys: unknown) =>
      request<ApiErrorBody>(server.url, path(branchId), {
        method: 'PUT',
        json: { keys },
        headers: branchManager.headers(),
      });
    const twice = await put(DEMO_BRANCH_ID, [
      { productId: products[0]!.id, label: '' },
      { productId: products[0]!.id, label: 'otra' },
    ]);
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toMatch(/twice/);
    const unknown = await put(DEMO_BRANCH_ID, [{ productId: 'no-such-product', label: '' }]);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/no-such-product/);
    const long = await put(DEMO_BRANCH_ID, [{ productId: products[0]!.id, label: 'x'.repeat(25) }]);
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/24 characters/);
    expect((await put(OTHER, [])).status).toBe(403);
    expect((await request(server.url, path(OTHER), { headers: branchManager.headers() })).status).toBe(403);
    const after = await request<QuickKeysResponse>(server.url, path(DEMO_BRANCH_ID), {
      headers: branchManager.headers(),
    });
    expect(after.body).toEqual(before.body);
  });

  it('[S5] the largest cash difference and "a shift is required" reach the tablets in the settings document', async () => {
    const device = await pairDevice(server);
    const first = await pullSettings(device.token);
    expect(first.body.documents[0]).toMatchObject({ requireOpenShift: false, maxCashDifferenceCents: 2000 });
    const limit = await request(server.url, `/api/console/reports/settings/${DEMO_BRANCH_ID}`, {
      method: 'PATCH',
      json: { maxCashDifferenceCents: 750 },
      headers: branchManager.headers(),
    });
    expect(limit.status).toBe(200);
    // From where the tablet's last pull left off, each change is new to it.
    const second = await pullSettings(device.token, first.body.checkpoint!);
    expect(second.body.documents[0]).toMatchObject({ requireOpenShift: false, maxCashDifferenceCents: 750 });
    const shift = await request(server.url, `/api/console/branches/${DEMO_BRANCH_ID}/settings`, {
      method: 'PATCH',
      json: { requireOpenShift: true },
      headers: branchManager.headers(),
    });
    expect(shift.status).toBe(200);
    const third = await pullSettings(device.token, second.body.checkpoint!);
    expect(third.body.documents[0]).toMatchObject({ requireOpenShift: true, maxCashDifferenceCents: 750 });
  });
});
