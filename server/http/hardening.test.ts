import http from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { syncPath, type ApiErrorBody } from '../../shared/protocol';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { issueLegacyKey } from '../legacy/legacy-keys';
import { currentSequence } from '../ledger/server-sequence';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { makeSale, pushSales, request, startTestServer, type TestServer } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

/** A GET with the path sent exactly as written (fetch would resolve `..` before sending). */
function rawGet(baseUrl: string, rawPath: string): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The defects an outside test found (issue 9, "Defects found"), each as it was reproduced. */
describe.each(reachableTestDatabases)('hardening on $label', (database: TestDatabase) => {
  const { server, device, products, admin } = useTestServer(database, {
    managers: { admin: 'admin' },
    devices: { device: {} },
    catalogue: true,
  });
  let legacyBase: string;
  beforeAll(async () => {
    legacyBase = `/legacy/${(await issueLegacyKey(server.db, DEMO_BRANCH_ID)).key}`;
  });

  describe('defect 1: a malformed percent-encoding in the path', () => {
    it('is a 400 in the one error shape on every kind of route', async () => {
      const paths = [
        '/api/console/reconciliation/%FF',
        '/api/console/branches/%FF/cashiers',
        '/api/console/products/%FF',
        '/api/sync/v1/%FF/0/stream',
        '/api/sync/v1/sales/%FF/push',
        '/pos/%FF',
        '/assets/%FF',
        '/%E0%A4%A',
      ];
      for (const p of paths) {
        const res = await request<ApiErrorBody>(server.url, p, { token: device.token, headers: admin.headers() });
        expect(res.status, p).toBe(400);
        expect(res.body.error.code, p).toBe('BAD_REQUEST');
        expect(res.body.error.message, p).toMatch(/percent-encoding/);
      }
    });

    it('under /legacy/<key> it is a 400 in the seed`s {detail} shape', async () => {
      for (const method of ['DELETE', 'PUT', 'GET']) {
        const res = await request<{ detail: string }>(server.url, `${legacyBase}/inventory/%FF`, { method });
        expect(res.status, method).toBe(400);
        expect(typeof res.body.detail, method).toBe('string');
      }
      const badKey = await request<{ detail: string }>(server.url, '/legacy/%FF/inventory');
      expect(badKey.status).toBe(400);
      expect(typeof badKey.body.detail).toBe('string');
    });
  });

  describe('defect 2: ".." under /assets', () => {
    it('is a 400, never a file and never a 500', async () => {
      for (const p of [
        '/assets/../../package.json',
        '/assets/..%2f..%2fpackage.json',
        '/assets/%2e%2e/%2e%2e/server/main.ts',
        '/assets/%2E%2E%5C%2E%2E%5Cpackage.json',
        '/pos/../package.json',
      ]) {
        const res = await rawGet(server.url, p);
        expect(res.status, p).toBe(400);
        expect(res.type, p).toMatch(/application\/json/);
        expect((JSON.parse(res.body) as ApiErrorBody).error.code, p).toBe('BAD_REQUEST');
        expect(res.body, p).not.toMatch(/"dependencies"|import /);
      }
    });
  });

  describe('fuzz findings F1-F3 (/tmp/fuzz-findings.md)', () => {
    it('an address with no route is a 404 in the one error shape', async () => {
      for (const [method, p] of [
        ['GET', '/nothing'],
        ['DELETE', '/Infinity'],
        ['POST', '/pos'],
        ['POST', '/'],
        ['DELETE', '/console/x'],
      ] as const) {
        const res = await request<ApiErrorBody>(server.url, p, { method, ...(method === 'GET' ? {} : { json: {} }) });
        expect(res.status, `${method} ${p}`).toBe(404);
        expect(res.body.error.code, `${method} ${p}`).toBe('NOT_FOUND');
      }
    });

    it('a write under /assets is a 405 in the one error shape', async () => {
      for (const method of ['PUT', 'POST', 'DELETE']) {
        const res = await request<ApiErrorBody>(server.url, '/assets/app-1234.js', { method, json: {} });
        expect(res.status, method).toBe(405);
        expect(res.headers.get('allow')).toBe('GET, HEAD');
        expect(res.body.error.code, method).toBe('METHOD_NOT_ALLOWED');
      }
    });

    it('a legacy body nested 30,000 deep is the seed`s 422, not a stack overflow', async () => {
      const deep = '['.repeat(30_000) + ']'.repeat(30_000);
      const res = await request<{ detail: { loc: string[]; input: unknown }[] }>(
        server.url,
        `${legacyBase}/inventory/5`,
        { method: 'PUT', rawBody: `{"id":5,"name":${deep},"price":1,"stock":1}` },
      );
      expect(res.status).toBe(422);
      expect(res.body.detail[0]!.loc).toEqual(['body', 'name']);
    });

    it('a request line over 16 KB is a 431 in the one error shape, not a bare status line', async () => {
      const res = await rawGet(server.url, `/api/sync/v1/x/${'x'.repeat(20_000)}/stream`);
      expect(res.status).toBe(431);
      expect((JSON.parse(res.body) as ApiErrorBody).error.code).toBe('HEADERS_TOO_LARGE');
      const legacy = await rawGet(server.url, `${legacyBase}/inventory/${'x'.repeat(20_000)}`);
      expect(legacy.status).toBe(431);
      expect(typeof (JSON.parse(legacy.body) as { detail: string }).detail).toBe('string');
    });
  });

  describe('defect 4: the NUL character', () => {
    // PostgreSQL can store neither U+0000 nor half of a surrogate pair: both are refused alike on both databases.
    it.each([
      { what: 'U+0000', cashierName: 'Ana\u0000', message: /cashierName.*NUL/, seqs: [1, 2] },
      { what: 'half of a surrogate pair', cashierName: 'Ana\udfffb', message: /cashierName.*surrogate/, seqs: [3, 4] },
    ])('$what in one sale of a push batch refuses that sale only, alone or not; the other is applied', async (c) => {
      const good = makeSale(device, c.seqs[0]!, [{ product: products[0]!, quantity: 1 }]);
      const bad = makeSale(device, c.seqs[1]!, [{ product: products[0]!, quantity: 1 }], {
        cashierName: c.cashierName,
      });
      const res = await pushSales(server.url, device.token, [good, bad]);
      expect(res.status).toBe(200);
      expect(res.body.acks.map((a) => a.id)).toEqual([good.id]);
      expect(res.body.rejected).toEqual([
        expect.objectContaining({ id: bad.id, code: 'BAD_REQUEST', message: expect.stringMatching(c.message) }),
      ]);
      const alone = await pushSales(server.url, device.token, [bad]);
      expect(alone.status).toBe(200);
      expect(alone.body.rejected.map((r) => r.id)).toEqual([bad.id]);
      const stored = await server.db.selectFrom('sales').select('id').where('id', 'in', [good.id, bad.id]).execute();
      expect(stored.map((s) => s.id)).toEqual([good.id]);
    });

    it('in a pull query, a console query or body, a status report or a sign-in is a 400 that changes nothing', async () => {
      const before = await currentSequence(server.db);
      const pull = await request<ApiErrorBody>(server.url, `${syncPath('products', 'pull')}?id=%00`, {
        token: device.token,
      });
      expect(pull.status).toBe(400);
      const consoleQuery = await request<ApiErrorBody>(server.url, '/api/console/sales?q=a%00', {
        headers: admin.headers(),
      });
      expect(consoleQuery.status).toBe(400);
      const consoleBody = await request<ApiErrorBody>(server.url, `/api/console/branches/${DEMO_BRANCH_ID}/cashiers`, {
        headers: admin.headers(),
        json: { name: 'Luis\u0000', pin: '4321' },
      });
      expect(consoleBody.status).toBe(400);
      expect(consoleBody.body.error.details).toEqual(
        expect.arrayContaining([{ path: 'name', message: expect.stringMatching(/NUL/) }]),
      );
      const signInRes = await request<ApiErrorBody>(server.url, '/api/console/session', {
        json: { email: 'a\u0000@x.y', password: 'whatever-long-enough' },
      });
      expect(signInRes.status).toBe(400);
      const status = await request<ApiErrorBody>(server.url, '/api/devices/status', {
        token: device.token,
        json: { appVersion: '1.0\u0000' },
      });
      expect(status.status).toBe(400);
      expect(await currentSequence(server.db)).toBe(before);
    });

    it('in a legacy product name is the seed`s 422', async () => {
      const res = await request<{ detail: { loc: string[] }[] }>(server.url, `${legacyBase}/inventory`, {
        json: { id: 900, name: 'Pan\u0000', price: 1, stock: 1 },
      });
      expect(res.status).toBe(422);
      expect(res.body.detail[0]!.loc).toEqual(['body', 'name']);
    });
  });

  describe('defect 12: the smaller ones', () => {
    it('the Bearer scheme is case-insensitive', async () => {
      for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
        const res = await request(server.url, syncPath('products', 'pull'), {
          headers: { authorization: `${scheme} ${device.token}` },
        });
        expect(res.status, scheme).toBe(200);
      }
    });

    it('a pull limit above the most the server gives is clamped to it, not refused', async () => {
      const res = await request<{ documents: unknown[] }>(server.url, `${syncPath('products', 'pull')}?limit=5000`, {
        token: device.token,
      });
      expect(res.status).toBe(200);
      expect(res.body.documents.length).toBe(products.length);
      const zero = await request(server.url, `${syncPath('products', 'pull')}?limit=0`, { token: device.token });
      expect(zero.status).toBe(400);
    });
  });
});

describe.each(reachableTestDatabases)('X-Forwarded-For on $label', (database: TestDatabase) => {
  const failedSignIns = async (server: TestServer, n: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) {
      const res = await request(server.url, '/api/console/session', {
        json: { email: `nobody${i}@ecomarket.test`, password: 'wrong-password' },
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
      });
      statuses.push(res.status);
    }
    return statuses;
  };

  it('is ignored without TRUST_PROXY: a local client cannot escape the per-IP sign-in limit', async () => {
    const server = await startTestServer(database, { signInLimitPerIp: '3' });
    try {
      expect(await failedSignIns(server, 4)).toEqual([401, 401, 401, 429]);
    } finally {
      await server.close();
    }
  });

  it('is believed from the proxies TRUST_PROXY names', async () => {
    const server = await startTestServer(database, { signInLimitPerIp: '3', trustProxy: 'loopback' });
    try {
      expect(await failedSignIns(server, 4)).toEqual([401, 401, 401, 401]);
    } finally {
      await server.close();
    }
  });
});
