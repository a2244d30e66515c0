import { describe, expect, it } from 'vitest';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { issueLegacyKey } from '../legacy/legacy-keys';
import { openConsoleStream } from '../test/console-stream';
import { reachableTestDatabases } from '../test/databases';
import { createManager, signedInManager, signIn } from '../test/managers';
import { catalogue, makeSale, pairDevice, pushSales, request } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';
import type { ConsoleChanged } from './stream-routes';

describe.each(reachableTestDatabases)('console live stream on $label', (database) => {
  const { server } = useTestServer(database, {
    config: { heartbeatSeconds: '0.2' },
    branches: { 'sucursal-002': '002' },
  });

  async function signedInCookie(role: 'admin' | 'branch_manager', branchIds?: string[]): Promise<string> {
    const m = await createManager(server.db, { role, ...(branchIds ? { branchIds } : {}) });
    return (await signIn(server.url, m.email, m.password)).cookie;
  }

  async function sellAt(branchId: string): Promise<void> {
    const device = await pairDevice(server, branchId);
    const products = await catalogue(server.url, device.token);
    const res = await pushSales(server.url, device.token, [
      makeSale(device, 1, [{ product: products[0]!, quantity: 1 }]),
    ]);
    expect(res.body.acks).toHaveLength(1);
  }

  it('invariant 8: without a manager session the stream answers 401 and streams nothing', async () => {
    const res = await request<{ error: { code: string } }>(server.url, '/api/console/stream');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it("a sale reaches a signed-in administrator's console within 1 s; heartbeats keep the stream alive", async () => {
    const stream = await openConsoleStream(server.url, await signedInCookie('admin'));
    try {
      expect(stream.status).toBe(200);
      await stream.next('resync', 2000);
      const startedAt = Date.now();
      await sellAt(DEMO_BRANCH_ID);
      const changed = (await stream.next('changed', 1000)) as ConsoleChanged;
      expect(Date.now() - startedAt).toBeLessThan(1000);
      expect(changed.collections).toEqual(expect.arrayContaining(['stock', 'sales']));
      expect(changed.locationIds).toContain(DEMO_BRANCH_ID);
      await stream.next('heartbeat', 1000);
    } finally {
      stream.close();
    }
  });

  it('invariant 8: signing out ends the open stream within a heartbeat', async () => {
    const signedIn = await signedInManager(server, { role: 'admin' });
    const stream = await openConsoleStream(server.url, signedIn.cookie);
    try {
      await stream.next('resync', 2000);
      await stream.next('heartbeat', 1000);
      const out = await request(server.url, '/api/console/session', { method: 'DELETE', headers: signedIn.headers() });
      expect(out.status).toBeLessThan(300);
      await expect(
        Promise.race([stream.ended.then(() => 'ended'), new Promise((r) => setTimeout(() => r('still open'), 2000))]),
      ).resolves.toBe('ended');
    } finally {
      stream.close();
    }
  });

  it("invariant 8: a branch manager hears of their own branch's sales and not of other branches'", async () => {
    const stream = await openConsoleStream(server.url, await signedInCookie('branch_manager', ['sucursal-002']));
    try {
      await stream.next('resync', 2000);
      await sellAt(DEMO_BRANCH_ID);
      await sellAt('sucursal-002');
      const changed = (await stream.next('changed', 1000)) as ConsoleChanged;
      expect(changed.locationIds).toEqual(['sucursal-002']);
      await new Promise((r) => setTimeout(r, 100));
      for (const e of stream.seen('changed') as ConsoleChanged[]) {
        expect(e.locationIds).not.toContain(DEMO_BRANCH_ID);
        expect(e.branchIds).not.toContain(DEMO_BRANCH_ID);
      }
    } finally {
      stream.close();
    }
  });

  it('invariant 7: a reconciliation item opened by a legacy sale at the wrong price reaches the console within 1 s', async () => {
    const stream = await openConsoleStream(server.url, await signedInCookie('branch_manager', [DEMO_BRANCH_ID]));
    const { key } = await issueLegacyKey(server.db, DEMO_BRANCH_ID);
    try {
      await stream.next('resync', 2000);
      const res = await request(server.url, `/legacy/${key}/sale-notification`, {
        json: {
          branch_id: DEMO_BRANCH_ID,
          product_id: 1,
          quantity_sold: 2,
          timestamp: '2026-11-27T09:00:00.000001',
          sale_price: 4.0,
        },
      });
      expect(res.status).toBe(200);
      const changed = (await stream.next('changed', 1000)) as ConsoleChanged;
      expect(changed.collections).toContain('reconciliation');
    } finally {
      stream.close();
    }
  });
});
