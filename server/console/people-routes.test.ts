import { describe, expect, it } from 'vitest';
import type { ManagerView } from '../../shared/console/people';
import type { ApiErrorBody } from '../../shared/protocol';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { createManager, type SignedIn, signIn } from '../test/managers';
import { request } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

const OTHER = 'sucursal-people-2';
const SESSION = '/api/console/session';

describe.each(reachableTestDatabases)('console people over HTTP on $label', (database: TestDatabase) => {
  const { server, admin, demoManager } = useTestServer(database, {
    branches: { [OTHER]: 'P02' },
    managers: { admin: 'admin', demoManager: 'branch_manager' },
  });

  const branchesOf = async (s: SignedIn) =>
    (
      await request<{ branches: { id: string }[] }>(server.url, '/api/console/branches', { headers: s.headers() })
    ).body.branches.map((b) => b.id);

  it('an administrator creates a branch manager, changes their scope, disables and enables them', async () => {
    const created = await request<ManagerView>(server.url, '/api/console/managers', {
      headers: admin.headers(),
      json: { email: 'Luis@EcoMarket.test', name: 'Luis', branchIds: [DEMO_BRANCH_ID], password: 'clave-de-luis-1' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'luis@ecomarket.test', role: 'branch_manager', disabled: false });
    const luis = await signIn(server.url, 'luis@ecomarket.test', 'clave-de-luis-1');
    expect(await branchesOf(luis)).toEqual([DEMO_BRANCH_ID]);
    const taken = await request<ApiErrorBody>(server.url, '/api/console/managers', {
      headers: admin.headers(),
      json: { email: 'luis@ecomarket.test', name: 'Otro', branchIds: [OTHER], password: 'otra-clave-12' },
    });
    expect(taken.status).toBe(409);
    const noBranch = await request<ApiErrorBody>(server.url, '/api/console/managers', {
      headers: admin.headers(),
      json: { email: 'x@ecomarket.test', name: 'X', password: 'otra-clave-12' },
    });
    expect(noBranch.status).toBe(400);
    expect(noBranch.body.error.message).toMatch(/at least one branch/);

    const moved = await request<ManagerView>(server.url, `/api/console/managers/${created.body.id}`, {
      method: 'PATCH',
      headers: admin.headers(),
      json: { branchIds: [OTHER] },
    });
    expect(moved.body.branchIds).toEqual([OTHER]);
    expect(await branchesOf(luis)).toEqual([OTHER]);
    const unknown = await request(server.url, `/api/console/managers/${created.body.id}`, {
      method: 'PATCH',
      headers: admin.headers(),
      json: { branchIds: ['no-such-branch'] },
    });
    expect(unknown.status).toBe(404);

    await request(server.url, `/api/console/managers/${created.body.id}`, {
      method: 'PATCH',
      headers: admin.headers(),
      json: { disabled: true },
    });
    expect((await request(server.url, SESSION, { headers: { cookie: luis.cookie } })).status).toBe(401);
    const list = await request<{ managers: ManagerView[] }>(server.url, '/api/console/managers', {
      headers: admin.headers(),
    });
    expect(list.body.managers.some((m) => m.id === created.body.id)).toBe(false);
    const withDisabled = await request<{ managers: ManagerView[] }>(
      server.url,
      '/api/console/managers?includeDisabled=true',
      { headers: admin.headers() },
    );
    expect(withDisabled.body.managers.find((m) => m.id === created.body.id)?.disabled).toBe(true);
    await request(server.url, `/api/console/managers/${created.body.id}`, {
      method: 'PATCH',
      headers: admin.headers(),
      json: { disabled: false },
    });
    expect((await signIn(server.url, 'luis@ecomarket.test', 'clave-de-luis-1')).session.manager.branchIds).toEqual([
      OTHER,
    ]);
  });

  it('a password reset ends the old sessions and the new password works', async () => {
    const m = await createManager(server.db, { role: 'branch_manager' });
    const s = await signIn(server.url, m.email, m.password);
    const weak = await request(server.url, `/api/console/managers/${m.id}/reset-password`, {
      headers: admin.headers(),
      json: { password: 'corta' },
    });
    expect(weak.status).toBe(400);
    expect((await request(server.url, SESSION, { headers: { cookie: s.cookie } })).status).toBe(200);
    const reset = await request(server.url, `/api/console/managers/${m.id}/reset-password`, {
      headers: admin.headers(),
      json: { password: 'nueva-clave-larga' },
    });
    expect(reset.status).toBe(204);
    expect((await request(server.url, SESSION, { headers: { cookie: s.cookie } })).status).toBe(401);
    await signIn(server.url, m.email, 'nueva-clave-larga');
  });

  it('a branch manager cannot list, create, change or reset managers; the last administrator cannot be disabled', async () => {
    const m = await createManager(server.db, { role: 'branch_manager', branchIds: [OTHER] });
    for (const [path, options] of [
      ['/api/console/managers', {}],
      [
        '/api/console/managers',
        { json: { email: 'y@e.test', name: 'Y', branchIds: [DEMO_BRANCH_ID], password: 'clave-larga-99' } },
      ],
      [`/api/console/managers/${m.id}`, { method: 'PATCH', json: { branchIds: [DEMO_BRANCH_ID] } }],
      [`/api/console/managers/${m.id}/reset-password`, { json: { password: 'clave-larga-99' } }],
    ] as const) {
      const res = await request(server.url, path, { headers: demoManager.headers(), ...options });
      expect(res.status, path).toBe(403);
    }
    expect((await signIn(server.url, m.email, m.password)).session.manager.branchIds).toEqual([OTHER]);
    const self = await request<ApiErrorBody>(server.url, `/api/console/managers/${admin.account.id}`, {
      method: 'PATCH',
      headers: admin.headers(),
      json: { disabled: true },
    });
    expect(self.status).toBe(409);
    const other = await createManager(server.db, { role: 'admin' });
    const otherSession = await signIn(server.url, other.email, other.password);
    // Disable the first administrator from the second, then the second is the last one.
    expect(
      (
        await request(server.url, `/api/console/managers/${admin.account.id}`, {
          method: 'PATCH',
          headers: otherSession.headers(),
          json: { disabled: true },
        })
      ).status,
    ).toBe(200);
    const last = await request<ApiErrorBody>(server.url, `/api/console/managers/${other.id}`, {
      method: 'PATCH',
      headers: otherSession.headers(),
      json: { disabled: true },
    });
    expect(last.status).toBe(409);
    await request(server.url, `/api/console/managers/${admin.account.id}`, {
      method: 'PATCH',
      headers: otherSession.headers(),
      json: { disabled: false },
    });
    // The first administrator's sessions ended when it was disabled; the tests below do not use it.
  });

  it('a branch manager creates their branch’s cashiers, resets a PIN and deactivates one; another branch is 403', async () => {
    const created = await request<{ id: string; active: boolean }>(
      server.url,
      `/api/console/branches/${DEMO_BRANCH_ID}/cashiers`,
      { headers: demoManager.headers(), json: { name: 'Rosa', pin: '4321' } },
    );
    expect(created.status).toBe(201);
    const before = await server.db
      .selectFrom('cashiers')
      .select('pin_hash')
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    const pin = await request(server.url, `/api/console/branches/${DEMO_BRANCH_ID}/cashiers/${created.body.id}`, {
      method: 'PATCH',
      headers: demoManager.headers(),
      json: { pin: '9876' },
    });
    expect(pin.status).toBe(200);
    const after = await server.db
      .selectFrom('cashiers')
      .select('pin_hash')
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(after.pin_hash).not.toBe(before.pin_hash);
    const off = await request<{ active: boolean }>(
      server.url,
      `/api/console/branches/${DEMO_BRANCH_ID}/cashiers/${created.body.id}`,
      { method: 'PATCH', headers: demoManager.headers(), json: { active: false } },
    );
    expect(off.body.active).toBe(false);
    const foreign = await request(server.url, `/api/console/branches/${OTHER}/cashiers`, {
      headers: demoManager.headers(),
      json: { name: 'Intrusa', pin: '1111' },
    });
    expect(foreign.status).toBe(403);
    expect(await server.db.selectFrom('cashiers').select('id').where('branch_id', '=', OTHER).execute()).toEqual([]);
  });
});
