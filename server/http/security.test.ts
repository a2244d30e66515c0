import { describe, expect, it } from 'vitest';
import { syncPath, type ApiErrorBody } from '../../shared/protocol';
import { issuePairingCode } from '../auth/pairing';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { request } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

type OpenApi = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<
      string,
      { responses: Record<string, unknown>; parameters?: { name: string; in: string }[]; security: unknown[] }
    >
  >;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

function cspOf(headers: Headers): Map<string, string> {
  const csp = headers.get('content-security-policy') ?? '';
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values.join(' ')] as [string, string];
      }),
  );
}

describe.each(reachableTestDatabases)(
  'security headers, API docs and rate limits over HTTP on $label',
  (database: TestDatabase) => {
    const { server, device } = useTestServer(database, {
      config: { pairLimitPerIp: '3' },
      devices: { device: {} },
    });

    it('the POS page and the API answer with a CSP that allows only our own origin, and the usual hardening headers', async () => {
      for (const p of ['/pos', '/api/health', '/api/docs']) {
        const res = await request(server.url, p);
        const csp = cspOf(res.headers);
        expect(csp.get('default-src'), p).toBe("'self'");
        expect(csp.get('script-src'), p).toBe("'self'");
        expect(csp.get('style-src'), p).toBe("'self' 'unsafe-inline'");
        expect(csp.get('connect-src'), p).toBe("'self'");
        expect(csp.get('worker-src'), p).toBe("'self'");
        expect(csp.get('manifest-src'), p).toBe("'self'");
        expect(csp.get('img-src'), p).toBe("'self' data: blob:");
        expect(csp.get('frame-ancestors'), p).toBe("'none'");
        // A shop on plain http in its LAN would break with this.
        expect(csp.has('upgrade-insecure-requests'), p).toBe(false);
        expect(res.headers.get('x-content-type-options'), p).toBe('nosniff');
        expect(res.headers.get('x-frame-options'), p).toBe('DENY');
        expect(res.headers.get('x-powered-by'), p).toBeNull();
      }
    });

    it('GET /api/docs is a page whose scripts and styles all come from our origin (no inline script), and they are served', async () => {
      const page = await request<string>(server.url, '/api/docs');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attrs, inline] of scripts) {
        expect(inline!.trim(), 'inline script').toBe('');
        expect(attrs).toMatch(/src="\/api\/docs\/[^"]+"/);
      }
      expect(page.body).not.toMatch(/<style|style="/);
      const assets = [...page.body.matchAll(/(?:src|href)="(\/api\/docs\/[^"]+)"/g)].map((m) => m[1]!);
      expect(assets).toEqual(
        expect.arrayContaining(['/api/docs/swagger-ui.css', '/api/docs/swagger-ui-bundle.js', '/api/docs/init.js']),
      );
      for (const a of assets) {
        const res = await fetch(server.url + a);
        expect(res.status, a).toBe(200);
        expect(res.headers.get('content-type'), a).toMatch(
          a.endsWith('.css') ? /text\/css/ : a.endsWith('.png') ? /image\/png/ : /javascript/,
        );
      }
      const init = await (await fetch(`${server.url}/api/docs/init.js`)).text();
      expect(init).toContain("url: '/api/openapi.json'");
      expect((await request(server.url, '/api/docs/nope.js')).status).toBe(404);
    });

    it('GET /api/openapi.json is an OpenAPI 3.1 document of the device and console API, built from the zod schemas', async () => {
      const res = await request<OpenApi>(server.url, '/api/openapi.json');
      expect(res.status).toBe(200);
      const doc = res.body;
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.info.title).toBeTruthy();
      for (const [p, method] of [
        ['/api/health', 'get'],
        ['/api/devices/pair', 'post'],
        ['/api/devices/status', 'post'],
        [syncPath('products', 'pull'), 'get'],
        [syncPath('stock', 'pull'), 'get'],
        [syncPath('sales', 'push'), 'post'],
        ['/api/sync/v1/stream', 'get'],
        ['/api/console/session', 'post'],
        ['/api/console/session', 'get'],
        ['/api/console/session', 'delete'],
        ['/api/console/devices', 'get'],
        ['/api/console/devices/{id}/revoke', 'post'],
      ] as const) {
        expect(doc.paths[p]?.[method], `${method} ${p}`).toBeDefined();
      }
      // Structure: every operation answers something, declares its path parameters, and every $ref resolves.
      for (const [p, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          expect(Object.keys(op.responses).length, `${method} ${p}`).toBeGreaterThan(0);
          for (const name of [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])) {
            expect(
              op.parameters?.some((x) => x.in === 'path' && x.name === name),
              `${method} ${p} declares {${name}}`,
            ).toBe(true);
          }
        }
      }
      const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
      for (const r of refs) expect(doc.components.schemas[r], r).toBeDefined();
      // The pairing body is the zod schema's own JSON Schema.
      const pair = doc.paths['/api/devices/pair']!.post as unknown as {
        requestBody: { content: { 'application/json': { schema: { required: string[] } } } };
      };
      expect(pair.requestBody.content['application/json'].schema.required).toEqual(['code', 'deviceName']);
      expect(doc.paths[syncPath('sales', 'push')]!.post!.security).toEqual([{ deviceToken: [] }]);
    });

    it('pairing: failed attempts from one IP are limited (3 here): then 429 with Retry-After, even for a good code', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        statuses.push(
          (await request(server.url, '/api/devices/pair', { json: { code: 'AAAA-AAAA', deviceName: 'guess' } })).status,
        );
      }
      expect(statuses).toEqual([403, 403, 403]);
      const { code } = await issuePairingCode(server.db, 'sucursal-001', 15);
      const limited = await request<ApiErrorBody>(server.url, '/api/devices/pair', {
        json: { code, deviceName: 'real' },
      });
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      expect(limited.body.error.message).toMatch(/Too many failed pairing attempts/);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(60);
    });

    it('body size limits on the new routes: a sign-in over 4 kB and a status report over 16 kB are 413', async () => {
      const signIn = await request<ApiErrorBody>(server.url, '/api/console/session', {
        json: { email: 'a@b.c', password: 'x'.repeat(5000) },
      });
      expect(signIn.status).toBe(413);
      expect(signIn.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      const status = await request<ApiErrorBody>(server.url, '/api/devices/status', {
        token: device.token,
        rawBody: JSON.stringify({ appVersion: 'x'.repeat(20_000) }),
      });
      expect(status.status).toBe(413);
    });
  },
);
