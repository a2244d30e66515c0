import fs from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  COLLECTION_SCHEMA_VERSIONS,
  PROTOCOL_VERSION,
  stockLevelId,
  type HealthResponse,
  type PairResponse,
  type ProductDoc,
  type Ack,
  type SaleDoc,
  type PushResult,
} from '../../shared/protocol';
import { issuePairingCode } from '../auth/pairing';
import { CENTRE_LOCATION_ID, DEMO_BRANCH_ID } from '../db/seed-demo';
import { currentSequence } from '../ledger/server-sequence';
import { reachableTestDatabases, testDatabases, type TestDatabase } from '../test/databases';
import {
  addBranch,
  catalogue,
  makeSale,
  openStream,
  pairDevice,
  pullProducts,
  pullStock,
  pushSales,
  request,
  stockLevels,
  type TestServer,
} from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

const PACKAGE_VERSION = (
  JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
const PUSH = '/api/sync/v1/sales/0/push';

/** The seed prototype's branch stock at sucursal-001 (seed-demo.ts). */
const SEED_BRANCH_STOCK: Record<string, number> = {
  'Manzanas Orgánicas': 25,
  'Pan Integral': 15,
  'Leche Deslactosada': 8,
  'Café Premium': 0,
  Quinoa: 0,
};

function product(products: readonly ProductDoc[], name: string): ProductDoc {
  const found = products.find((p) => p.name === name);
  if (!found) throw new Error(`seed product ${name} missing`);
  return found;
}

function ackOf(body: PushResult, saleId: string): Ack | undefined {
  return body.acks.find((a) => a.id === saleId);
}

async function salesCount(server: TestServer): Promise<number> {
  const row = await server.db
    .selectFrom('sales')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function saleMovements(server: TestServer, saleId?: string) {
  let q = server.db.selectFrom('stock_movements').selectAll().where('kind', '=', 'sale');
  if (saleId) q = q.where('sale_id', '=', saleId);
  return (await q.execute()).map((m) => ({ ...m, delta: Number(m.delta), seq: Number(m.seq) }));
}

for (const d of testDatabases) {
  if (d.kind === 'postgres' && d.unreachable) {
    describe.skip(`sync contract on PostgreSQL (unreachable at TEST_DATABASE_URL: ${d.unreachable}; REQUIRE_POSTGRES=1 makes this fail)`, () => {
      it('needs PostgreSQL', () => undefined);
    });
  }
}

describe.each(reachableTestDatabases)('sync contract over HTTP on $label', (database: TestDatabase) => {
  describe('health and pairing', () => {
    const { server } = useTestServer(database);

    it(`[S9] GET /api/health reports the package version, protocol version and the ${database.kind} database`, async () => {
      const res = await request<HealthResponse>(server.url, '/api/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'ok',
        version: PACKAGE_VERSION,
        protocolVersion: PROTOCOL_VERSION,
        database: database.kind,
      });
    });

    it('[S8] a pairing code pairs one device of its branch, and only once: the second use is 403', async () => {
      const { code } = await issuePairingCode(server.db, DEMO_BRANCH_ID, 15);
      const first = await request<PairResponse>(server.url, '/api/devices/pair', {
        json: { code, deviceName: 'Caja 1' },
      });
      expect(first.status).toBe(201);
      expect(first.body.deviceNumber).toBe(1);
      expect(first.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      expect(first.body.branch).toEqual({
        id: DEMO_BRANCH_ID,
        name: 'Sucursal 001',
        locationId: DEMO_BRANCH_ID,
        receiptPrefix: '001',
        currency: 'USD',
      });

      const again = await request<{ error: { code: string; message: string } }>(server.url, '/api/devices/pair', {
        json: { code, deviceName: 'Caja 2' },
      });
      expect(again.status).toBe(403);
      expect(again.body.error.code).toBe('FORBIDDEN');
      expect(again.body.error.message).toMatch(/already used or expired/);

      const devices = await server.db.selectFrom('devices').select(['id', 'name']).execute();
      expect(devices).toEqual([{ id: first.body.deviceId, name: 'Caja 1' }]);
      // The token works on sync routes.
      expect((await pullProducts(server.url, first.body.token)).status).toBe(200);
    });

    it('[S8] a code typed in lower case without the dash still pairs, and the next device of the branch gets the next number', async () => {
      const { code } = await issuePairingCode(server.db, DEMO_BRANCH_ID, 15);
      const res = await request<PairResponse>(server.url, '/api/devices/pair', {
        json: { code: code.replace('-', '').toLowerCase(), deviceName: 'Caja 2' },
      });
      expect(res.status).toBe(201);
      expect(res.body.deviceNumber).toBe(2);
    });

    it('[S8] six tablets pairing at once with six codes of one branch all pair, with distinct consecutive numbers', async () => {
      const before = await server.db
        .selectFrom('devices')
        .select((eb) => eb.fn.max('number').as('n'))
        .executeTakeFirstOrThrow();
      const start = Number(before.n ?? 0);
      const codes = await Promise.all(Array.from({ length: 6 }, () => issuePairingCode(server.db, DEMO_BRANCH_ID, 15)));
      const results = await Promise.all(
        codes.map(({ code }, i) =>
          request<PairResponse>(server.url, '/api/devices/pair', { json: { code, deviceName: `Caja ${i}` } }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
      expect(results.map((r) => r.body.deviceNumber).sort((a, b) => a - b)).toEqual(
        [1, 2, 3, 4, 5, 6].map((n) => start + n),
      );
    });

    it('[S8] an expired pairing code is refused with 403 and pairs nothing', async () => {
      const before = await server.db.selectFrom('devices').select('id').execute();
      const { code } = await issuePairingCode(server.db, DEMO_BRANCH_ID, 1, new Date(Date.now() - 2 * 60_000));
      const res = await request<{ error: { code: string } }>(server.url, '/api/devices/pair', {
        json: { code, deviceName: 'Caja tarde' },
      });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect(await server.db.selectFrom('devices').select('id').execute()).toHaveLength(before.length);
    });

    it('[S8] a malformed pairing code is refused with 400 and a message saying what a code looks like', async () => {
      const res = await request<{
        error: { code: string; message: string; details: { path: string; message: string }[] };
      }>(server.url, '/api/devices/pair', {
        json: { code: 'AB!', deviceName: 'Caja' },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('BAD_REQUEST');
      expect(res.body.error.message).toContain('ABCD-1234');
      expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'code' })]);
    });

    it('[S8] a pairing request without a device name is refused with 400 naming deviceName', async () => {
      const { code } = await issuePairingCode(server.db, DEMO_BRANCH_ID, 15);
      const res = await request<{ error: { message: string } }>(server.url, '/api/devices/pair', { json: { code } });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('deviceName');
    });

    it('[S8] sync routes answer 401 to no token, an unknown token and a revoked device', async () => {
      const none = await request<{ error: { code: string } }>(server.url, '/api/sync/v1/products/0/pull');
      expect(none.status).toBe(401);
      expect(none.body.error.code).toBe('UNAUTHENTICATED');

      const unknownToken = 'x'.repeat(43);
      for (const res of [
        await pullProducts(server.url, unknownToken),
        await pullStock(server.url, unknownToken),
        await pushSales(server.url, unknownToken, [{}]),
        await request(server.url, '/api/sync/v1/stream', { token: unknownToken }),
      ]) {
        expect(res.status).toBe(401);
        expect((res.body as { error: { code: string; message: string } }).error).toMatchObject({
          code: 'UNAUTHENTICATED',
          message: expect.stringMatching(/pair/),
        });
      }

      const device = await pairDevice(server);
      expect((await pullStock(server.url, device.token)).status).toBe(200);
      await server.db
        .updateTable('devices')
        .set({ revoked_at: new Date().toISOString() })
        .where('id', '=', device.deviceId)
        .execute();
      const revoked = await pullStock(server.url, device.token);
      expect(revoked.status).toBe(401);
    });
  });

  describe('products pull', () => {
    const { server, device } = useTestServer(database, { devices: { device: {} } });

    async function walk(limit: number, from = { seq: 0, id: '' }) {
      const pages: ProductDoc[][] = [];
      let checkpoint = from;
      for (let i = 0; i < 20; i++) {
        const res = await pullProducts(server.url, device.token, { ...checkpoint, limit });
        expect(res.status).toBe(200);
        if (res.body.documents.length === 0) {
          expect(res.body.checkpoint).toBeNull();
          return { pages, checkpoint };
        }
        expect(res.body.documents.length).toBeLessThanOrEqual(limit);
        const last = res.body.documents.at(-1)!;
        expect(res.body.checkpoint?.id).toBe(last.id);
        pages.push(res.body.documents);
        checkpoint = res.body.checkpoint!;
      }
      throw new Error('pull never ran dry');
    }

    it('[S5] each full page says how many products remain after it, for the first download\'s "N of total"', async () => {
      const remaining: number[] = [];
      let checkpoint = { seq: 0, id: '' };
      for (;;) {
        const res = await pullProducts(server.url, device.token, { ...checkpoint, limit: 2 });
        expect(res.status).toBe(200);
        remaining.push(res.body.remaining!);
        if (!res.body.checkpoint) break;
        checkpoint = res.body.checkpoint;
      }
      // 5 products in pages of 2: 3 left, 1 left, then a short page and an empty one.
      expect(remaining).toEqual([3, 1, 0, 0]);
    });

    it('[S5] paging with limit=2 walks all 5 seed products exactly once, in (seq, id) order', async () => {
      const expected = await server.db
        .selectFrom('products')
        .select(['id', 'seq'])
        .orderBy('seq')
        .orderBy('id')
        .execute();
      expect(expected).toHaveLength(5);
      const { pages, checkpoint } = await walk(2);
      expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
      const walked = pages.flat();
      expect(walked.map((p) => p.id)).toEqual(expected.map((p) => p.id));
      expect(checkpoint).toEqual({ seq: Number(expected.at(-1)!.seq), id: expected.at(-1)!.id });
      expect(walked.map((p) => [p.name, p.priceCents, p.legacyId, p._deleted])).toEqual([
        ['Manzanas Orgánicas', 250, 1, false],
        ['Pan Integral', 180, 2, false],
        ['Leche Deslactosada', 320, 3, false],
        ['Café Premium', 890, 4, false],
        ['Quinoa', 1250, 5, false],
      ]);
    });

    it('[S5] pulling from the last checkpoint returns no documents and a null checkpoint', async () => {
      const all = await pullProducts(server.url, device.token, { limit: 1000 });
      expect(all.body.documents).toHaveLength(5);
      const after = await pullProducts(server.url, device.token, { ...all.body.checkpoint!, limit: 1000 });
      expect(after.status).toBe(200);
      expect(after.body).toEqual({ documents: [], checkpoint: null, remaining: 0 });
    });

    it('[S5] products sharing one server sequence are told apart by id: a limit=1 walk returns each once', async () => {
      const before = await pullProducts(server.url, device.token, { limit: 1000 });
      const seq = (await currentSequence(server.db)) + 1;
      const now = new Date().toISOString();
      const base = {
        barcode: null,
        category: 'Test',
        price_cents: 100,
        tax_rate_bp: 0,
        legacy_id: null,
        deleted: 0,
        seq,
        updated_at: now,
      };
      await server.db
        .insertInto('products')
        .values([
          { ...base, id: 'tie-b', sku: 'TIE-B', name: 'Tie B' },
          { ...base, id: 'tie-a', sku: 'TIE-A', name: 'Tie A' },
        ])
        .execute();
      await server.db.updateTable('server_sequence').set({ value: seq }).where('id', '=', 1).execute();

      const { pages } = await walk(1, before.body.checkpoint!);
      expect(pages.map((p) => p.map((d) => d.id))).toEqual([['tie-a'], ['tie-b']]);
    });

    it('[S5][S9] a pull with a limit below 1 is 400, one above 1000 gets at most 1000, and another schema version is 426', async () => {
      expect((await pullProducts(server.url, device.token, { limit: 0 })).status).toBe(400);
      expect((await pullProducts(server.url, device.token, { limit: 1001 })).status).toBe(200);
      const outdated = await request<{ error: { code: string; message: string } }>(
        server.url,
        `/api/sync/v1/products/${COLLECTION_SCHEMA_VERSIONS.products + 1}/pull`,
        { token: device.token },
      );
      expect(outdated.status).toBe(426);
      expect(outdated.body.error.code).toBe('CLIENT_OUTDATED');
      expect(outdated.body.error.message).toMatch(/Update the app/);
    });
  });

  describe('stock pull', () => {
    const { server, device, other, products } = useTestServer(database, {
      devices: { device: {}, other: {} },
      catalogue: true,
    });

    it("[S8] returns the seed levels of the device's own location only, never the centre's", async () => {
      const res = await pullStock(server.url, device.token, { limit: 1000 });
      expect(res.status).toBe(200);
      expect(res.body.acks).toEqual([]);
      const byName = Object.fromEntries(
        res.body.documents.map((d) => [products.find((p) => p.id === d.productId)!.name, d.quantity]),
      );
      expect(byName).toEqual(SEED_BRANCH_STOCK);
      for (const doc of res.body.documents) {
        expect(doc.locationId).toBe(DEMO_BRANCH_ID);
        expect(doc.id).toBe(stockLevelId(DEMO_BRANCH_ID, doc.productId));
        expect(doc._deleted).toBe(false);
      }
      // The centre's levels exist (so the filter is real) but are not sent to the device.
      const centre = await stockLevels(server.db, CENTRE_LOCATION_ID);
      expect([...centre.values()].map((l) => l.quantity).sort((a, b) => a - b)).toEqual([15, 25, 30, 50, 100]);
      expect(res.body.documents.some((d) => d.locationId === CENTRE_LOCATION_ID)).toBe(false);
      const last = res.body.documents.at(-1)!;
      expect(res.body.checkpoint).toEqual({ seq: last.seq, id: last.productId });
      const again = await pullStock(server.url, device.token, { ...res.body.checkpoint! });
      expect(again.body).toEqual({ documents: [], checkpoint: null, acks: [] });
    });

    it('[S5] paging with limit=2 walks the 5 levels once each in (seq, product id) order', async () => {
      const seen: string[] = [];
      let checkpoint = { seq: 0, id: '' };
      for (;;) {
        const res = await pullStock(server.url, device.token, { ...checkpoint, limit: 2 });
        if (!res.body.checkpoint) break;
        seen.push(...res.body.documents.map((d) => d.productId));
        checkpoint = res.body.checkpoint;
      }
      const levels = await server.db
        .selectFrom('stock_levels')
        .select(['product_id'])
        .where('location_id', '=', DEMO_BRANCH_ID)
        .orderBy('seq')
        .orderBy('product_id')
        .execute();
      expect(seen).toEqual(levels.map((l) => l.product_id));
    });

    it("[S4] a pull after pushes carries the device's acks for sales applied up to the returned checkpoint, and no others", async () => {
      const start = (await pullStock(server.url, device.token, { limit: 1000 })).body.checkpoint!;
      const apples = product(products, 'Manzanas Orgánicas');
      const bread = product(products, 'Pan Integral');
      const saleA = makeSale(device, 1, [{ product: apples, quantity: 2 }]);
      const saleB = makeSale(device, 2, [{ product: bread, quantity: 1 }]);
      const ackA = (await pushSales(server.url, device.token, [saleA])).body.acks[0]!;
      const ackB = (await pushSales(server.url, device.token, [saleB])).body.acks[0]!;
      expect(ackB.appliedSeq).toBeGreaterThan(ackA.appliedSeq);

      // Page 1 ends at the apples level (seq A): only sale A is inside it.
      const page1 = await pullStock(server.url, device.token, { ...start, limit: 1 });
      expect(page1.body.documents).toEqual([
        {
          id: stockLevelId(DEMO_BRANCH_ID, apples.id),
          locationId: DEMO_BRANCH_ID,
          productId: apples.id,
          quantity: 23,
          reorderLevel: null,
          seq: ackA.appliedSeq,
          _deleted: false,
        },
      ]);
      expect(page1.body.checkpoint).toEqual({ seq: ackA.appliedSeq, id: apples.id });
      expect(page1.body.acks).toEqual([{ id: saleA.id, appliedSeq: ackA.appliedSeq }]);

      const page2 = await pullStock(server.url, device.token, { ...page1.body.checkpoint!, limit: 1 });
      expect(page2.body.documents.map((d) => [d.productId, d.quantity, d.seq])).toEqual([
        [bread.id, 14, ackB.appliedSeq],
      ]);
      // Acks at the checkpoint's own seq may come again (the device stores them idempotently); none beyond it.
      expect(page2.body.acks).toContainEqual({ id: saleB.id, appliedSeq: ackB.appliedSeq });
      expect(page2.body.acks.every((a) => a.appliedSeq <= page2.body.checkpoint!.seq)).toBe(true);

      // Another device of the branch sees the same levels but none of these acks: they are not its sales.
      const otherPull = await pullStock(server.url, other.token, { ...start, limit: 1000 });
      expect(otherPull.body.documents.map((d) => d.quantity)).toEqual([23, 14]);
      expect(otherPull.body.acks).toEqual([]);
    });
  });

  describe('sales push', () => {
    const { server, device, other, products } = useTestServer(database, {
      devices: { device: {}, other: {} },
      catalogue: true,
    });
    let nextSeq = 1;

    const p = (name: string) => product(products, name);
    const level = async (name: string) => (await stockLevels(server.db, DEMO_BRANCH_ID)).get(p(name).id)!;
    const sale = (lines: { name: string; quantity: number }[], overrides: Partial<SaleDoc> = {}) =>
      makeSale(
        device,
        nextSeq++,
        lines.map((l) => ({ product: p(l.name), quantity: l.quantity })),
        overrides,
      );

    it('[S3] a valid sale is acked with appliedSeq; its level drops by the quantity and carries that seq', async () => {
      const before = await level('Manzanas Orgánicas');
      const s = sale([{ name: 'Manzanas Orgánicas', quantity: 3 }]);
      const res = await pushSales(server.url, device.token, [s]);
      expect(res.status).toBe(200);
      expect(res.body.rejected).toEqual([]);
      expect(res.body.conflicts).toEqual([]);
      expect(res.body.acks).toEqual([{ id: s.id, appliedSeq: expect.any(Number) }]);
      const { appliedSeq } = res.body.acks[0]!;
      expect(appliedSeq).toBeGreaterThan(before.seq);

      expect(await level('Manzanas Orgánicas')).toEqual({ quantity: before.quantity - 3, seq: appliedSeq });
      const movements = await saleMovements(server, s.id);
      expect(movements.map((m) => [m.location_id, m.product_id, m.delta, m.seq])).toEqual([
        [DEMO_BRANCH_ID, p('Manzanas Orgánicas').id, -3, appliedSeq],
      ]);
      const row = await server.db.selectFrom('sales').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
      expect([
        row.branch_id,
        row.device_id,
        Number(row.applied_seq),
        Number(row.total_cents),
        row.receipt_number,
      ]).toEqual([DEMO_BRANCH_ID, device.deviceId, appliedSeq, 750, '001-01-000001']);
      // The device sees the new level over HTTP too.
      const pulled = await pullStock(server.url, device.token, { limit: 1000 });
      expect(pulled.body.documents.find((d) => d.productId === p('Manzanas Orgánicas').id)).toMatchObject({
        quantity: before.quantity - 3,
        seq: appliedSeq,
      });
    });

    it('[S3] a sale of two products moves both levels, stamped with the one appliedSeq', async () => {
      const bread = await level('Pan Integral');
      const milk = await level('Leche Deslactosada');
      const s = sale([
        { name: 'Pan Integral', quantity: 1 },
        { name: 'Leche Deslactosada', quantity: 2 },
      ]);
      const res = await pushSales(server.url, device.token, [s]);
      const ack = ackOf(res.body, s.id)!;
      expect(await level('Pan Integral')).toEqual({ quantity: bread.quantity - 1, seq: ack.appliedSeq });
      expect(await level('Leche Deslactosada')).toEqual({ quantity: milk.quantity - 2, seq: ack.appliedSeq });
    });

    it('[S2] pushing the same sale again gets the same ack and does not move stock again', async () => {
      const s = sale([{ name: 'Pan Integral', quantity: 2 }]);
      const first = await pushSales(server.url, device.token, [s]);
      const afterFirst = await level('Pan Integral');
      // Also twice inside one batch.
      const second = await pushSales(server.url, device.token, [s, s]);
      expect(second.status).toBe(200);
      expect(second.body.rejected).toEqual([]);
      expect(second.body.acks).toEqual([first.body.acks[0], first.body.acks[0]]);
      expect(await level('Pan Integral')).toEqual(afterFirst);
      expect(await saleMovements(server, s.id)).toHaveLength(1);
    });

    it('[S2] the same id with other content is refused as SALE_ID_REUSED (409), not applied, and logged in rejected_sales', async () => {
      const original = sale([{ name: 'Leche Deslactosada', quantity: 1 }]);
      const ack = (await pushSales(server.url, device.token, [original])).body.acks[0]!;
      const milkBefore = await level('Leche Deslactosada');
      const changed = makeSale(device, original.deviceSeq, [{ product: p('Leche Deslactosada'), quantity: 4 }], {
        id: original.id,
      });

      const res = await pushSales(server.url, device.token, [changed]);
      expect(res.status).toBe(200);
      expect(res.body.acks).toEqual([]);
      expect(res.body.rejected).toEqual([
        { id: original.id, code: 'SALE_ID_REUSED', status: 409, message: expect.stringContaining('other content') },
      ]);
      expect(await level('Leche Deslactosada')).toEqual(milkBefore);

      const stored = await server.db
        .selectFrom('sales')
        .select(['total_cents', 'applied_seq'])
        .where('id', '=', original.id)
        .executeTakeFirstOrThrow();
      expect([Number(stored.total_cents), Number(stored.applied_seq)]).toEqual([320, ack.appliedSeq]);
      const logged = await server.db
        .selectFrom('rejected_sales')
        .selectAll()
        .where('sale_id', '=', original.id)
        .execute();
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ device_id: device.deviceId, code: 'SALE_ID_REUSED' });
      expect((JSON.parse(logged[0]!.body) as SaleDoc).lines[0]!.quantity).toBe(4);

      // The original content is still acknowledged as before.
      expect((await pushSales(server.url, device.token, [original])).body.acks).toEqual([ack]);
    });

    it('[S2] a response lost after commit, then a retry, leaves one sale and gives the same ack', async () => {
      const s = sale([{ name: 'Manzanas Orgánicas', quantity: 1 }]);
      const abort = new AbortController();
      const lost = fetch(server.url + PUSH, {
        method: 'POST',
        headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
        body: JSON.stringify([{ newDocumentState: s }]),
        signal: abort.signal,
      }).then((r) => r.text());
      // Wait until the server has committed, then drop the answer on the floor.
      let committed: { applied_seq: number } | undefined;
      for (let i = 0; i < 200 && !committed; i++) {
        committed = await server.db.selectFrom('sales').select('applied_seq').where('id', '=', s.id).executeTakeFirst();
        if (!committed) await new Promise((r) => setTimeout(r, 10));
      }
      expect(committed).toBeDefined();
      abort.abort();
      await lost.catch(() => undefined);
      const afterCommit = await level('Manzanas Orgánicas');

      const retry = await pushSales(server.url, device.token, [s]);
      expect(retry.body.acks).toEqual([{ id: s.id, appliedSeq: Number(committed!.applied_seq) }]);
      expect(await level('Manzanas Orgánicas')).toEqual(afterCommit);
      expect(await server.db.selectFrom('sales').select('id').where('id', '=', s.id).execute()).toHaveLength(1);
      expect(await saleMovements(server, s.id)).toHaveLength(1);
    });

    it('[S2] one malformed sale in a batch does not stop the two good ones; its rejection names the bad field', async () => {
      const good1 = sale([{ name: 'Quinoa', quantity: 1 }]);
      const bad = sale([{ name: 'Café Premium', quantity: 1 }]);
      (bad.lines[0] as { quantity: unknown }).quantity = 'two';
      const good2 = sale([{ name: 'Café Premium', quantity: 2 }]);
      const coffee = await level('Café Premium');

      const res = await pushSales(server.url, device.token, [good1, bad, good2]);
      expect(res.status).toBe(200);
      expect(res.body.acks.map((a) => a.id)).toEqual([good1.id, good2.id]);
      expect(res.body.rejected).toEqual([
        { id: bad.id, code: 'BAD_REQUEST', status: 400, message: expect.stringContaining('lines.0.quantity') },
      ]);
      // invariant 7: oversell is allowed, the level goes below zero.
      expect((await level('Café Premium')).quantity).toBe(coffee.quantity - 2);
      expect(await server.db.selectFrom('sales').select('id').where('id', '=', bad.id).execute()).toEqual([]);
    });

    it('[S2] a push row that is not a sale at all is refused without an id, the rest of the batch applies', async () => {
      const good = sale([{ name: 'Quinoa', quantity: 1 }]);
      const res = await pushSales(server.url, device.token, [{ hello: 'world' }, good]);
      expect(res.body.acks.map((a) => a.id)).toEqual([good.id]);
      expect(res.body.rejected).toEqual([
        { id: '(no id)', code: 'BAD_REQUEST', status: 400, message: expect.stringMatching(/id/) },
      ]);
    });

    it('[S8] a sale claiming another branch or another device is refused FORBIDDEN and not applied', async () => {
      const otherBranch = sale([{ name: 'Manzanas Orgánicas', quantity: 1 }], { branchId: 'sucursal-002' });
      // A device of the same branch may relay another's documents (recovery relay); one the branch does not have may not.
      const otherDevice = makeSale(other, 1, [{ product: p('Manzanas Orgánicas'), quantity: 1 }], {
        deviceId: 'device-of-nowhere',
      });
      const apples = await level('Manzanas Orgánicas');
      const res = await pushSales(server.url, device.token, [otherBranch, otherDevice]);
      expect(res.body.acks).toEqual([]);
      expect(res.body.rejected).toEqual([
        { id: otherBranch.id, code: 'FORBIDDEN', status: 403, message: expect.stringContaining('sucursal-002') },
        { id: otherDevice.id, code: 'FORBIDDEN', status: 403, message: expect.stringContaining('device-of-nowhere') },
      ]);
      expect(await level('Manzanas Orgánicas')).toEqual(apples);
    });

    it.each([
      {
        what: 'a line total that is not quantity × unit price',
        mutate: (s: SaleDoc) => {
          s.lines[0]!.lineTotalCents += 1;
          s.totalCents += 1;
          s.payments[0]!.amountCents += 1;
        },
        message: 'lineTotalCents',
      },
      {
        what: 'a total that is not the sum of the lines',
        mutate: (s: SaleDoc) => void (s.totalCents -= 10),
        message: 'totalCents',
      },
      {
        what: 'payments short of the total',
        mutate: (s: SaleDoc) => void (s.payments[0]!.amountCents = s.totalCents - 1),
        message: 'do not add up',
      },
      {
        what: 'card payments above the total',
        mutate: (s: SaleDoc) =>
          void (s.payments = [{ method: 'card', amountCents: s.totalCents + 100, tenderedCents: null }]),
        message: 'do not add up',
      },
      {
        what: 'cash tendered below what it pays',
        mutate: (s: SaleDoc) => void (s.payments[0]!.tenderedCents = s.totalCents - 1),
        message: 'tendered',
      },
      {
        what: 'a discount without a reason',
        mutate: (s: SaleDoc) => {
          s.lines[0]!.discountCents = 10;
          s.lines[0]!.lineTotalCents -= 10;
          s.totalCents -= 10;
          s.payments[0]!.amountCents -= 10;
          s.payments[0]!.tenderedCents = s.payments[0]!.amountCents;
        },
        message: 'needs a reason',
      },
    ])('[S2] a sale with $what is refused BAD_REQUEST and not applied', async ({ mutate, message }) => {
      const s = sale([{ name: 'Pan Integral', quantity: 2 }]);
      mutate(s);
      const bread = await level('Pan Integral');
      const res = await pushSales(server.url, device.token, [s]);
      expect(res.body.acks).toEqual([]);
      expect(res.body.rejected).toEqual([
        { id: s.id, code: 'BAD_REQUEST', status: 400, message: expect.stringContaining(message) },
      ]);
      expect(await level('Pan Integral')).toEqual(bread);
    });

    it("[S1] a receipt number that is not this device's number for the sequence is refused", async () => {
      const s = sale([{ name: 'Pan Integral', quantity: 1 }], { receiptNumber: '001-09-000001' });
      const res = await pushSales(server.url, device.token, [s]);
      expect(res.body.rejected).toEqual([
        { id: s.id, code: 'BAD_REQUEST', status: 400, message: expect.stringContaining('receipt number') },
      ]);
    });

    it('[S2] a sale marked deleted is refused: sales are refunded, never deleted', async () => {
      const s = sale([{ name: 'Pan Integral', quantity: 1 }], { _deleted: true });
      const res = await pushSales(server.url, device.token, [s]);
      expect(res.body.rejected).toEqual([
        { id: s.id, code: 'BAD_REQUEST', status: 400, message: expect.stringContaining('deleted') },
      ]);
    });

    it('[S2] a new sale reusing a device sequence number already taken is refused CONFLICT and logged', async () => {
      const taken = sale([{ name: 'Pan Integral', quantity: 1 }]);
      expect((await pushSales(server.url, device.token, [taken])).body.acks).toHaveLength(1);
      const s = makeSale(device, taken.deviceSeq, [{ product: p('Quinoa'), quantity: 1 }]);
      const res = await pushSales(server.url, device.token, [s]);
      expect(res.body.rejected).toEqual([
        { id: s.id, code: 'CONFLICT', status: 409, message: expect.stringContaining(taken.id) },
      ]);
      expect(await server.db.selectFrom('rejected_sales').select('code').where('sale_id', '=', s.id).execute()).toEqual(
        [{ code: 'CONFLICT' }],
      );
    });

    it('[S2] a sale of a product the catalogue does not have is refused NOT_FOUND (404) and logged', async () => {
      const s = makeSale(device, nextSeq++, [
        { product: { id: 'no-such-product', name: 'Fantasma', priceCents: 100 }, quantity: 1 },
      ]);
      const res = await pushSales(server.url, device.token, [s]);
      expect(res.body.acks).toEqual([]);
      expect(res.body.rejected).toEqual([
        { id: s.id, code: 'NOT_FOUND', status: 404, message: expect.stringContaining('no-such-product') },
      ]);
      expect(await server.db.selectFrom('rejected_sales').select('code').where('sale_id', '=', s.id).execute()).toEqual(
        [{ code: 'NOT_FOUND' }],
      );
      expect(
        await server.db
          .selectFrom('stock_levels')
          .select('product_id')
          .where('product_id', '=', 'no-such-product')
          .execute(),
      ).toEqual([]);
    });

    it('[S9] a push to a newer schema version of sales is 426 CLIENT_OUTDATED and applies nothing', async () => {
      const s = sale([{ name: 'Quinoa', quantity: 1 }]);
      const newer = COLLECTION_SCHEMA_VERSIONS.sales + 1;
      const res = await request<{ error: { code: string } }>(server.url, `/api/sync/v1/sales/${newer}/push`, {
        token: device.token,
        json: [{ newDocumentState: s }],
      });
      expect(res.status).toBe(426);
      expect(res.body.error.code).toBe('CLIENT_OUTDATED');
      expect(await server.db.selectFrom('sales').select('id').where('id', '=', s.id).execute()).toEqual([]);
    });

    it('a push whose body is not valid JSON is 400 with a message saying so', async () => {
      const res = await request<{ error: { code: string; message: string } }>(server.url, PUSH, {
        token: device.token,
        rawBody: '[{"newDocumentState": {',
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({ code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' });
    });

    it('a push body over 2 MB is 413 PAYLOAD_TOO_LARGE', async () => {
      const rawBody = JSON.stringify([{ newDocumentState: { padding: 'x'.repeat(2 * 1024 * 1024 + 10) } }]);
      const res = await request<{ error: { code: string; message: string } }>(server.url, PUSH, {
        token: device.token,
        rawBody,
      });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(res.body.error.message).toMatch(/fewer sales/);
    });

    it('a push body that is not a non-empty array of rows is 400', async () => {
      const s = sale([{ name: 'Quinoa', quantity: 1 }]);
      for (const json of [{ newDocumentState: s }, [], [s], 'sale']) {
        const res = await request<{ error: { code: string; message: string } }>(server.url, PUSH, {
          token: device.token,
          json,
        });
        expect(res.status, JSON.stringify(json).slice(0, 40)).toBe(400);
        expect(res.body.error.code).toBe('BAD_REQUEST');
        // A bare JSON string is refused by the strict JSON parser; the others by the push schema.
        expect(res.body.error.message).toMatch(
          typeof json === 'string'
            ? /not valid JSON/
            : /sales push is not valid: \(root\)|sales push is not valid: 0\.newDocumentState/,
        );
      }
      expect(await server.db.selectFrom('sales').select('id').where('id', '=', s.id).execute()).toEqual([]);
    });
  });

  describe('the ledger after a mix of pushes', () => {
    const { server } = useTestServer(database);

    it('[S2][S3] good, repeated, retried, reused-id and malformed sales leave each accepted sale once, and the movements explain every level', async () => {
      const device = await pairDevice(server);
      const products = await catalogue(server.url, device.token);
      const initialStock = await stockLevels(server.db, DEMO_BRANCH_ID);
      const line = (name: string, quantity: number) => ({ product: product(products, name), quantity });
      const apples3 = makeSale(device, 1, [line('Manzanas Orgánicas', 3)]);
      const bread1 = makeSale(device, 2, [line('Pan Integral', 1)]);
      const both = makeSale(device, 3, [line('Manzanas Orgánicas', 1), line('Pan Integral', 2)]);
      const malformed = makeSale(device, 4, [line('Pan Integral', 1)], { totalCents: 1 });
      const milk2 = makeSale(device, 5, [line('Leche Deslactosada', 2)]);
      const accepted = [apples3, bread1, both, milk2];

      await pushSales(server.url, device.token, [apples3, bread1]);
      await pushSales(server.url, device.token, [apples3, both]); // a retry after a lost answer
      await pushSales(server.url, device.token, [{ ...bread1, cashierName: 'Otra' }]); // same id, other content
      await pushSales(server.url, device.token, [malformed, milk2]);
      await pushSales(server.url, device.token, [milk2]);

      expect(await salesCount(server)).toBe(accepted.length);
      const stored = await server.db.selectFrom('sales').select('id').execute();
      expect(new Set(stored.map((r) => r.id))).toEqual(new Set(accepted.map((s) => s.id)));

      const movements = await saleMovements(server);
      const expectedLines = accepted.flatMap((s) => s.lines.map((l) => [s.id, l.productId, -l.quantity]));
      const byKey = (a: unknown[], b: unknown[]) => JSON.stringify(a).localeCompare(JSON.stringify(b));
      expect(movements.map((m) => [m.sale_id, m.product_id, m.delta]).sort(byKey)).toEqual(expectedLines.sort(byKey));

      const sold = new Map<string, number>();
      for (const s of accepted)
        for (const l of s.lines) sold.set(l.productId, (sold.get(l.productId) ?? 0) + l.quantity);
      const now = await stockLevels(server.db, DEMO_BRANCH_ID);
      for (const [productId, start] of initialStock) {
        expect(now.get(productId)!.quantity, productId).toBe(start.quantity - (sold.get(productId) ?? 0));
      }
      // Every level equals the sum of its movements, opening stock included.
      const sums = await server.db
        .selectFrom('stock_movements')
        .select(['location_id', 'product_id', sql<number>`sum(delta)`.as('total')])
        .groupBy(['location_id', 'product_id'])
        .execute();
      for (const row of sums.filter((r) => r.location_id === DEMO_BRANCH_ID)) {
        expect(Number(row.total)).toBe(now.get(row.product_id)!.quantity);
      }
    });
  });

  describe('concurrent pushes', () => {
    const { server } = useTestServer(database);

    it('[S2][S3] 20 concurrent pushes from 2 devices with duplicates apply each sale once, with distinct gap-free sequences', async () => {
      const devices = [await pairDevice(server), await pairDevice(server)];
      const products = await catalogue(server.url, devices[0]!.token);
      const initial = await stockLevels(server.db, DEMO_BRANCH_ID);
      const seqBefore = await currentSequence(server.db);

      // Six sales per device, 1–2 lines each over the five products.
      const salesByDevice = devices.map((d, di) =>
        Array.from({ length: 6 }, (_, i) => {
          const lines = [{ product: products[(i + di) % 5]!, quantity: 1 + ((i + di) % 3) }];
          if (i % 2 === 0) lines.push({ product: products[(i + di + 2) % 5]!, quantity: 2 });
          return makeSale(d, i + 1, lines);
        }),
      );
      // 10 requests per device; request r carries sales r%6 and (r+3)%6: each sale 3–4 times over.
      const requests = devices.flatMap((d, di) =>
        Array.from({ length: 10 }, (_, r) => ({
          device: d,
          sales: [salesByDevice[di]![r % 6]!, salesByDevice[di]![(r + 3) % 6]!],
        })),
      );
      expect(requests).toHaveLength(20);
      const responses = await Promise.all(requests.map((rq) => pushSales(server.url, rq.device.token, rq.sales)));

      const ackSeqs = new Map<string, Set<number>>();
      for (const res of responses) {
        expect(res.status).toBe(200);
        expect(res.body.rejected).toEqual([]);
        expect(res.body.acks).toHaveLength(2);
        for (const a of res.body.acks) ackSeqs.set(a.id, (ackSeqs.get(a.id) ?? new Set()).add(a.appliedSeq));
      }
      const distinct = salesByDevice.flat();
      expect(ackSeqs.size).toBe(12);
      // Every response for a sale carries the same appliedSeq.
      for (const s of distinct) expect(ackSeqs.get(s.id)?.size, s.id).toBe(1);
      const applied = distinct.map((s) => [...ackSeqs.get(s.id)!][0]!).sort((a, b) => a - b);
      expect(applied).toEqual(Array.from({ length: 12 }, (_, i) => seqBefore + 1 + i));
      expect(await currentSequence(server.db)).toBe(seqBefore + 12);

      expect(await salesCount(server)).toBe(12);
      const storedSeqs = (await server.db.selectFrom('sales').select('applied_seq').execute()).map((r) =>
        Number(r.applied_seq),
      );
      expect(new Set(storedSeqs).size).toBe(12);
      const movements = await saleMovements(server);
      expect(movements).toHaveLength(distinct.reduce((n, s) => n + s.lines.length, 0));

      const final = await stockLevels(server.db, DEMO_BRANCH_ID);
      for (const [productId, start] of initial) {
        const sold = distinct
          .flatMap((s) => s.lines)
          .filter((l) => l.productId === productId)
          .reduce((n, l) => n + l.quantity, 0);
        expect(final.get(productId)!.quantity, productId).toBe(start.quantity - sold);
        // Each level is stamped with the last sale that touched it.
        const lastSeq = Math.max(
          start.seq,
          ...distinct
            .filter((s) => s.lines.some((l) => l.productId === productId))
            .map((s) => [...ackSeqs.get(s.id)!][0]!),
        );
        expect(final.get(productId)!.seq, productId).toBe(lastSeq);
      }
    });
  });

  describe('live stream', () => {
    const { server } = useTestServer(database, { config: { heartbeatSeconds: '0.1' } });

    it('[S6] sends resync at once, then changed within 1 s of a push by another device of the branch', async () => {
      const listener = await pairDevice(server);
      const seller = await pairDevice(server);
      const products = await catalogue(server.url, seller.token);
      const stream = await openStream(server.url, listener.token);
      try {
        expect(stream.status).toBe(200);
        expect(stream.contentType).toMatch(/^text\/event-stream/);
        expect(await stream.next('resync', 1000)).toEqual({ event: 'resync', data: {} });

        const s = makeSale(seller, 1, [{ product: products[0]!, quantity: 1 }]);
        const pushedAt = Date.now();
        const ack = (await pushSales(server.url, seller.token, [s])).body.acks[0]!;
        const changed = await stream.next('changed', 1000);
        expect(Date.now() - pushedAt).toBeLessThan(1000);
        expect(changed.data).toEqual({ seq: ack.appliedSeq, collections: ['stock', 'sales'] });
      } finally {
        stream.close();
      }
    });

    it("[S6][S9] a per-collection stream (/api/sync/v1/<collection>/<version>/stream) sends resync, then only that collection's changes; 426 for another version, 404 for no such collection", async () => {
      const listener = await pairDevice(server);
      const seller = await pairDevice(server);
      const products = await catalogue(server.url, seller.token);
      const stream = await openStream(server.url, listener.token, '/api/sync/v1/stock/0/stream');
      try {
        expect(stream.status).toBe(200);
        expect(await stream.next('resync', 1000)).toEqual({ event: 'resync', data: {} });
        const ack = (
          await pushSales(server.url, seller.token, [makeSale(seller, 1, [{ product: products[0]!, quantity: 1 }])])
        ).body.acks[0]!;
        expect((await stream.next('changed', 1000)).data).toEqual({ seq: ack.appliedSeq, collections: ['stock'] });
      } finally {
        stream.close();
      }
      const outdated = await request(server.url, '/api/sync/v1/stock/7/stream', { token: listener.token });
      expect(outdated.status).toBe(426);
      const unknown = await request<{ error: { code: string } }>(server.url, '/api/sync/v1/nonsense/0/stream', {
        token: listener.token,
      });
      expect(unknown.status).toBe(404);
    });

    it('[S6][S8] a device unpaired while its stream is open loses the stream within a heartbeat; reconnecting gets 401', async () => {
      const device = await pairDevice(server);
      const stream = await openStream(server.url, device.token);
      try {
        await stream.next('resync', 1000);
        await stream.next('heartbeat', 1000);
        // As the CLI's revoke-device does, straight in the database (another process).
        await server.db
          .updateTable('devices')
          .set({ revoked_at: new Date().toISOString() })
          .where('id', '=', device.deviceId)
          .execute();
        await expect(stream.next('never-sent', 2000)).rejects.toThrow('stream ended');
      } finally {
        stream.close();
      }
      const again = await openStream(server.url, device.token);
      expect(again.status).toBe(401);
      again.close();
    });

    it('[S6] sends heartbeats at the configured interval while idle', async () => {
      const device = await pairDevice(server);
      const stream = await openStream(server.url, device.token);
      try {
        await stream.next('resync', 1000);
        const beat = await stream.next('heartbeat', 1000);
        expect(Number.isNaN(Date.parse((beat.data as { at: string }).at))).toBe(false);
      } finally {
        stream.close();
      }
    });

    it("[S6][S8] another branch's sales never reach this branch as stock changes, and its device pulls only its own location", async () => {
      await addBranch(server.db, 'sucursal-002', '002');
      const far = await pairDevice(server, 'sucursal-002');
      expect(far.branch).toMatchObject({ id: 'sucursal-002', locationId: 'sucursal-002', receiptPrefix: '002' });
      const listener = await pairDevice(server);
      const seller = await pairDevice(server);
      const products = await catalogue(server.url, seller.token);
      const stream = await openStream(server.url, listener.token);
      let farAck: Ack;
      try {
        await stream.next('resync', 1000);
        farAck = (await pushSales(server.url, far.token, [makeSale(far, 1, [{ product: products[1]!, quantity: 4 }])]))
          .body.acks[0]!;
        const nearAck = (
          await pushSales(server.url, seller.token, [makeSale(seller, 1, [{ product: products[1]!, quantity: 1 }])])
        ).body.acks[0]!;
        expect(nearAck.appliedSeq).toBeGreaterThan(farAck.appliedSeq);
        // Events arrive in order: collect up to this branch's own change.
        const seen: { seq: number; collections: string[] }[] = [];
        while (!seen.some((e) => e.seq === nearAck.appliedSeq))
          seen.push((await stream.next('changed', 1000)).data as { seq: number; collections: string[] });
        for (const e of seen.filter((x) => x.seq === farAck.appliedSeq)) expect(e.collections).not.toContain('stock');
        expect(seen.find((e) => e.seq === nearAck.appliedSeq)!.collections).toContain('stock');
      } finally {
        stream.close();
      }
      const farStock = await pullStock(server.url, far.token, { limit: 1000 });
      expect(farStock.body.documents.map((d) => [d.locationId, d.productId, d.quantity])).toEqual([
        ['sucursal-002', products[1]!.id, -4],
      ]);
      expect(farStock.body.acks).toEqual([farAck]);
    });
  });
});
