import { describe, expect, it } from 'vitest';
import type { SetupStatusResponse } from '../../shared/console/first-run-setup';
import type { SessionResponse } from '../../shared/console/manager-session';
import type { ApiErrorBody } from '../../shared/protocol';
import { issueSetupCode } from '../auth/first-run-setup';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { request } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

const SETUP = '/api/console/setup';
const admin = { email: 'Primera@EcoMarket.test', name: 'Primera Admin', password: 'una-clave-larga-1' };

describe.each(reachableTestDatabases)('first-run setup over HTTP on $label', (database: TestDatabase) => {
  const { server } = useTestServer(database, { config: { signInLimitPerIp: '6' } });

  it('wrong codes are refused and change nothing, then the printed code creates the first administrator once and signs them in', async () => {
    const status = await request<SetupStatusResponse>(server.url, SETUP);
    expect(status.body).toEqual({ needed: true });
    const { code } = await issueSetupCode(server.db);
    const wrong = await request<ApiErrorBody>(server.url, SETUP, { json: { ...admin, code: 'AAAA-BBBB-CCCC' } });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toMatch(/setup-code/);
    const weak = await request<ApiErrorBody>(server.url, SETUP, { json: { ...admin, code, password: 'short' } });
    expect(weak.status).toBe(400);
    expect(await server.db.selectFrom('managers').select('id').execute()).toEqual([]);

    // Typed in lower case without dashes: the code is normalized like a pairing code.
    const created = await request<SessionResponse>(server.url, SETUP, {
      json: { ...admin, code: code.toLowerCase().replace(/-/g, '') },
    });
    expect(created.status).toBe(201);
    expect(created.body.manager).toMatchObject({ email: 'primera@ecomarket.test', role: 'admin', branchIds: 'all' });
    const cookie = created.headers
      .getSetCookie()
      .find((c) => c.startsWith('ecomarket_session='))!
      .split(';')[0]!;
    const me = await request<SessionResponse>(server.url, '/api/console/session', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.body.manager.email).toBe('primera@ecomarket.test');

    expect((await request<SetupStatusResponse>(server.url, SETUP)).body).toEqual({ needed: false });
    const again = await request<ApiErrorBody>(server.url, SETUP, {
      json: { ...admin, email: 'otra@ecomarket.test', code },
    });
    expect(again.status).toBe(409);
    expect(await server.db.selectFrom('managers').select('id').execute()).toHaveLength(1);
    await expect(issueSetupCode(server.db)).rejects.toThrow(/administrator exists/);
  });

  it('guessing codes is rate limited per IP like sign-in (429 with Retry-After)', async () => {
    let last = 0;
    let retryAfter: string | null = null;
    for (let i = 0; i < 8 && last !== 429; i++) {
      const res = await request(server.url, SETUP, { json: { ...admin, code: `ZZZZ-ZZZZ-ZZ${i}Z` } });
      last = res.status;
      retryAfter = res.headers.get('retry-after');
    }
    expect(last).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
