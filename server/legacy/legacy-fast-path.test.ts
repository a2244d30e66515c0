import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { createLogger } from '../logger';
import { startServer, type RunningServer } from '../start-server';
import { reachableTestDatabases } from '../test/databases';
import { addBranch, startTestServer, type TestServer } from '../test/test-server';
import { issueLegacyKey, revokeLegacyKey } from './legacy-keys';

/**
 * POST /legacy/<key>/sale-notification is answered before express (legacy-fast-path.ts); any
 * other spelling of the same call, here the path with a trailing slash, goes through express's
 * router (legacy-routes.ts). Both must answer byte for byte alike: status, body and headers.
 */

interface RawAnswer {
  status: number;
  /** Every header but Date, in the order sent. */
  headers: [string, string][];
  body: string;
}

function post(url: string, urlPath: string, body: string | Buffer, headers: Record<string, string> = {}) {
  return new Promise<RawAnswer>((resolve, reject) => {
    const req = http.request(
      `${url}${urlPath}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const pairs: [string, string][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2)
            if (res.rawHeaders[i]!.toLowerCase() !== 'date') pairs.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
          resolve({ status: res.statusCode!, headers: pairs, body: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let clock = 0;
/** datetime.now().isoformat() of the prototype, a new one each call. */
const pythonNow = () => new Date(Date.UTC(2026, 0, 1, 9) + ++clock * 1000).toISOString().replace('Z', '457');

const sale = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    branch_id: DEMO_BRANCH_ID,
    product_id: 1,
    quantity_sold: 1,
    timestamp: pythonNow(),
    sale_price: 2.5,
    ...over,
  });

describe.each(reachableTestDatabases)('legacy sale notifications before express on $label', (database) => {
  let server: TestServer;
  let key: string;
  const fast = (body: string | Buffer, headers?: Record<string, string>) =>
    post(server.url, `/legacy/${key}/sale-notification`, body, headers);
  const routed = (body: string | Buffer, headers?: Record<string, string>) =>
    post(server.url, `/legacy/${key}/sale-notification/`, body, headers);
  const salesCount = async () =>
    Number(
      (
        await server.db
          .selectFrom('sales')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    server = await startTestServer(database);
    key = (await issueLegacyKey(server.db, DEMO_BRANCH_ID)).key;
    await addBranch(server.db, 'sucursal-002', '002');
  });
  afterAll(async () => {
    await server?.close();
  });

  it("[S12] a sale's answer and its retry's through the router are the same bytes and headers", async () => {
    const body = sale({ product_id: 3, quantity_sold: 3, sale_price: 9.600000000000001 });
    const first = await fast(body);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({ status: 'received', message: 'Venta registrada para 3 unidades' });
    const retry = await routed(body);
    expect(retry).toEqual(first);
    expect(first.headers.map(([name]) => name)).toEqual(
      expect.arrayContaining(['Content-Security-Policy', 'X-Content-Type-Options', 'ETag', 'Content-Type']),
    );
    // And the other way round: a sale through the router, retried the fast way.
    const other = sale({ product_id: 2 });
    const viaRouter = await routed(other);
    expect(viaRouter.status).toBe(200);
    expect(await fast(other)).toEqual(viaRouter);
  });

  it('[S12] every refusal is the same bytes and headers both ways, and records nothing', async () => {
    const before = await salesCount();
    const refusals: [string, number][] = [
      [sale({ product_id: 'uno', quantity_sold: 0, timestamp: undefined }), 422],
      ['{"branch_id": ', 422],
      ['', 422],
      ['[1, 2]', 422],
      [sale({ sale_price: 1e20 }), 422],
      [sale({ sale_price: 0.001 }), 422],
      [sale({ timestamp: 1e300 }), 422],
      [sale({ product_id: 2147483648 }), 404],
      [sale({ product_id: 99 }), 404],
      [sale({ branch_id: 'sucursal-002' }), 403],
    ];
    for (const [body, status] of refusals) {
      const a = await fast(body);
      const b = await routed(body);
      expect(a.status, body).toBe(status);
      expect(b, body).toEqual(a);
    }
    expect(await salesCount()).toBe(before);
  });

  it('[S12] a body with a byte-order mark, declared UTF-8, or compressed is read as the router reads it', async () => {
    const bom = sale();
    const a = await fast(`\uFEFF${bom}`);
    expect(a.status).toBe(200);
    expect(await routed(`\uFEFF${bom}`)).toEqual(a);
    const declared = await fast(sale(), { 'content-type': 'application/json; charset=UTF-8' });
    expect(declared.status).toBe(200);
    // Compressed: the fast way leaves it to the router, which inflates it.
    const gzipped = await fast(gzipSync(Buffer.from(sale())), { 'content-encoding': 'gzip' });
    expect(gzipped.status).toBe(200);
  });

  it('[S12] a wrong, malformed or revoked key is the plain 404 both ways, whatever the body', async () => {
    const revoked = await issueLegacyKey(server.db, DEMO_BRANCH_ID);
    await revokeLegacyKey(server.db, revoked.id);
    const before = await salesCount();
    for (const wrong of ['A'.repeat(43), revoked.key, 'short']) {
      for (const body of [sale(), '{broken', sale({ branch_id: 'sucursal-002' })]) {
        const a = await post(server.url, `/legacy/${wrong}/sale-notification`, body);
        const b = await post(server.url, `/legacy/${wrong}/sale-notification/`, body);
        expect(a.status).toBe(404);
        expect(a.body).toBe('{"detail":"Not Found"}');
        expect(b).toEqual(a);
      }
    }
    expect(await salesCount()).toBe(before);
  });

  it('[S12] a key revoked after it sold refuses the very next notification, on this instance and on another', async () => {
    const issued = await issueLegacyKey(server.db, DEMO_BRANCH_ID);
    const url = `/legacy/${issued.key}/sale-notification`;
    expect((await post(server.url, url, sale())).status).toBe(200);
    let started: RunningServer | undefined;
    if (database.kind === 'postgres') {
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(server.db)).rows[0]!.s;
      const config = loadConfig(
        {},
        {
          port: '0',
          host: '127.0.0.1',
          logLevel: 'silent',
          databaseUrl: database.databaseUrl,
          clientDir: path.join(os.tmpdir(), 'ecomarket-no-client'),
        },
      );
      started = await startServer(config, createLogger('silent'), {
        db: openDatabase({ kind: 'postgres', databaseUrl: database.databaseUrl, pgSchema: schema }),
      });
    }
    const second = started;
    try {
      if (second) expect((await post(second.url, url, sale())).status).toBe(200);
      const before = await salesCount();
      await revokeLegacyKey(server.db, issued.id);
      // Notifications in flight together: each is refused, none recorded.
      const after = await Promise.all([
        ...[1, 2, 3].map(() => post(server.url, url, sale())),
        ...(second ? [1, 2, 3].map(() => post(second.url, url, sale())) : []),
      ]);
      for (const a of after)
        expect({ status: a.status, body: a.body }).toEqual({ status: 404, body: '{"detail":"Not Found"}' });
      expect(await salesCount()).toBe(before);
    } finally {
      await second?.close();
    }
  });

  it("[S12] a failure inside is FastAPI's plain 500 both ways (runs last: it breaks this server's legacy table)", async () => {
    await server.db.schema.dropTable('legacy_notifications').execute();
    const a = await fast(sale());
    const b = await routed(sale());
    expect(a.status).toBe(500);
    expect(a.body).toBe('Internal Server Error');
    expect(b).toEqual(a);
  });
});
