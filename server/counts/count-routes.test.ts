import { describe, expect, it } from 'vitest';
import type { CountDetail, CountSheet, CountSummary } from '../../shared/console/counts';
import type { Page } from '../../shared/console/ledger-api';
import type { ProductDoc } from '../../shared/protocol';
import { CENTRE_LOCATION_ID, DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { makeCount, pushDocs } from '../test/device-documents';
import { openConsoleStream } from '../test/console-stream';
import type { SignedIn } from '../test/managers';
import { makeSale, pushSales, request, stockLevels } from '../test/test-server';
import { adminAndBranchManagers, useTestServer } from '../test/use-test-server';

const OTHER = 'sucursal-conteo-2';

describe.each(reachableTestDatabases)(
  '[S13] stock counts from the console over HTTP on $label',
  (database: TestDatabase) => {
    const { server, admin, demoManager, otherManager, device, products } = useTestServer(database, {
      branches: { [OTHER]: 'C02' },
      managers: adminAndBranchManagers(OTHER),
      devices: { device: {} },
      catalogue: true,
    });

    let deviceSeq = 0;
    const level = async (productId: string) =>
      (await stockLevels(server.db, DEMO_BRANCH_ID)).get(productId)?.quantity ?? 0;
    const call = <T>(who: SignedIn, path: string, init: { method?: string; json?: unknown } = {}) =>
      request<T>(server.url, `/api/console${path}`, { ...init, headers: who.headers() });
    const sell = async (product: ProductDoc, quantity: number, createdAt: string) => {
      const res = await pushSales(server.url, device.token, [
        makeSale(device, ++deviceSeq, [{ product, quantity }], { createdAt }),
      ]);
      expect(res.body.acks).toHaveLength(1);
    };

    let countId: string;

    it('a branch manager starts a count of their branch; a second open count and another branch are refused', async () => {
      const started = await call<CountSummary>(demoManager, '/counts', {
        json: { locationId: DEMO_BRANCH_ID, note: 'inventario mensual' },
      });
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({
        locationId: DEMO_BRANCH_ID,
        status: 'open',
        category: null,
        countedLines: 0,
      });
      countId = started.body.id;
      const again = await call<{ error: { code: string; message: string } }>(demoManager, '/counts', {
        json: { locationId: DEMO_BRANCH_ID },
      });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/already has a count open/);
      expect((await call(demoManager, '/counts', { json: { locationId: OTHER } })).status).toBe(403);
      expect((await call(demoManager, '/counts', { json: { locationId: CENTRE_LOCATION_ID } })).status).toBe(403);
      expect(
        (await call(admin, '/counts', { json: { locationId: CENTRE_LOCATION_ID, category: 'No existe' } })).status,
      ).toBe(404);
      const list = await call<Page<CountSummary>>(demoManager, '/counts?status=open');
      expect(list.body.items.map((c) => c.id)).toContain(countId);
    });

    it('another branch’s manager can neither read nor change the count, nor see it listed', async () => {
      const p = products[0]!;
      expect((await call(otherManager, `/counts/${countId}`)).status).toBe(403);
      expect((await call(otherManager, `/counts/${countId}/sheet`)).status).toBe(403);
      expect(
        (await call(otherManager, `/counts/${countId}/lines/${p.id}`, { method: 'PUT', json: { quantity: 1 } })).status,
      ).toBe(403);
      expect((await call(otherManager, `/counts/${countId}/approve`, { method: 'POST' })).status).toBe(403);
      expect((await call(otherManager, `/counts/${countId}/cancel`, { json: { reason: 'no es mío' } })).status).toBe(
        403,
      );
      const list = await call<Page<CountSummary>>(otherManager, '/counts');
      expect(list.body.items.map((c) => c.id)).not.toContain(countId);
      expect((await call(otherManager, `/counts?locationId=${DEMO_BRANCH_ID}`)).status).toBe(403);
    });

    it('a late sale (made before its line was counted, received after) is listed and accounted; a later sale is not', async () => {
      const [apples, bread] = [products[0]!, products[1]!];
      const before = await level(apples.id);
      const madeBefore = new Date(Date.now() - 60_000).toISOString();
      // On the shelf: one sold offline a minute ago (not yet at the server), and one more missing.
      const entry = await call(demoManager, `/counts/${countId}/lines/${apples.id}`, {
        method: 'PUT',
        json: { quantity: before - 2 },
      });
      expect(entry.status).toBe(200);
      await sell(apples, 1, madeBefore);
      await new Promise((r) => setTimeout(r, 20));
      await sell(apples, 3, new Date().toISOString());
      expect(await level(apples.id)).toBe(before - 4);

      // A tablet's count of bread during the count fills the sheet and moves no stock.
      const breadBefore = await level(bread.id);
      const counted = await pushDocs(server.url, device.token, 'counts', [
        makeCount(device, bread.id, breadBefore + 2, breadBefore),
      ]);
      expect(counted.body.acks).toHaveLength(1);
      expect(await level(bread.id)).toBe(breadBefore);
      const items = await server.db
        .selectFrom('reconciliation_items')
        .select('id')
        .where('kind', '=', 'count_discrepancy')
        .execute();
      expect(items).toHaveLength(0);

      const sheet = await call<CountSheet>(demoManager, `/counts/${countId}/sheet?filter=counted`);
      expect(sheet.status).toBe(200);
      const a = sheet.body.items.find((i) => i.productId === apples.id)!;
      expect(a).toMatchObject({
        counted: before - 2,
        book: before,
        late: -1,
        expected: before - 1,
        variance: -1,
        source: 'console',
      });
      expect(a.varianceCents).toBe(-apples.priceCents);
      const b = sheet.body.items.find((i) => i.productId === bread.id)!;
      expect(b).toMatchObject({ counted: breadBefore + 2, book: breadBefore, late: 0, variance: 2, source: 'pos' });
      expect(sheet.body.items).toHaveLength(2);
      const search = await call<CountSheet>(
        demoManager,
        `/counts/${countId}/sheet?query=${encodeURIComponent(apples.name.slice(0, 5))}`,
      );
      expect(search.body.items.map((i) => i.productId)).toContain(apples.id);
      expect(search.body.items.map((i) => i.productId)).not.toContain(bread.id);

      const detail = await call<CountDetail>(demoManager, `/counts/${countId}`);
      expect(detail.body.lateSales).toEqual([
        expect.objectContaining({ productId: apples.id, delta: -1, madeAt: madeBefore, afterApproval: false }),
      ]);
      expect(detail.body.totals).toMatchObject({
        counted: 2,
        withVariance: 2,
        varianceUnits: 1,
        varianceCents: 2 * bread.priceCents - apples.priceCents,
        shortCents: -apples.priceCents,
        overCents: 2 * bread.priceCents,
        lateSales: 1,
      });
    });

    it('bad entries are refused with a reason and change nothing', async () => {
      const p = products[2]!;
      const neg = await call<{ error: { message: string } }>(demoManager, `/counts/${countId}/lines/${p.id}`, {
        method: 'PUT',
        json: { quantity: -1 },
      });
      expect(neg.status).toBe(400);
      expect(neg.body.error.message).toMatch(/below zero/);
      expect(
        (await call(demoManager, `/counts/${countId}/lines/no-such-product`, { method: 'PUT', json: { quantity: 1 } }))
          .status,
      ).toBe(404);
      expect((await call(demoManager, '/counts/no-such-count')).status).toBe(404);
      const sheet = await call<CountSheet>(demoManager, `/counts/${countId}/sheet?filter=counted`);
      expect(sheet.body.items).toHaveLength(2);
    });

    it('approval turns each variance into one count adjustment, once; a second approval is refused', async () => {
      const [apples, bread] = [products[0]!, products[1]!];
      const applesBefore = await level(apples.id);
      const breadBefore = await level(bread.id);
      const [first, second] = await Promise.all([
        call<{ adjustments: number; varianceUnits: number }>(demoManager, `/counts/${countId}/approve`, {
          method: 'POST',
        }),
        call<{ error: { code: string; message: string } }>(admin, `/counts/${countId}/approve`, { method: 'POST' }),
      ]);
      const statuses = [first.status, second.status].sort();
      expect(statuses).toEqual([200, 409]);
      // The late sale is not absorbed: −1 for the missing unit only, not −2.
      expect(await level(apples.id)).toBe(applesBefore - 1);
      expect(await level(bread.id)).toBe(breadBefore + 2);
      const moves = await server.db
        .selectFrom('stock_movements')
        .selectAll()
        .where('location_id', '=', DEMO_BRANCH_ID)
        .where('reason', 'like', `count: stock count ${countId}%`)
        .execute();
      expect(moves.map((m) => [m.product_id, Number(m.delta), m.kind]).sort()).toEqual(
        [
          [apples.id, -1, 'count_adjustment'],
          [bread.id, 2, 'count_adjustment'],
        ].sort(),
      );
      const again = await call<{ error: { message: string } }>(demoManager, `/counts/${countId}/approve`, {
        method: 'POST',
      });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/already approved/);
      expect(
        (await call(demoManager, `/counts/${countId}/lines/${apples.id}`, { method: 'PUT', json: { quantity: 1 } }))
          .status,
      ).toBe(409);
      expect(await level(apples.id)).toBe(applesBefore - 1);
    });

    it('after approval the report is frozen, and a late sale arriving afterwards is listed as not in the adjustment', async () => {
      const apples = products[0]!;
      const before = await call<CountDetail>(admin, `/counts/${countId}`);
      await sell(apples, 1, new Date(Date.now() - 120_000).toISOString());
      const after = await call<CountDetail>(admin, `/counts/${countId}`);
      expect(after.body.status).toBe('approved');
      expect(after.body.totals).toEqual({ ...before.body.totals, lateSales: 2 });
      expect(after.body.lateSales.map((s) => s.afterApproval)).toEqual([false, true]);
    });

    it('a category count covers that category only; a cancelled count adjusts nothing', async () => {
      const inCat = products.find((p) => p.category)!;
      const outside = products.find((p) => p.category !== inCat.category)!;
      const started = await call<CountSummary>(demoManager, '/counts', {
        json: { locationId: DEMO_BRANCH_ID, category: inCat.category },
      });
      expect(started.status).toBe(201);
      const id = started.body.id;
      expect(
        (await call(demoManager, `/counts/${id}/lines/${outside.id}`, { method: 'PUT', json: { quantity: 1 } })).status,
      ).toBe(404);
      const sheet = await call<CountSheet>(demoManager, `/counts/${id}/sheet`);
      expect(sheet.body.items.every((i) => i.category === inCat.category)).toBe(true);
      expect(
        (await call(demoManager, `/counts/${id}/lines/${inCat.id}`, { method: 'PUT', json: { quantity: 0 } })).status,
      ).toBe(200);
      const levelBefore = await level(inCat.id);
      expect((await call(demoManager, `/counts/${id}/cancel`, { json: { reason: 'x' } })).status).toBe(400);
      expect((await call(demoManager, `/counts/${id}/cancel`, { json: { reason: 'empezamos mal' } })).status).toBe(200);
      expect((await call(demoManager, `/counts/${id}/approve`, { method: 'POST' })).status).toBe(409);
      expect(await level(inCat.id)).toBe(levelBefore);
      const cancelled = await call<Page<CountSummary>>(
        demoManager,
        `/counts?status=cancelled&locationId=${DEMO_BRANCH_ID}`,
      );
      expect(cancelled.body.items.map((c) => c.id)).toEqual([id]);
    });

    it('the console stream tells the count’s branch of each change, and another branch’s manager nothing', async () => {
      const mine = await openConsoleStream(server.url, demoManager.cookie);
      const theirs = await openConsoleStream(server.url, otherManager.cookie);
      try {
        await mine.next('resync', 10_000);
        await theirs.next('resync', 10_000);
        const started = await call<CountSummary>(demoManager, '/counts', { json: { locationId: DEMO_BRANCH_ID } });
        expect(started.status).toBe(201);
        expect(await mine.next('changed', 10_000)).toMatchObject({
          collections: ['stocktakes'],
          branchIds: [DEMO_BRANCH_ID],
        });
        const own = await call<CountSummary>(otherManager, '/counts', { json: { locationId: OTHER } });
        expect(own.status).toBe(201);
        // The first change the other branch's manager hears of is their own count, not the demo branch's.
        expect(await theirs.next('changed', 10_000)).toMatchObject({ collections: ['stocktakes'], branchIds: [OTHER] });
      } finally {
        mine.close();
        theirs.close();
      }
    });
  },
);
