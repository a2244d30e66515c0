import { beforeAll, describe, expect, it } from 'vitest';
import type { StockHistoryResponse } from '../../shared/console/reports-stock';
import type { ProductDoc } from '../../shared/protocol';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { type SignedIn, signedInManager } from '../test/managers';
import { addBranch, makeSale, openStream, pairDevice, pushSales, request } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';
import { until } from '../test/until';
import { SequenceAllocator } from '../ledger/server-sequence';
import { MovementBatch } from '../ledger/stock-movements';
import { OFFLINE_MIN_MS } from './offline-periods';
import { reportDb } from './report-db';
import { MAX_POINTS } from './stock-chart';

const MINUTE = 60_000;

describe.each(reachableTestDatabases)('stock over time and offline tablets on $label', (database: TestDatabase) => {
  const { server, admin, device, products } = useTestServer(database, {
    managers: { admin: 'admin' },
    devices: { device: { name: 'Caja gráfica' } },
    catalogue: true,
  });
  let product: ProductDoc;

  const history = (q: Record<string, string>, who: SignedIn = admin) =>
    request<StockHistoryResponse & { error?: { message: string } }>(
      server.url,
      `/api/console/reports/stock-history?${new URLSearchParams(q)}`,
      { headers: who.headers() },
    );
  const links = () =>
    reportDb(server.db)
      .selectFrom('device_links')
      .selectAll()
      .where('device_id', '=', device.deviceId)
      .orderBy('connected_at')
      .execute();

  beforeAll(async () => {
    product = products[0]!;
  });

  it("draws a product's level from its ledger: the level before the range, then after each movement", async () => {
    const from = new Date(Date.now() - MINUTE).toISOString();
    const before = await history({
      locationId: device.branch.locationId,
      productId: product.id,
      from,
      to: new Date().toISOString(),
    });
    expect(before.status).toBe(200);
    const sales = [1, 2, 3].map((n, i) => makeSale(device, i + 1, [{ product, quantity: n }]));
    const pushed = await pushSales(server.url, device.token, sales);
    expect(pushed.status).toBe(200);
    expect(pushed.body.rejected).toEqual([]);
    const after = await history({
      locationId: device.branch.locationId,
      productId: product.id,
      from,
      to: new Date(Date.now() + 1000).toISOString(),
    });
    expect(after.status).toBe(200);
    const start = before.body.points.at(-1)?.level ?? before.body.startLevel;
    expect(after.body.startLevel).toBe(before.body.startLevel);
    const earlier = await server.db
      .selectFrom('stock_movements')
      .select((eb) => eb.fn.sum<number>('delta').as('level'))
      .where('location_id', '=', device.branch.locationId)
      .where('product_id', '=', product.id)
      .where('created_at', '<', after.body.from)
      .executeTakeFirst();
    expect(after.body.startLevel).toBe(Number(earlier?.level ?? 0));
    expect(after.body.movements).toBe(before.body.movements + 3);
    expect(after.body.points.slice(-3).map((p) => p.level)).toEqual([start - 1, start - 3, start - 6]);
    expect(after.body.lowest).toBe(Math.min(start - 6, after.body.startLevel));
    const level = await server.db
      .selectFrom('stock_levels')
      .select('quantity')
      .where('location_id', '=', device.branch.locationId)
      .where('product_id', '=', product.id)
      .executeTakeFirstOrThrow();
    expect(after.body.points.at(-1)!.level).toBe(Number(level.quantity));
  });

  it('ends the line at the end of a past range: movements recorded after it are not drawn', async () => {
    const from = new Date(Date.now() - MINUTE).toISOString();
    const first = [1, 2].map((n, i) => makeSale(device, 100 + i, [{ product, quantity: n }]));
    expect((await pushSales(server.url, device.token, first)).body.rejected).toEqual([]);
    await new Promise((r) => setTimeout(r, 20));
    const to = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const level = async () =>
      Number(
        (
          await server.db
            .selectFrom('stock_levels')
            .select('quantity')
            .where('location_id', '=', device.branch.locationId)
            .where('product_id', '=', product.id)
            .executeTakeFirstOrThrow()
        ).quantity,
      );
    const atTo = await level();
    const later = [makeSale(device, 102, [{ product, quantity: 4 }])];
    expect((await pushSales(server.url, device.token, later)).body.rejected).toEqual([]);
    const past = await history({ locationId: device.branch.locationId, productId: product.id, from, to });
    expect(past.status).toBe(200);
    expect(past.body.points.at(-1)!.level).toBe(atTo);
    expect(past.body.points.slice(-2).map((p) => p.level)).toEqual([atTo + 2, atTo]);
    expect(past.body.points.every((p) => p.at <= to)).toBe(true);
    expect(await level()).toBe(atTo - 4);
  });

  it('keeps the last level of each slice and the exact lowest and highest when the range has more movements than points', async () => {
    const locationId = device.branch.locationId;
    const base = Date.now() - 50 * MINUTE;
    // 450 moments of four movements each (as a push's lines share one time), dipping inside each moment.
    await server.db.transaction().execute(async (trx) => {
      const alloc = await SequenceAllocator.lock(trx);
      for (let m = 0; m < 450; m++) {
        const batch = new MovementBatch(trx, new Date(base + m * 5000).toISOString());
        await batch.load(locationId, [product.id]);
        const seq = alloc.next();
        for (const delta of [2, -6 - (m % 7), 5 + (m % 3), (m % 2) - 1])
          batch.apply(
            { locationId, productId: product.id, delta, kind: 'correction', saleId: null, actor: 'test', reason: 't' },
            seq,
          );
        await batch.flush();
      }
      await alloc.save();
    });
    const from = new Date(base - MINUTE).toISOString();
    const to = new Date(Date.now() + 1000).toISOString();
    const chart = await history({ locationId, productId: product.id, from, to });
    expect(chart.status).toBe(200);

    // The same figures from the raw ledger: every movement, in the order of time, then sequence.
    const all = await server.db
      .selectFrom('stock_movements')
      .select(['delta', 'created_at'])
      .where('location_id', '=', locationId)
      .where('product_id', '=', product.id)
      .orderBy('created_at')
      .orderBy('seq')
      .orderBy('id')
      .execute();
    const startLevel = all.filter((r) => r.created_at < from).reduce((s, r) => s + Number(r.delta), 0);
    const raw: { t: number; level: number }[] = [];
    for (const r of all.filter((r) => r.created_at >= from))
      raw.push({ t: Date.parse(r.created_at), level: (raw.at(-1)?.level ?? startLevel) + Number(r.delta) });
    expect(raw.length).toBeGreaterThan(MAX_POINTS);
    const width = (Date.parse(chart.body.to) - Date.parse(from)) / MAX_POINTS;
    const slice = (t: number) => Math.floor((t - Date.parse(from)) / width);
    const lastOfSlice = raw.filter((p, i) => i === raw.length - 1 || slice(raw[i + 1]!.t) !== slice(p.t));
    expect(chart.body.startLevel).toBe(startLevel);
    expect(chart.body.movements).toBe(raw.length);
    expect(chart.body.lowest).toBe(Math.min(startLevel, ...raw.map((p) => p.level)));
    expect(chart.body.highest).toBe(Math.max(startLevel, ...raw.map((p) => p.level)));
    expect(chart.body.points).toEqual(lastOfSlice.map((p) => ({ at: new Date(p.t).toISOString(), level: p.level })));
  });

  it('shades the time between a tablet losing its live stream and opening it again', async () => {
    const first = await openStream(server.url, device.token);
    await first.next('resync', 5000);
    await until('the link is recorded', async () => (await links()).length === 1);
    first.close();
    await until('the link is ended', async () => (await links())[0]?.ended_at != null);
    // Move the ended link ten minutes back, as if the tablet had lost the network then.
    const [link] = await links();
    const back = (iso: string) => new Date(Date.parse(iso) - 10 * MINUTE).toISOString();
    await reportDb(server.db)
      .updateTable('device_links')
      .set({ connected_at: back(link!.connected_at), alive_at: back(link!.alive_at), ended_at: back(link!.ended_at!) })
      .where('id', '=', link!.id)
      .execute();
    const q = {
      locationId: device.branch.locationId,
      productId: product.id,
      from: new Date(Date.now() - 30 * MINUTE).toISOString(),
      to: new Date(Date.now() + MINUTE).toISOString(),
    };
    const offline = await history(q);
    expect(offline.body.offline).toHaveLength(1);
    expect(offline.body.offline[0]).toMatchObject({ deviceName: 'Caja gráfica', ongoing: true });
    expect(Date.parse(offline.body.offline[0]!.from)).toBe(Date.parse(back(link!.ended_at!)));

    const second = await openStream(server.url, device.token);
    await second.next('resync', 5000);
    await until('the new link is recorded', async () => (await links()).length === 2);
    const back2 = await history(q);
    expect(back2.body.offline).toHaveLength(1);
    const period = back2.body.offline[0]!;
    expect(period.ongoing).toBe(false);
    expect(Date.parse(period.to) - Date.parse(period.from)).toBeGreaterThanOrEqual(10 * MINUTE - 1000);
    expect(Date.parse(period.to)).toBe(Date.parse((await links())[1]!.connected_at));
    second.close();
    await until('the second link is ended', async () => (await links())[1]?.ended_at != null);
    // A reconnect within OFFLINE_MIN_MS is not an offline period.
    const third = await openStream(server.url, device.token);
    await third.next('resync', 5000);
    await until('the third link is recorded', async () => (await links()).length === 3);
    expect((await history(q)).body.offline).toHaveLength(1);
    expect(OFFLINE_MIN_MS).toBeGreaterThan(15_000);

    third.close();
  });

  it('counts a tablet as offline from its last report when its stream stays open but silent', async () => {
    // A tablet that left the Wi-Fi leaves its socket open: the server goes by its status reports.
    const silentDevice = await pairDevice(server, DEMO_BRANCH_ID, 'Caja silenciosa');
    const stream = await openStream(server.url, silentDevice.token);
    await stream.next('resync', 5000);
    const own = () =>
      reportDb(server.db)
        .selectFrom('device_links')
        .selectAll()
        .where('device_id', '=', silentDevice.deviceId)
        .execute();
    await until('the link is recorded', async () => (await own()).length === 1);
    const lastHeard = new Date(Date.now() - 5 * MINUTE).toISOString();
    await reportDb(server.db)
      .updateTable('device_links')
      .set({ connected_at: new Date(Date.now() - 6 * MINUTE).toISOString(), alive_at: lastHeard })
      .where('device_id', '=', silentDevice.deviceId)
      .execute();
    const q = {
      locationId: silentDevice.branch.locationId,
      productId: product.id,
      from: new Date(Date.now() - 30 * MINUTE).toISOString(),
      to: new Date(Date.now() + MINUTE).toISOString(),
    };
    const mine = (r: StockHistoryResponse) => r.offline.filter((p) => p.deviceId === silentDevice.deviceId);
    expect(mine((await history(q)).body)).toMatchObject([{ from: lastHeard, ongoing: true }]);
    const report = await request(server.url, '/api/devices/status', {
      token: silentDevice.token,
      json: {
        appVersion: 'test',
        online: true,
        breaker: 'closed',
        pendingCount: 0,
        pendingValueCents: 0,
        rejectedCount: 0,
        lastSyncAt: new Date().toISOString(),
        storage: { usageBytes: 1, quotaBytes: 2, persisted: true },
      },
    });
    expect(report.status).toBe(200);
    // The silence stays on record, closed: the stream goes on as a new link from the report.
    const after = await own();
    expect(after).toHaveLength(2);
    expect(after.find((l) => l.ended_at !== null)!.ended_at).toBe(lastHeard);
    const period = mine((await history(q)).body);
    expect(period).toHaveLength(1);
    expect(period[0]).toMatchObject({ from: lastHeard, ongoing: false });
    stream.close();
    await until('the stream ends its link', async () => (await own()).every((l) => l.ended_at !== null));
  });

  it("refuses another branch's stock, an unknown place and a range that runs backwards", async () => {
    await addBranch(server.db, 'sucursal-graf-2', 'G2');
    const manager = await signedInManager(server, { role: 'branch_manager', branchIds: ['sucursal-graf-2'] });
    const now = Date.now();
    const q = { productId: product.id, from: new Date(now - MINUTE).toISOString(), to: new Date(now).toISOString() };
    expect((await history({ ...q, locationId: device.branch.locationId }, manager)).status).toBe(403);
    expect((await history({ ...q, locationId: 'nowhere' })).status).toBe(404);
    const backwards = await history({ ...q, locationId: device.branch.locationId, from: q.to, to: q.from });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error?.message).toMatch(/from must be before to/);
  });
});
