import path from 'node:path';
import os from 'node:os';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { createLogger } from '../logger';
import { issueLegacyKey } from '../legacy/legacy-keys';
import type { ApiErrorBody } from '../../shared/protocol';
import { createManager } from '../test/managers';
import { startServer, type RunningServer } from '../start-server';
import { testDatabases, type TestDatabase } from '../test/databases';
import {
  catalogue,
  makeSale,
  openStream,
  pairDevice,
  pullStock,
  pushSales,
  request,
  startTestServer,
  type TestServer,
} from '../test/test-server';
import type { ChangeEvent } from './change-bus';
import { createChangeBus, envelopes, MAX_PAYLOAD_BYTES, PgChangeBus } from './pg-change-bus';
import { until } from '../test/until';

/** A second server instance on the first one's PostgreSQL schema: what a scaled-out deployment runs. */
async function startSecondInstance(
  first: TestServer,
  database: Extract<TestDatabase, { kind: 'postgres' }>,
): Promise<RunningServer> {
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(first.db)).rows[0]!.s;
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
  return startServer(config, createLogger('silent'), {
    db: openDatabase({ kind: 'postgres', databaseUrl: database.databaseUrl, pgSchema: schema }),
  });
}

describe('change bus payloads', () => {
  it('splits an event too large for one NOTIFY into complete events under 8000 bytes that together name every location', () => {
    const locationIds = Array.from({ length: 600 }, (_, i) => `location-with-a-rather-long-identifier-${i}`);
    const event: ChangeEvent = { seq: 7, collections: ['stock'], locationIds, branchIds: ['b1', 'b2', 'b3'] };
    const payloads = envelopes('me', event);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(MAX_PAYLOAD_BYTES);
    const parts = payloads.map((p) => (JSON.parse(p) as { e: ChangeEvent }).e);
    expect(parts.flatMap((e) => e.locationIds)).toEqual(locationIds);
    expect(parts.flatMap((e) => e.branchIds ?? []).sort()).toEqual(['b1', 'b2', 'b3']);
    expect(new Set(parts.map((e) => e.seq))).toEqual(new Set([7]));
  });

  it('with SQLite the bus is in-process: one instance, nothing to listen to, events delivered at once', async () => {
    const bus = await createChangeBus({
      kind: 'sqlite',
      db: undefined as never,
      databaseUrl: '',
      logger: createLogger('silent'),
    });
    expect(bus).not.toBeInstanceOf(PgChangeBus);
    const seen: number[] = [];
    bus.subscribe((e) => seen.push(e.seq));
    bus.publish({ seq: 1, collections: ['stock'], locationIds: [] });
    expect(seen).toEqual([1]);
  });
});

const postgresDatabases = testDatabases.filter(
  (d): d is Extract<TestDatabase, { kind: 'postgres' }> => d.kind === 'postgres',
);

describe.each(postgresDatabases)('scale-out: two server instances on one $label database', (database) => {
  let a: TestServer;
  let b: RunningServer;

  beforeAll(async () => {
    if (database.unreachable) return;
    a = await startTestServer(database);
    b = await startSecondInstance(a, database);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('DESIGN scale-out: a sale pushed through instance A reaches a device streaming from instance B within 1 s, and B then serves the new level', async () => {
    expect(b.bus).toBeInstanceOf(PgChangeBus);
    const device = await pairDevice(a);
    const products = await catalogue(a.url, device.token);
    const stream = await openStream(b.url, device.token);
    try {
      await stream.next('resync', 2000);
      const startedAt = Date.now();
      const push = await pushSales(a.url, device.token, [
        makeSale(device, 1, [{ product: products[0]!, quantity: 2 }]),
      ]);
      expect(push.status).toBe(200);
      const changed = await stream.next('changed', 1000);
      expect(Date.now() - startedAt).toBeLessThan(1000);
      expect((changed.data as { collections: string[] }).collections).toContain('stock');
      // Published after commit: B can already read what the event announces.
      const stock = await pullStock(b.url, device.token, { limit: 1000 });
      const level = stock.body.documents.find((d) => d.productId === products[0]!.id);
      expect(level?.quantity).toBe(25 - 2);
    } finally {
      stream.close();
    }
  });

  it('a legacy sale notification through B reaches a device streaming from A', async () => {
    const device = await pairDevice(a);
    const { key } = await issueLegacyKey(a.db, device.branch.id);
    const stream = await openStream(a.url, device.token);
    try {
      await stream.next('resync', 2000);
      const res = await request(b.url, `/legacy/${key}/sale-notification`, {
        json: {
          branch_id: device.branch.id,
          product_id: 2,
          quantity_sold: 1,
          timestamp: '2026-11-27T10:00:00.000001',
          sale_price: 1.8,
        },
      });
      expect(res.status).toBe(200);
      await stream.next('changed', 1000);
    } finally {
      stream.close();
    }
  });

  it('failed sign-ins through A and B count together: the per-email limit (8) is reached across instances', async () => {
    const manager = await createManager(a.db, { role: 'admin' });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const via = i % 2 === 0 ? a.url : b.url;
      statuses.push(
        (
          await request(via, '/api/console/session', {
            json: { email: manager.email, password: `wrong-${i}-password` },
          })
        ).status,
      );
    }
    expect(statuses).toEqual(Array(8).fill(401));
    // Four failures each: with counters per instance both would still let the right password in.
    for (const via of [b.url, a.url]) {
      const res = await request<ApiErrorBody>(via, '/api/console/session', {
        json: { email: manager.email, password: manager.password },
      });
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('RATE_LIMITED');
    }
  });

  it('after its LISTEN connection drops, B reconnects with backoff, tells its streams to re-pull, and hears A again', async () => {
    const bus = b.bus as PgChangeBus;
    const heard: ChangeEvent[] = [];
    const unsubscribe = bus.subscribe((e) => heard.push(e));
    try {
      bus.simulateConnectionLoss();
      await until('the drop is noticed', () => !bus.listening, 2000);
      await until('B listens again', () => bus.listening, 5000);
      await until(
        'B announces a resync to its subscribers',
        () => heard.some((e) => e.collections.includes('products') && e.collections.includes('stock')),
        2000,
      );

      heard.length = 0;
      const device = await pairDevice(a);
      const products = await catalogue(a.url, device.token);
      await pushSales(a.url, device.token, [makeSale(device, 1, [{ product: products[1]!, quantity: 1 }])]);
      await until('B hears the sale made on A', () => heard.some((e) => e.collections.includes('stock')), 1000);
    } finally {
      unsubscribe();
    }
  });
});
