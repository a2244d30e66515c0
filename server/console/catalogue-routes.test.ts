import { describe, expect, it } from 'vitest';
import { verifyPin } from '../../shared/auth/pin-hash';
import {
  syncPath,
  type BranchSettingsDoc,
  type CashierDoc,
  type Checkpoint,
  type ProductDoc,
} from '../../shared/protocol';
import { CENTRE_LOCATION_ID, DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { catalogue, openStream, pairDevice, pullProducts, request, type TestServer } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

const OTHER_BRANCH = 'sucursal-002';
type ConsoleProduct = ProductDoc & { seq: number; updatedAt: string };
type ErrorBody = { error: { code: string; message: string } };

function pull<D>(
  server: TestServer,
  collection: 'cashiers' | 'settings',
  token: string,
  since: Partial<Checkpoint> = {},
) {
  const q = new URLSearchParams({ seq: String(since.seq ?? 0), id: since.id ?? '' });
  return request<{ documents: D[]; checkpoint: Checkpoint | null }>(
    server.url,
    `${syncPath(collection, 'pull')}?${q}`,
    { token },
  );
}

describe.each(reachableTestDatabases)(
  'console catalogue, branches and cashiers on $label',
  (database: TestDatabase) => {
    const { server, admin, branchManager, device, otherDevice } = useTestServer(database, {
      branches: { [OTHER_BRANCH]: '002' },
      managers: { admin: 'admin', branchManager: { role: 'branch_manager', branchIds: [DEMO_BRANCH_ID] } },
      devices: { device: { name: 'Caja 1' }, otherDevice: { branchId: OTHER_BRANCH, name: 'Caja B' } },
    });

    async function counts() {
      const n = async (t: 'products' | 'product_prices' | 'cashiers' | 'branches' | 'branch_settings') =>
        Number(
          (
            await server.db
              .selectFrom(t)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      return {
        products: await n('products'),
        prices: await n('product_prices'),
        cashiers: await n('cashiers'),
        branches: await n('branches'),
        settings: await n('branch_settings'),
      };
    }

    describe('products', () => {
      it('the seed’s products have their opening price in the price history from the first start', async () => {
        const products = await server.db.selectFrom('products').select(['id', 'price_cents']).execute();
        const prices = await server.db.selectFrom('product_prices').select(['product_id', 'price_cents']).execute();
        expect(prices.map((p) => [p.product_id, Number(p.price_cents)]).sort()).toEqual(
          products.map((p) => [p.id, Number(p.price_cents)]).sort(),
        );
      });

      it('lists products by name, page by page with a cursor, filtered by a text in name, SKU, barcode or category', async () => {
        const first = await request<{ items: ConsoleProduct[]; nextCursor: string | null }>(
          server.url,
          '/api/console/products?limit=2',
          { headers: branchManager.headers() },
        );
        expect(first.status).toBe(200);
        expect(first.body.items).toHaveLength(2);
        const names: string[] = first.body.items.map((p) => p.name);
        let cursor = first.body.nextCursor;
        while (cursor) {
          const next = await request<{ items: ConsoleProduct[]; nextCursor: string | null }>(
            server.url,
            `/api/console/products?limit=2&cursor=${cursor}`,
            { headers: admin.headers() },
          );
          names.push(...next.body.items.map((p) => p.name));
          cursor = next.body.nextCursor;
        }
        expect(names).toHaveLength(5);
        expect(new Set(names).size).toBe(5);
        const byCategory = await request<{ items: ConsoleProduct[] }>(
          server.url,
          '/api/console/products?query=despensa',
          { headers: admin.headers() },
        );
        expect(byCategory.body.items.map((p) => p.name).sort()).toEqual(['Café Premium', 'Quinoa']);
        const bySku = await request<{ items: ConsoleProduct[] }>(server.url, '/api/console/products?query=eco-0003', {
          headers: admin.headers(),
        });
        expect(bySku.body.items.map((p) => p.name)).toEqual(['Leche Deslactosada']);
        const badCursor = await request<ErrorBody>(server.url, '/api/console/products?cursor=zzz', {
          headers: admin.headers(),
        });
        expect(badCursor.status).toBe(400);
      });

      it('invariant 8: no session is 401; a write without the CSRF header is 403; a branch manager cannot change the master catalogue', async () => {
        expect((await request(server.url, '/api/console/products')).status).toBe(401);
        const noCsrf = await request(server.url, '/api/console/products', {
          json: { sku: 'X-1', name: 'X', priceCents: 1 },
          headers: { cookie: admin.cookie },
        });
        expect(noCsrf.status).toBe(403);
        const byBranch = await request(server.url, '/api/console/products', {
          json: { sku: 'X-1', name: 'X', priceCents: 1 },
          headers: branchManager.headers(),
        });
        expect(byBranch.status).toBe(403);
        expect(await server.db.selectFrom('products').select('id').where('sku', '=', 'X-1').execute()).toEqual([]);
      });

      it('a created product gets a server sequence and its first price, and reaches a device pull from its checkpoint (S5)', async () => {
        const cp = (await pullProducts(server.url, device.token, { limit: 1000 })).body.checkpoint!;
        const res = await request<ConsoleProduct>(server.url, '/api/console/products', {
          json: {
            sku: 'ECO-0100',
            name: 'Miel de abeja',
            category: 'Despensa',
            priceCents: 799,
            barcode: '7501000001007',
          },
          headers: admin.headers(),
        });
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({
          sku: 'ECO-0100',
          name: 'Miel de abeja',
          priceCents: 799,
          taxRateBp: 0,
          legacyId: null,
          _deleted: false,
        });
        expect(res.body.seq).toBeGreaterThan(cp.seq);
        const pulled = await pullProducts(server.url, device.token, { seq: cp.seq, id: cp.id });
        expect(pulled.body.documents.map((d) => d.id)).toEqual([res.body.id]);
        const prices = await server.db
          .selectFrom('product_prices')
          .selectAll()
          .where('product_id', '=', res.body.id)
          .execute();
        expect(prices.map((p) => [Number(p.price_cents), Number(p.seq)])).toEqual([[799, res.body.seq]]);
      });

      it('a console price change bumps seq, writes the price history and reaches a device pull; a name-only change adds no price row', async () => {
        const honey = (
          await request<{ items: ConsoleProduct[] }>(server.url, '/api/console/products?query=ECO-0100', {
            headers: admin.headers(),
          })
        ).body.items[0]!;
        const cp = (await pullProducts(server.url, device.token, { limit: 1000 })).body.checkpoint!;
        const res = await request<{ product: ConsoleProduct; conflicts: unknown[] }>(
          server.url,
          `/api/console/products/${honey.id}`,
          {
            method: 'PATCH',
            json: { baseSeq: honey.seq, priceCents: 850 },
            headers: admin.headers(),
          },
        );
        expect(res.status).toBe(200);
        expect(res.body.product.priceCents).toBe(850);
        expect(res.body.product.seq).toBeGreaterThan(honey.seq);
        expect(res.body.conflicts).toEqual([]);
        const history = await server.db
          .selectFrom('product_prices')
          .selectAll()
          .where('product_id', '=', honey.id)
          .orderBy('seq')
          .execute();
        expect(history.map((p) => Number(p.price_cents))).toEqual([799, 850]);
        expect(history[1]!.valid_from >= history[0]!.valid_from).toBe(true);
        expect(Number(history[1]!.seq)).toBe(res.body.product.seq);
        const pulled = await pullProducts(server.url, device.token, { seq: cp.seq, id: cp.id });
        expect(pulled.body.documents).toEqual([expect.objectContaining({ id: honey.id, priceCents: 850 })]);

        await request(server.url, `/api/console/products/${honey.id}`, {
          method: 'PATCH',
          json: { baseSeq: res.body.product.seq, name: 'Miel de abeja 500 g' },
          headers: admin.headers(),
        });
        expect(
          await server.db.selectFrom('product_prices').select('id').where('product_id', '=', honey.id).execute(),
        ).toHaveLength(2);
      });

      it.each([
        { what: 'a negative price', body: { baseSeq: 1, priceCents: -1 } },
        { what: 'a price in fractions of a cent', body: { baseSeq: 1, priceCents: 1.5 } },
        { what: 'no base version', body: { priceCents: 100 } },
        { what: 'an unknown field', body: { baseSeq: 1, colour: 'red' } },
        { what: 'nothing to change', body: { baseSeq: 1 } },
        { what: 'an empty name', body: { baseSeq: 1, name: '  ' } },
      ])('a product change with $what is 400 and writes nothing', async ({ body }) => {
        const honey = (
          await request<{ items: ConsoleProduct[] }>(server.url, '/api/console/products?query=ECO-0100', {
            headers: admin.headers(),
          })
        ).body.items[0]!;
        const before = await counts();
        const res = await request<ErrorBody>(server.url, `/api/console/products/${honey.id}`, {
          method: 'PATCH',
          json: body,
          headers: admin.headers(),
        });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('BAD_REQUEST');
        expect(await counts()).toEqual(before);
        const after = (
          await request<{ items: ConsoleProduct[] }>(server.url, '/api/console/products?query=ECO-0100', {
            headers: admin.headers(),
          })
        ).body.items[0]!;
        expect(after).toEqual(honey);
      });

      it('a duplicate SKU is 409 and an unknown product is 404, nothing written', async () => {
        const before = await counts();
        const dup = await request<ErrorBody>(server.url, '/api/console/products', {
          json: { sku: 'ECO-0001', name: 'Otra', priceCents: 1 },
          headers: admin.headers(),
        });
        expect(dup.status).toBe(409);
        expect(dup.body.error.message).toContain('ECO-0001');
        const missing = await request(server.url, '/api/console/products/nope', {
          method: 'PATCH',
          json: { baseSeq: 1, name: 'x' },
          headers: admin.headers(),
        });
        expect(missing.status).toBe(404);
        expect(await counts()).toEqual(before);
      });

      it('delete is soft: the product stays, marked _deleted with a new seq, and devices pull the deletion', async () => {
        const honey = (
          await request<{ items: ConsoleProduct[] }>(server.url, '/api/console/products?query=ECO-0100', {
            headers: admin.headers(),
          })
        ).body.items[0]!;
        const res = await request<ConsoleProduct>(server.url, `/api/console/products/${honey.id}`, {
          method: 'DELETE',
          headers: admin.headers(),
        });
        expect(res.status).toBe(200);
        expect(res.body._deleted).toBe(true);
        expect(res.body.seq).toBeGreaterThan(honey.seq);
        expect((await catalogue(server.url, device.token)).find((p) => p.id === honey.id)?._deleted).toBe(true);
        const listed = await request<{ items: ConsoleProduct[] }>(server.url, '/api/console/products?query=ECO-0100', {
          headers: admin.headers(),
        });
        expect(listed.body.items).toEqual([]);
        const withDeleted = await request<{ items: ConsoleProduct[] }>(
          server.url,
          '/api/console/products?query=ECO-0100&includeDeleted=1',
          { headers: admin.headers() },
        );
        expect(withDeleted.body.items).toHaveLength(1);
      });
    });

    describe('cashiers', () => {
      let anaId: string;

      it('a manager adds a cashier with a PIN; the branch’s devices pull the hash and verify the PIN offline, never seeing the PIN', async () => {
        const res = await request<{ id: string; name: string; role: string; active: boolean }>(
          server.url,
          `/api/console/branches/${DEMO_BRANCH_ID}/cashiers`,
          {
            json: { name: 'Ana', role: 'supervisor', pin: '4821' },
            headers: branchManager.headers(),
          },
        );
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ name: 'Ana', role: 'supervisor', active: true });
        expect(JSON.stringify(res.body)).not.toMatch(/4821|pinHash/);
        anaId = res.body.id;
        const pulled = await pull<CashierDoc>(server, 'cashiers', device.token);
        const ana = pulled.body.documents.find((c) => c.id === anaId)!;
        expect(ana).toMatchObject({
          branchId: DEMO_BRANCH_ID,
          name: 'Ana',
          role: 'supervisor',
          active: true,
          pinIterations: 100_000,
          _deleted: false,
        });
        expect(JSON.stringify(pulled.body)).not.toContain('4821');
        expect(await verifyPin('4821', ana)).toBe(true);
        expect(await verifyPin('1111', ana)).toBe(false);
        // invariant 8: the other branch's device never sees this branch's cashiers.
        expect((await pull<CashierDoc>(server, 'cashiers', otherDevice.token)).body.documents).toEqual([]);
      });

      it('rename, new PIN and deactivation reach the devices from their checkpoint; the old PIN stops working', async () => {
        const cp = (await pull<CashierDoc>(server, 'cashiers', device.token)).body.checkpoint!;
        const res = await request(server.url, `/api/console/branches/${DEMO_BRANCH_ID}/cashiers/${anaId}`, {
          method: 'PATCH',
          json: { name: 'Ana María', pin: '97531', active: false },
          headers: admin.headers(),
        });
        expect(res.status).toBe(200);
        const pulled = await pull<CashierDoc>(server, 'cashiers', device.token, cp);
        expect(pulled.body.documents).toHaveLength(1);
        const ana = pulled.body.documents[0]!;
        expect(ana).toMatchObject({ id: anaId, name: 'Ana María', active: false });
        expect(await verifyPin('97531', ana)).toBe(true);
        expect(await verifyPin('4821', ana)).toBe(false);
      });

      it.each([
        { what: 'a PIN of 3 digits', body: { name: 'Luis', pin: '123' } },
        { what: 'a PIN with letters', body: { name: 'Luis', pin: '12a4' } },
        { what: 'a PIN of 9 digits', body: { name: 'Luis', pin: '123456789' } },
        { what: 'no name', body: { pin: '1234' } },
        { what: 'an unknown role', body: { name: 'Luis', pin: '1234', role: 'boss' } },
      ])('a cashier with $what is 400 and nothing is written', async ({ body }) => {
        const before = await counts();
        const res = await request<ErrorBody>(server.url, `/api/console/branches/${DEMO_BRANCH_ID}/cashiers`, {
          json: body,
          headers: admin.headers(),
        });
        expect(res.status).toBe(400);
        expect(await counts()).toEqual(before);
      });

      it('invariant 8: a branch manager cannot add or change cashiers of a branch they do not manage; unknown branch or cashier is 404', async () => {
        const before = await counts();
        expect(
          (
            await request(server.url, `/api/console/branches/${OTHER_BRANCH}/cashiers`, {
              json: { name: 'Eve', pin: '1234' },
              headers: branchManager.headers(),
            })
          ).status,
        ).toBe(403);
        expect(
          (
            await request(server.url, `/api/console/branches/${OTHER_BRANCH}/cashiers/${anaId}`, {
              method: 'PATCH',
              json: { active: true },
              headers: admin.headers(),
            })
          ).status,
        ).toBe(404);
        expect(
          (
            await request(server.url, '/api/console/branches/nowhere/cashiers', {
              json: { name: 'Eve', pin: '1234' },
              headers: admin.headers(),
            })
          ).status,
        ).toBe(404);
        expect(await counts()).toEqual(before);
      });
    });

    describe('branches and settings', () => {
      it('lists branches with their settings: an admin sees all, a branch manager only theirs', async () => {
        const all = await request<{
          branches: {
            id: string;
            settings: { allowOversell: boolean; idleLockSeconds: number; productEditFields: string[] };
          }[];
        }>(server.url, '/api/console/branches', { headers: admin.headers() });
        expect(all.body.branches.map((b) => b.id)).toEqual([DEMO_BRANCH_ID, OTHER_BRANCH]);
        expect(all.body.branches[0]!.settings).toMatchObject({
          allowOversell: true,
          idleLockSeconds: 120,
          productEditFields: [],
        });
        const mine = await request<{ branches: { id: string }[] }>(server.url, '/api/console/branches', {
          headers: branchManager.headers(),
        });
        expect(mine.body.branches.map((b) => b.id)).toEqual([DEMO_BRANCH_ID]);
      });

      it('a settings change reaches the branch’s devices (pull and live "settings"), not the other branch’s', async () => {
        const cp = (await pull<BranchSettingsDoc>(server, 'settings', device.token)).body.checkpoint!;
        const mine = await openStream(server.url, device.token);
        const theirs = await openStream(server.url, otherDevice.token);
        try {
          await mine.next('resync', 2000);
          await theirs.next('resync', 2000);
          const res = await request(server.url, `/api/console/branches/${DEMO_BRANCH_ID}/settings`, {
            method: 'PATCH',
            json: {
              allowOversell: false,
              idleLockSeconds: 300,
              receiptHeader: 'EcoMarket Centro',
              productEditFields: ['barcode'],
            },
            headers: branchManager.headers(),
          });
          expect(res.status).toBe(200);
          expect((await mine.next('changed', 2000)).data).toMatchObject({ collections: ['settings'] });
          await expect(theirs.next('changed', 300)).rejects.toThrow(/no "changed" event/);
        } finally {
          mine.close();
          theirs.close();
        }
        const pulled = await pull<BranchSettingsDoc>(server, 'settings', device.token, cp);
        expect(pulled.body.documents).toEqual([
          expect.objectContaining({
            id: DEMO_BRANCH_ID,
            allowOversell: false,
            idleLockSeconds: 300,
            receiptHeader: 'EcoMarket Centro',
          }),
        ]);
      });

      it.each([
        { what: 'an idle lock of 5 s', body: { idleLockSeconds: 5 } },
        { what: 'an unknown product field', body: { productEditFields: ['colour'] } },
        { what: 'allowOversell as text', body: { allowOversell: 'yes' } },
        { what: 'nothing', body: {} },
      ])('settings with $what are 400 and change nothing', async ({ body }) => {
        const before = await server.db.selectFrom('branch_settings').selectAll().execute();
        const res = await request<ErrorBody>(server.url, `/api/console/branches/${DEMO_BRANCH_ID}/settings`, {
          method: 'PATCH',
          json: body,
          headers: admin.headers(),
        });
        expect(res.status).toBe(400);
        expect(await server.db.selectFrom('branch_settings').selectAll().execute()).toEqual(before);
      });

      it('invariant 8: a branch manager cannot change another branch’s settings', async () => {
        const res = await request(server.url, `/api/console/branches/${OTHER_BRANCH}/settings`, {
          method: 'PATCH',
          json: { allowOversell: false },
          headers: branchManager.headers(),
        });
        expect(res.status).toBe(403);
      });

      it('an admin creates a branch with its own location; a devices paired there pulls its default settings and sees the others’ stock', async () => {
        const res = await request<{ id: string; locationId: string; receiptPrefix: string }>(
          server.url,
          '/api/console/branches',
          {
            json: { id: 'sucursal-003', name: 'Sucursal Norte', receiptPrefix: '003', currency: 'USD' },
            headers: admin.headers(),
          },
        );
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ id: 'sucursal-003', locationId: 'sucursal-003', receiptPrefix: '003' });
        expect(
          await server.db.selectFrom('locations').select(['id', 'kind']).where('id', '=', 'sucursal-003').execute(),
        ).toEqual([{ id: 'sucursal-003', kind: 'branch' }]);
        const north = await pairDevice(server, 'sucursal-003', 'Caja Norte');
        expect(north.branch.receiptPrefix).toBe('003');
        const settings = await pull<BranchSettingsDoc>(server, 'settings', north.token);
        expect(settings.body.documents).toEqual([
          expect.objectContaining({
            id: 'sucursal-003',
            name: 'Sucursal Norte',
            allowOversell: true,
            idleLockSeconds: 120,
          }),
        ]);
        const other = await request<{ documents: { locationId: string }[] }>(
          server.url,
          `${syncPath('otherstock', 'pull')}?limit=1000`,
          { token: north.token },
        );
        expect(new Set(other.body.documents.map((d) => d.locationId))).toEqual(
          new Set([CENTRE_LOCATION_ID, DEMO_BRANCH_ID]),
        );
      });

      it.each([
        {
          what: 'a taken id',
          body: { id: OTHER_BRANCH, name: 'X', receiptPrefix: '009', currency: 'USD' },
          status: 409,
        },
        {
          what: 'a taken receipt prefix',
          body: { id: 'sucursal-009', name: 'X', receiptPrefix: '002', currency: 'USD' },
          status: 409,
        },
        {
          what: 'an id with spaces',
          body: { id: 'sucursal 9', name: 'X', receiptPrefix: '009', currency: 'USD' },
          status: 400,
        },
        {
          what: 'a currency that is not ISO',
          body: { id: 'sucursal-009', name: 'X', receiptPrefix: '009', currency: 'dollars' },
          status: 400,
        },
      ])('a branch with $what is refused ($status) and nothing is written', async ({ body, status }) => {
        const before = await counts();
        const res = await request<ErrorBody>(server.url, '/api/console/branches', {
          json: body,
          headers: admin.headers(),
        });
        expect(res.status).toBe(status);
        expect(await counts()).toEqual(before);
      });

      it('invariant 8: only an administrator creates branches', async () => {
        const res = await request(server.url, '/api/console/branches', {
          json: { id: 'sucursal-010', name: 'X', receiptPrefix: '010', currency: 'USD' },
          headers: branchManager.headers(),
        });
        expect(res.status).toBe(403);
      });
    });
  },
);
