import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { nextChangeNaming, openConsoleStream, type ConsoleStream } from '../test/console-stream';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { request } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';
import { visibleTo, type ConsoleChanged } from './stream-routes';

describe.each(reachableTestDatabases)(
  'reorder rules, price schedules and managers reach open consoles live on $label',
  (database: TestDatabase) => {
    const { server, admin, branchManager } = useTestServer(database, {
      config: { heartbeatSeconds: '0.2' },
      managers: {
        admin: { role: 'admin', name: 'Ana Admin' },
        branchManager: { role: 'branch_manager', branchIds: [DEMO_BRANCH_ID] },
      },
    });
    let productId: string;
    beforeAll(async () => {
      productId = (await server.db.selectFrom('products').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    });

    /** Streams of an administrator and a branch manager, both past their first resync. */
    async function streams(): Promise<[ConsoleStream, ConsoleStream]> {
      const pair = await Promise.all([
        openConsoleStream(server.url, admin.cookie),
        openConsoleStream(server.url, branchManager.cookie),
      ]);
      await Promise.all(pair.map((s) => s.next('resync', 2000)));
      return pair;
    }

    it('a reorder rule saved in one console reaches every manager’s console within 1 s', async () => {
      const [adminStream, managerStream] = await streams();
      try {
        const startedAt = Date.now();
        const res = await request(server.url, `/api/console/products/${productId}/stock-rule`, {
          method: 'PUT',
          json: { reorderMin: 4, reorderMax: 12 },
          headers: admin.headers(),
        });
        expect(res.status).toBe(200);
        await Promise.all([
          nextChangeNaming(adminStream, 'stockrules', 1000),
          nextChangeNaming(managerStream, 'stockrules', 1000),
        ]);
        expect(Date.now() - startedAt).toBeLessThan(1000);
      } finally {
        adminStream.close();
        managerStream.close();
      }
    });

    it('scheduling and cancelling a price change each reach consoles within 1 s', async () => {
      const [adminStream, managerStream] = await streams();
      try {
        const scheduled = await request<{ id: string }>(
          server.url,
          `/api/console/products/${productId}/price-changes`,
          {
            json: { priceCents: 999, effectiveAt: new Date(Date.now() + 86_400_000).toISOString() },
            headers: admin.headers(),
          },
        );
        expect(scheduled.status).toBe(201);
        await Promise.all([
          nextChangeNaming(adminStream, 'prices', 1000),
          nextChangeNaming(managerStream, 'prices', 1000),
        ]);
        const cancelled = await request(
          server.url,
          `/api/console/products/${productId}/price-changes/${scheduled.body.id}`,
          { method: 'DELETE', headers: admin.headers() },
        );
        expect(cancelled.status).toBe(200);
        await nextChangeNaming(adminStream, 'prices', 1000);
      } finally {
        adminStream.close();
        managerStream.close();
      }
    });

    it('a manager created, changed or given a new password reaches administrators’ consoles within 1 s, and no branch manager’s', async () => {
      const [adminStream, managerStream] = await streams();
      try {
        const created = await request<{ id: string }>(server.url, '/api/console/managers', {
          json: {
            email: `nuevo-${Date.now()}@ecomarket.test`,
            name: 'Nuevo Gerente',
            role: 'branch_manager',
            branchIds: [DEMO_BRANCH_ID],
            password: 'Verde-muy-larga-123',
          },
          headers: admin.headers(),
        });
        expect(created.status).toBe(201);
        await nextChangeNaming(adminStream, 'managers', 1000);
        const renamed = await request(server.url, `/api/console/managers/${created.body.id}`, {
          method: 'PATCH',
          json: { name: 'Gerente Renombrado' },
          headers: admin.headers(),
        });
        expect(renamed.status).toBe(200);
        await nextChangeNaming(adminStream, 'managers', 1000);
        const reset = await request(server.url, `/api/console/managers/${created.body.id}/reset-password`, {
          json: { password: 'Otra-clave-muy-larga-456' },
          headers: admin.headers(),
        });
        expect(reset.status).toBe(204);
        await nextChangeNaming(adminStream, 'managers', 1000);
        expect(
          managerStream.seen('changed').filter((c) => (c as ConsoleChanged).collections.includes('managers')),
        ).toEqual([]);
        // The rule itself, apart from the network's timing: a branch manager's scope never lets it through.
        const scope = { all: false, branchIds: new Set([DEMO_BRANCH_ID]), locationIds: new Set([DEMO_BRANCH_ID]) };
        const event = { seq: 1, collections: ['managers' as const], locationIds: [], branchIds: [DEMO_BRANCH_ID] };
        expect(visibleTo(scope, event)).toBe(null);
      } finally {
        adminStream.close();
        managerStream.close();
      }
    });
  },
);
