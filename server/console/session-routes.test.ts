import { describe, expect, it } from 'vitest';
import type { SessionResponse } from '../../shared/console/manager-session';
import type { ApiErrorBody } from '../../shared/protocol';
import { disableManager } from '../auth/manager-accounts';
import { sha256 } from '../auth/secrets';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { createManager, signIn } from '../test/managers';
import { request } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

const SESSION = '/api/console/session';

describe.each(reachableTestDatabases)('console session over HTTP on $label', (database: TestDatabase) => {
  const { server } = useTestServer(database);

  it('signs in with email and password: 201, an HttpOnly SameSite=Strict cookie, the manager and a CSRF token', async () => {
    const m = await createManager(server.db, { role: 'branch_manager', email: 'Gerente@EcoMarket.test' });
    const res = await request<SessionResponse>(server.url, SESSION, {
      json: { email: 'gerente@ecomarket.test', password: m.password },
    });
    expect(res.status).toBe(201);
    expect(res.body.manager).toMatchObject({ id: m.id, role: 'branch_manager', branchIds: [DEMO_BRANCH_ID] });
    expect(res.body.csrfToken.length).toBeGreaterThan(20);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ecomarket_session='))!;
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\//);
    // Plain http: a Secure cookie would never come back, so it is set only over https.
    expect(cookie).not.toMatch(/; Secure/i);
    // Only the token's hash is stored.
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const stored = await server.db
      .selectFrom('manager_sessions')
      .select('token_hash')
      .where('manager_id', '=', m.id)
      .execute();
    expect(stored.map((s) => s.token_hash)).toEqual([sha256(token)]);
  });

  it('GET tells who is signed in with the same CSRF token; without a cookie it is 401', async () => {
    const m = await createManager(server.db, { role: 'admin' });
    const s = await signIn(server.url, m.email, m.password);
    const me = await request<SessionResponse>(server.url, SESSION, { headers: { cookie: s.cookie } });
    expect(me.status).toBe(200);
    expect(me.body.manager).toMatchObject({ id: m.id, role: 'admin', branchIds: 'all' });
    expect(me.body.csrfToken).toBe(s.csrfToken);
    const anonymous = await request<ApiErrorBody>(server.url, SESSION);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    expect(anonymous.body.error.message).toMatch(/sign in/);
  });

  it('a wrong password and an unknown email get the same 401 and message (no account probing)', async () => {
    const m = await createManager(server.db, { role: 'admin' });
    const wrong = await request<ApiErrorBody>(server.url, SESSION, {
      json: { email: m.email, password: 'not-the-password' },
    });
    const unknown = await request<ApiErrorBody>(server.url, SESSION, {
      json: { email: 'nobody@ecomarket.test', password: 'not-the-password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toEqual(wrong.body.error);
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('a disabled manager cannot sign in, and their open session stops working', async () => {
    const m = await createManager(server.db, { role: 'admin' });
    const s = await signIn(server.url, m.email, m.password);
    await disableManager(server.db, m.id);
    expect((await request(server.url, SESSION, { headers: { cookie: s.cookie } })).status).toBe(401);
    const again = await request<ApiErrorBody>(server.url, SESSION, { json: { email: m.email, password: m.password } });
    expect(again.status).toBe(403);
    expect(again.body.error.message).toMatch(/disabled/);
  });

  it('an expired session is refused and removed at the next sign-in', async () => {
    const m = await createManager(server.db, { role: 'admin' });
    const s = await signIn(server.url, m.email, m.password);
    await server.db
      .updateTable('manager_sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('manager_id', '=', m.id)
      .execute();
    expect((await request(server.url, SESSION, { headers: { cookie: s.cookie } })).status).toBe(401);
    // The next sign-in (anyone's) forgets ended sessions.
    await signIn(server.url, m.email, m.password);
    const left = await server.db
      .selectFrom('manager_sessions')
      .select('expires_at')
      .where('manager_id', '=', m.id)
      .execute();
    expect(left).toHaveLength(1);
    expect(Date.parse(left[0]!.expires_at)).toBeGreaterThan(Date.now());
  });

  it('DELETE signs out: the session row is gone and the cookie no longer works', async () => {
    const m = await createManager(server.db, { role: 'admin' });
    const s = await signIn(server.url, m.email, m.password);
    const out = await request(server.url, SESSION, { method: 'DELETE', headers: s.headers() });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/ecomarket_session=;/);
    expect((await request(server.url, SESSION, { headers: { cookie: s.cookie } })).status).toBe(401);
    expect(
      await server.db.selectFrom('manager_sessions').select('token_hash').where('manager_id', '=', m.id).execute(),
    ).toEqual([]);
  });

  it('a malformed sign-in body is a 400 that names the field', async () => {
    const res = await request<ApiErrorBody>(server.url, SESSION, { json: { email: 'not an email', password: '' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/email/);
    expect(res.body.error.message).toMatch(/password/);
  });

  describe('rate limits', () => {
    const { server: limited } = useTestServer(database, {
      config: { signInLimitPerEmail: '4', signInLimitPerIp: '7' },
    });

    it('after 4 failed sign-ins for one email the 5th is 429 with Retry-After, even with the right password', async () => {
      const m = await createManager(limited.db, { role: 'admin' });
      for (let i = 0; i < 4; i++) {
        expect(
          (await request(limited.url, SESSION, { json: { email: m.email, password: `wrong-${i}-password` } })).status,
        ).toBe(401);
      }
      const res = await request<ApiErrorBody>(limited.url, SESSION, { json: { email: m.email, password: m.password } });
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('RATE_LIMITED');
      expect(res.body.error.message).toMatch(/Too many failed sign-in attempts/);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another manager from the same IP can still sign in: 5 of the IP's 7 failures are spent.
      const other = await createManager(limited.db, { role: 'admin' });
      expect(
        (await request(limited.url, SESSION, { json: { email: other.email, password: other.password } })).status,
      ).toBe(201);
    });

    it('failures across different emails from one IP add up to 429 (limit 7)', async () => {
      // 5 failures were spent above (4 wrong passwords and the refused 429); two more reach 7.
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        statuses.push(
          (
            await request(limited.url, SESSION, {
              json: { email: `probe${i}@ecomarket.test`, password: 'guess-guess' },
            })
          ).status,
        );
      }
      expect(statuses).toEqual([401, 401, 429]);
    });
  });
});
