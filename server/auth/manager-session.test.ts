import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../shared/protocol';
import { errorMiddleware } from '../http/api-error';
import { createLogger } from '../logger';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { request } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';
import { canManageBranch, managerOf, requireManager } from './manager-session';

describe('canManageBranch', () => {
  it('an admin manages every branch, a branch manager only theirs', () => {
    expect(canManageBranch({ branchIds: 'all' }, 'sucursal-009')).toBe(true);
    expect(canManageBranch({ branchIds: ['sucursal-001'] }, 'sucursal-001')).toBe(true);
    expect(canManageBranch({ branchIds: ['sucursal-001'] }, 'sucursal-002')).toBe(false);
    expect(canManageBranch({ branchIds: [] }, 'sucursal-001')).toBe(false);
  });
});

/**
 * requireManager as other parts mount it: a small app of routes guarded by it, on the database of a
 * real test server (where managers sign in), over HTTP.
 */
describe.each(reachableTestDatabases)('requireManager on $label', (database: TestDatabase) => {
  const { server, admin, branchManager } = useTestServer(database, {
    managers: { admin: 'admin', branchManager: 'branch_manager' },
  });
  let guarded: http.Server;
  let guardedUrl: string;
  const changes: string[] = [];

  beforeAll(async () => {
    const app = express();
    app.get('/any', requireManager(server.db), (req, res) => res.json(managerOf(req)));
    app.post('/any', requireManager(server.db), (req, res) => {
      changes.push(managerOf(req).id);
      res.json({ ok: true });
    });
    app.post('/admin-only', requireManager(server.db, { role: 'admin' }), (req, res) => {
      changes.push(`admin:${managerOf(req).id}`);
      res.json({ ok: true });
    });
    app.use(errorMiddleware(createLogger('silent')));
    guarded = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => guarded.once('listening', resolve));
    guardedUrl = `http://127.0.0.1:${(guarded.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => guarded?.close(resolve));
  });

  it('invariant 8: no session cookie is 401 UNAUTHENTICATED with a message that says to sign in', async () => {
    const res = await request<ApiErrorBody>(guardedUrl, '/any');
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(res.body.error.message).toMatch(/sign in/);
    const forged = await request(guardedUrl, '/any', {
      headers: { cookie: 'ecomarket_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(forged.status).toBe(401);
  });

  it('managerOf gives the signed-in manager with role and branches', async () => {
    const res = await request<{ role: string; branchIds: unknown }>(guardedUrl, '/any', {
      headers: { cookie: branchManager.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'branch_manager', branchIds: ['sucursal-001'] });
  });

  it('a POST without the CSRF header is 403 and the handler never runs; with it, it runs', async () => {
    const before = changes.length;
    const res = await request<ApiErrorBody>(guardedUrl, '/any', { method: 'POST', headers: { cookie: admin.cookie } });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/x-csrf-token/);
    expect(changes.length).toBe(before);
    expect((await request(guardedUrl, '/any', { method: 'POST', headers: admin.headers() })).status).toBe(200);
    expect(changes.length).toBe(before + 1);
  });

  it("role 'admin': a branch manager gets 403 FORBIDDEN and nothing changes; an admin passes", async () => {
    const before = changes.length;
    const res = await request<ApiErrorBody>(guardedUrl, '/admin-only', {
      method: 'POST',
      headers: branchManager.headers(),
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(res.body.error.message).toMatch(/administrator/);
    expect(changes.length).toBe(before);
    expect((await request(guardedUrl, '/admin-only', { method: 'POST', headers: admin.headers() })).status).toBe(200);
  });
});
