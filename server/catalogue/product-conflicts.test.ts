import { beforeEach, describe, expect, it } from 'vitest';
import { syncPath, type ProductDoc, type PushResult } from '../../shared/protocol';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { signedInManager } from '../test/managers';
import {
  catalogue,
  DETAILED_PUSH_HEADERS,
  openStream,
  pullProducts,
  request,
  type TestServer,
} from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

const OTHER_BRANCH = 'sucursal-002';

interface ConflictList {
  items: {
    productId: string;
    field: string;
    centreValue: unknown;
    deviceValue: unknown;
    baseValue: unknown;
    winner: string;
    deviceId: string;
    branchId: string;
    seq: number;
  }[];
  nextCursor: number | null;
}

function pushProducts(
  server: TestServer,
  token: string,
  rows: { newDocumentState: unknown; assumedMasterState?: unknown }[],
) {
  return request<PushResult & { conflicts: ProductDoc[] }>(server.url, syncPath('products', 'push'), {
    token,
    json: rows,
    headers: DETAILED_PUSH_HEADERS,
  });
}

describe.each(reachableTestDatabases)(
  'catalogue conflicts, device edits against console edits (DESIGN invariant 6) on $label',
  (database: TestDatabase) => {
    const { server, admin, device, otherDevice } = useTestServer(database, {
      branches: { [OTHER_BRANCH]: '002' },
      managers: { admin: 'admin' },
      devices: { device: { name: 'Caja 1' }, otherDevice: { branchId: OTHER_BRANCH, name: 'Caja B' } },
    });

    async function allowEdits(branchId: string, fields: string[]) {
      const res = await request(server.url, `/api/console/branches/${branchId}/settings`, {
        method: 'PATCH',
        json: { productEditFields: fields },
        headers: admin.headers(),
      });
      expect(res.status).toBe(200);
    }

    async function product(name: string): Promise<ProductDoc & { seq: number }> {
      const res = await request<{ items: (ProductDoc & { seq: number })[] }>(
        server.url,
        `/api/console/products?query=${encodeURIComponent(name)}`,
        { headers: admin.headers() },
      );
      const found = res.body.items.find((p) => p.name === name);
      if (!found) throw new Error(`no product ${name}`);
      return found;
    }

    async function conflictRows(productId: string) {
      return server.db.selectFrom('conflict_log').selectAll().where('product_id', '=', productId).execute();
    }

    beforeEach(async () => {
      await allowEdits(DEMO_BRANCH_ID, []);
    });

    it('[S10] the race — console changes price and name, device changes name and barcode: price and name from the centre, barcode from the device, one logged conflict for name, the device gets the merged doc', async () => {
      await allowEdits(DEMO_BRANCH_ID, ['name', 'barcode']);
      const base = (await catalogue(server.url, device.token)).find((p) => p.name === 'Pan Integral')!;
      const seqBefore = (await product('Pan Integral')).seq;

      const consoleEdit = await request<{ product: ProductDoc & { seq: number } }>(
        server.url,
        `/api/console/products/${base.id}`,
        {
          method: 'PATCH',
          json: { baseSeq: seqBefore, priceCents: 210, name: 'Pan Integral Grande' },
          headers: admin.headers(),
        },
      );
      expect(consoleEdit.status).toBe(200);

      const deviceEdit: ProductDoc = { ...base, name: 'Pan integral 500 g', barcode: '7509999999999' };
      const push = await pushProducts(server, device.token, [
        { assumedMasterState: base, newDocumentState: deviceEdit },
      ]);
      expect(push.status).toBe(200);
      const expected: ProductDoc = {
        ...base,
        priceCents: 210,
        name: 'Pan Integral Grande',
        barcode: '7509999999999',
        // The device changed the main barcode: the first of the list.
        barcodes: ['7509999999999', ...base.barcodes.slice(1)],
      };
      expect(push.body.conflicts).toEqual([expected]);
      expect(push.body.rejected).toEqual([]);

      // The master now is the merged document, and a device pull gets it.
      expect((await catalogue(server.url, device.token)).find((p) => p.id === base.id)).toEqual(expected);
      const log = await conflictRows(base.id);
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({
        field: 'name',
        winner: 'centre',
        device_id: device.deviceId,
        branch_id: DEMO_BRANCH_ID,
      });
      expect(JSON.parse(log[0]!.centre_value)).toBe('Pan Integral Grande');
      expect(JSON.parse(log[0]!.device_value)).toBe('Pan integral 500 g');
      expect(JSON.parse(log[0]!.base_value)).toBe('Pan Integral');

      // The console lists it.
      const listed = await request<ConflictList>(server.url, '/api/console/conflicts', { headers: admin.headers() });
      expect(listed.body.items).toContainEqual(
        expect.objectContaining({
          productId: base.id,
          field: 'name',
          centreValue: 'Pan Integral Grande',
          deviceValue: 'Pan integral 500 g',
          baseValue: 'Pan Integral',
          winner: 'centre',
        }),
      );

      // A retried push (lost answer) logs nothing more and changes nothing.
      const seqAfter = (await product('Pan Integral Grande')).seq;
      const retry = await pushProducts(server, device.token, [
        { assumedMasterState: base, newDocumentState: deviceEdit },
      ]);
      expect(retry.body.conflicts).toEqual([expected]);
      expect(await conflictRows(base.id)).toHaveLength(1);
      expect((await product('Pan Integral Grande')).seq).toBe(seqAfter);
    });

    it('[S10] the other order — a device edit lands first, then a console edit made on the older version overrides the same field: centre wins and the device value is logged', async () => {
      await allowEdits(DEMO_BRANCH_ID, ['name', 'category']);
      const base = (await catalogue(server.url, device.token)).find((p) => p.name === 'Quinoa')!;
      const consoleSaw = (await product('Quinoa')).seq;
      const push = await pushProducts(server, device.token, [
        { assumedMasterState: base, newDocumentState: { ...base, name: 'Quinoa real', category: 'Granos' } },
      ]);
      expect(push.body.conflicts).toEqual([]);
      expect(push.body.acks).toEqual([{ id: base.id, appliedSeq: expect.any(Number) }]);

      const res = await request<{ product: ProductDoc; conflicts: { field: string }[] }>(
        server.url,
        `/api/console/products/${base.id}`,
        {
          method: 'PATCH',
          json: { baseSeq: consoleSaw, name: 'Quinoa blanca' },
          headers: admin.headers(),
        },
      );
      expect(res.status).toBe(200);
      // Name: both changed → centre. Category: only the device changed it → kept.
      expect(res.body.product).toMatchObject({ name: 'Quinoa blanca', category: 'Granos' });
      expect(res.body.conflicts).toEqual([{ field: 'name', deviceValue: 'Quinoa real' }]);
      const log = await conflictRows(base.id);
      expect(log.map((r) => [r.field, JSON.parse(r.device_value), JSON.parse(r.centre_value), r.device_id])).toEqual([
        ['name', 'Quinoa real', 'Quinoa blanca', device.deviceId],
      ]);
    });

    it('[S10] with the default settings (no editable fields) every device edit is refused 403 per row, nothing is written, and the device gets the master back', async () => {
      const products = await catalogue(server.url, device.token);
      const apples = products.find((p) => p.name === 'Manzanas Orgánicas')!;
      const milk = products.find((p) => p.name === 'Leche Deslactosada')!;
      const before = await server.db.selectFrom('products').select(['id', 'seq', 'name']).orderBy('id').execute();
      const res = await pushProducts(server, device.token, [
        { assumedMasterState: apples, newDocumentState: { ...apples, name: 'Manzanas' } },
        { assumedMasterState: milk, newDocumentState: { ...milk, barcode: '1' } },
      ]);
      expect(res.status).toBe(200);
      expect(res.body.rejected).toEqual([
        {
          id: apples.id,
          code: 'FORBIDDEN',
          status: 403,
          message: expect.stringMatching(/may not change name .*fields it may change: none/),
        },
        { id: milk.id, code: 'FORBIDDEN', status: 403, message: expect.stringContaining('barcode') },
      ]);
      expect(res.body.conflicts).toEqual([apples, milk]);
      expect(await server.db.selectFrom('products').select(['id', 'seq', 'name']).orderBy('id').execute()).toEqual(
        before,
      );
    });

    it('[S10] an edit touching a field the branch may not edit is refused as a whole, even if other fields are allowed', async () => {
      await allowEdits(DEMO_BRANCH_ID, ['name', 'barcode']);
      const coffee = (await catalogue(server.url, device.token)).find((p) => p.name === 'Café Premium')!;
      const res = await pushProducts(server, device.token, [
        { assumedMasterState: coffee, newDocumentState: { ...coffee, name: 'Café', priceCents: 1 } },
      ]);
      expect(res.body.rejected).toEqual([
        {
          id: coffee.id,
          code: 'FORBIDDEN',
          status: 403,
          message: expect.stringMatching(/may not change priceCents .*name, barcode/),
        },
      ]);
      expect(res.body.conflicts).toEqual([coffee]);
      expect((await catalogue(server.url, device.token)).find((p) => p.id === coffee.id)).toEqual(coffee);
    });

    it('[S8][S10] the settings of one branch do not let another branch’s devices edit', async () => {
      await allowEdits(DEMO_BRANCH_ID, ['name']);
      const coffee = (await catalogue(server.url, otherDevice.token)).find((p) => p.sku === 'ECO-0004')!;
      const res = await pushProducts(server, otherDevice.token, [
        { assumedMasterState: coffee, newDocumentState: { ...coffee, name: 'Café de la 002' } },
      ]);
      expect(res.body.rejected).toEqual([expect.objectContaining({ id: coffee.id, status: 403 })]);
    });

    it('[S10] a device cannot create products, and a push without the base version or with a malformed document is refused per row', async () => {
      await allowEdits(DEMO_BRANCH_ID, ['name']);
      const bread = (await catalogue(server.url, device.token)).find((p) => p.sku === 'ECO-0002')!;
      const invented: ProductDoc = { ...bread, id: 'invented-1', sku: 'NEW' };
      const res = await pushProducts(server, device.token, [
        { newDocumentState: invented },
        { newDocumentState: { ...bread, name: 'Sin base' } },
        { assumedMasterState: bread, newDocumentState: { ...bread, priceCents: -5 } },
      ]);
      expect(res.body.rejected.map((r) => [r.id, r.status])).toEqual([
        ['invented-1', 403],
        [bread.id, 400],
        [bread.id, 400],
      ]);
      expect(await server.db.selectFrom('products').select('id').where('id', '=', 'invented-1').execute()).toEqual([]);
      expect((await catalogue(server.url, device.token)).find((p) => p.id === bread.id)).toEqual(bread);
    });

    it('[S10] a console edit and a device edit sent at the same moment end the same whichever commits first, with one logged conflict', async () => {
      await allowEdits(DEMO_BRANCH_ID, ['name', 'barcode']);
      for (let round = 0; round < 3; round++) {
        const base = (await catalogue(server.url, device.token)).find((p) => p.sku === 'ECO-0005')!;
        const seqBefore = (await product(base.name)).seq;
        const centreName = `Quinoa centro ${round}`;
        const deviceName = `Quinoa caja ${round}`;
        const barcode = `75000000000${round}`;
        const [consoleRes, pushRes] = await Promise.all([
          request(server.url, `/api/console/products/${base.id}`, {
            method: 'PATCH',
            json: { baseSeq: seqBefore, priceCents: 1300 + round, name: centreName },
            headers: admin.headers(),
          }),
          pushProducts(server, device.token, [
            { assumedMasterState: base, newDocumentState: { ...base, name: deviceName, barcode } },
          ]),
        ]);
        expect(consoleRes.status).toBe(200);
        expect(pushRes.status).toBe(200);
        const final = (await catalogue(server.url, device.token)).find((p) => p.id === base.id)!;
        expect(final).toEqual({
          ...base,
          priceCents: 1300 + round,
          name: centreName,
          barcode,
          barcodes: [barcode, ...base.barcodes.slice(1)],
        });
        const log = (await conflictRows(base.id)).filter((r) => JSON.parse(r.device_value) === deviceName);
        expect(log.map((r) => [r.field, JSON.parse(r.centre_value)])).toEqual([['name', centreName]]);
      }
    });

    it('[S10] the conflict log pages newest first with a cursor, and a branch manager sees only their branches’ entries', async () => {
      await allowEdits(DEMO_BRANCH_ID, ['category']);
      const milk = (await catalogue(server.url, device.token)).find((p) => p.sku === 'ECO-0003')!;
      for (let i = 0; i < 3; i++) {
        const base = (await catalogue(server.url, device.token)).find((p) => p.id === milk.id)!;
        const seq = (await product(base.name)).seq;
        await request(server.url, `/api/console/products/${milk.id}`, {
          method: 'PATCH',
          json: { baseSeq: seq, category: `centro ${i}` },
          headers: admin.headers(),
        });
        await pushProducts(server, device.token, [
          { assumedMasterState: base, newDocumentState: { ...base, category: `caja ${i}` } },
        ]);
      }
      const seen: number[] = [];
      let cursor: number | null = null;
      do {
        const page: { body: ConflictList } = await request<ConflictList>(
          server.url,
          `/api/console/conflicts?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          { headers: admin.headers() },
        );
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((e) => e.seq));
        cursor = page.body.nextCursor;
      } while (cursor);
      const all = await server.db.selectFrom('conflict_log').select('seq').execute();
      expect(seen).toEqual(all.map((r) => Number(r.seq)).sort((a, b) => b - a));
      const mine = await request<ConflictList>(server.url, `/api/console/conflicts?productId=${milk.id}`, {
        headers: admin.headers(),
      });
      expect(mine.body.items.map((e) => e.deviceValue)).toEqual(['caja 2', 'caja 1', 'caja 0']);

      const other = await signedInManager(server, { role: 'branch_manager', branchIds: [OTHER_BRANCH] });
      expect(
        (await request<ConflictList>(server.url, '/api/console/conflicts', { headers: other.headers() })).body.items,
      ).toEqual([]);
      expect((await request(server.url, '/api/console/conflicts?cursor=-3', { headers: admin.headers() })).status).toBe(
        400,
      );
      expect((await request(server.url, '/api/console/conflicts')).status).toBe(401);
    });

    it('[S10] a console edit naming a version that is not on record is 409 (reload), a version from the future 400; nothing is written', async () => {
      const bread = await product('Pan Integral Grande');
      const before = await server.db
        .selectFrom('products')
        .selectAll()
        .where('id', '=', bread.id)
        .executeTakeFirstOrThrow();
      const stale = await request<{ error: { code: string; message: string } }>(
        server.url,
        `/api/console/products/${bread.id}`,
        { method: 'PATCH', json: { baseSeq: 1, name: 'x' }, headers: admin.headers() },
      );
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toMatch(/reload/);
      const future = await request(server.url, `/api/console/products/${bread.id}`, {
        method: 'PATCH',
        json: { baseSeq: bread.seq + 1000, name: 'x' },
        headers: admin.headers(),
      });
      expect(future.status).toBe(400);
      expect(
        await server.db.selectFrom('products').selectAll().where('id', '=', bread.id).executeTakeFirstOrThrow(),
      ).toEqual(before);
    });

    it('[S9] a products push with another schema version is 426, and a push that is not a list of rows is 400', async () => {
      expect(
        (await request(server.url, '/api/sync/v1/products/3/push', { token: device.token, json: [] })).status,
      ).toBe(426);
      expect(
        (await request(server.url, syncPath('products', 'push'), { token: device.token, json: { nope: 1 } })).status,
      ).toBe(400);
    });

    it('[S6][S10] an accepted device edit tells every device to pull products', async () => {
      await allowEdits(DEMO_BRANCH_ID, ['category']);
      const stream = await openStream(server.url, otherDevice.token);
      try {
        await stream.next('resync', 2000);
        const milk = (await catalogue(server.url, device.token)).find((p) => p.sku === 'ECO-0003')!;
        const res = await pushProducts(server, device.token, [
          { assumedMasterState: milk, newDocumentState: { ...milk, category: 'Lácteos y huevo' } },
        ]);
        expect(res.body.acks).toHaveLength(1);
        const changed = await stream.next('changed', 2000);
        expect((changed.data as { collections: string[] }).collections).toEqual(['products']);
        const pulled = await pullProducts(server.url, otherDevice.token, { seq: 0, limit: 1000 });
        expect(pulled.body.documents.find((p) => p.id === milk.id)?.category).toBe('Lácteos y huevo');
      } finally {
        stream.close();
      }
    });
  },
);
