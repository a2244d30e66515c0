import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { filter, firstValueFrom, type Observable } from 'rxjs';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { issuePairingCode } from '../../server/auth/pairing';
import { testDatabases } from '../../server/test/databases';
import { startTestServer, type TestServer } from '../../server/test/test-server';
import { SequenceAllocator } from '../../server/ledger/server-sequence';
import type { PosDatabase, ProductRow } from './collections';
import { commitSale } from './commit-sale';
import { pairThisDevice, type DevicePairing } from './device-pairing';
import { observeSyncLedger } from './displayed-stock-view';
import { inThisThread } from './ticket-journal';
import { CORE_POS_COLLECTIONS, openPosDatabase, type PosCollectionName, type PosStore } from './pos-database';
import { openShift, recordCount, recordShiftEvent } from './device-documents';
import { exportQueue, importQueue, parseQueueFile, QueueImportError } from './queue-export';
import { SyncEngine, type SyncEngineOptions } from './sync-engine';
import { until } from '../../server/test/until';

/**
 * The device's sync module, with no DOM, against the real server over HTTP.
 *
 * The device's network is a transport the test flushes (as tldraw's TestSocketPair): every call
 * the engine makes waits until the test delivers it, and is delivered as the test's switch says:
 * up, down (a call fails at once, as a browser's offline fetch does), or "the server commits but
 * the answer is lost". `run(p)` delivers, turn after turn of
 * the event loop, until `p` settles; tests wait for a state the device reaches (an observable),
 * never for wall-clock time.
 */
/**
 * 'sw-queue': no network, and the service worker keeps each push and answers 202 (client/sw/sw.ts).
 * 'hang-answers': calls reach the server, which commits them, and then never settle, aborted or
 * not (a connection that died half-open after the server got the request).
 * 'black-hole': every call is taken and never settles, aborted or not (a server that accepted and
 * never answered).
 */
type NetworkMode = 'up' | 'down' | 'lose-responses' | 'sw-queue' | 'hang-answers' | 'black-hole';

interface SentCall {
  input: Parameters<typeof fetch>[0];
  init: RequestInit | undefined;
  resolve: (res: Response) => void;
  reject: (err: unknown) => void;
  /** Heeds no abort any more (a hung call). */
  deaf?: boolean;
}

class TestNetwork {
  mode: NetworkMode = 'up';
  /** Calls the engine made (a call refused by its circuit breaker never gets here). */
  calls = 0;
  /** Pushes handed to the server, whatever became of their answers. */
  pushesDelivered = 0;
  private sent: SentCall[] = [];

  readonly fetch: typeof fetch = (input, init) =>
    new Promise<Response>((resolve, reject) => {
      this.calls += 1;
      // With no network a browser's fetch fails at once; anything else waits for the test.
      if (this.mode === 'down') return reject(new TypeError('fetch failed (network down)'));
      if (this.mode === 'sw-queue' && init?.method === 'POST')
        return resolve(new Response(JSON.stringify({ queued: true }), { status: 202 }));
      if (this.mode === 'black-hole') return;
      const call: SentCall = { input, init, resolve, reject };
      this.sent.push(call);
      init?.signal?.addEventListener('abort', () => {
        if (call.deaf) return;
        this.sent = this.sent.filter((c) => c !== call);
        reject(new DOMException('aborted', 'AbortError'));
      });
    });

  /** Delivers every call sent so far, as the mode says; resolves once each has its answer or its failure. */
  async flush(): Promise<number> {
    const calls = this.sent.splice(0);
    await Promise.all(calls.map((c) => this.deliver(c)));
    return calls.length;
  }

  /** Delivers calls until `done` settles, and returns its result. */
  async run<T>(done: Promise<T>): Promise<T> {
    let settled = false;
    done.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled) {
      await this.flush();
      await new Promise((r) => setImmediate(r));
    }
    return done;
  }

  /** Delivers calls until `holds` (a fact outside the device, e.g. on the server) is true. */
  async runUntil(holds: () => Promise<boolean>): Promise<void> {
    while (!(await holds())) {
      await this.flush();
      await new Promise((r) => setImmediate(r));
    }
  }

  private async deliver(call: SentCall): Promise<void> {
    const { input, init, resolve, reject } = call;
    try {
      if (this.mode === 'down') throw new TypeError('fetch failed (network down)');
      if (this.mode === 'black-hole') {
        call.deaf = true;
        return;
      }
      if (String(input instanceof Request ? input.url : input).endsWith('/push')) this.pushesDelivered += 1;
      if (this.mode === 'hang-answers') {
        call.deaf = true;
        // A stream's body never ends: only its headers are awaited.
        const res = await fetch(input, { ...init, signal: AbortSignal.timeout(5000) });
        if (!res.headers.get('content-type')?.includes('event-stream')) await res.arrayBuffer();
        else await res.body?.cancel();
        return;
      }
      const res = await fetch(input, init);
      if (this.mode === 'lose-responses' && init?.method === 'POST') {
        await res.arrayBuffer();
        throw new TypeError('fetch failed (connection reset after the server answered)');
      }
      resolve(res);
    } catch (err) {
      reject(err);
    }
  }
}

/** Resolves with the first value of `source` that satisfies `holds`. */
function when<T>(source: Observable<T>, holds: (value: T) => boolean): Promise<T> {
  return firstValueFrom(source.pipe(filter(holds)));
}

let server: TestServer;
let opened: PosDatabase[] = [];
const stores: PosStore[] = [];
let engines: SyncEngine[] = [];

let dbCounter = 0;
async function openDevice(
  name = `pos-test-${Date.now()}-${dbCounter++}`,
  collections?: PosCollectionName[],
): Promise<PosDatabase> {
  const store = await openPosDatabase({
    name,
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    openJournal: inThisThread({ indexedDB, IDBKeyRange }),
    multiInstance: false,
    collections,
  });
  stores.push(store);
  opened.push(store.db);
  return store.db;
}

/** The database with its ticket journal, for charging on it. */
function storeOf(db: PosDatabase): PosStore {
  const store = stores.find((s) => s.db === db);
  if (!store) throw new Error('not opened by openDevice');
  return store;
}

async function pair(db: PosDatabase): Promise<DevicePairing> {
  const { code } = await issuePairingCode(server.db, 'sucursal-001', 15);
  return pairThisDevice(db, server.url, code, 'sim tablet');
}

/** The device's engine over the test network; `timing` changes its sweep and breaker recovery. */
function engineFor(
  db: PosDatabase,
  pairing: DevicePairing,
  net: TestNetwork,
  timing: { sweepMs?: number; breakerRecoveryMs?: number; timeouts?: SyncEngineOptions['timeouts'] } = {},
): SyncEngine {
  // No sweep: the test says when the outbox looks again (syncNow, drain).
  const engine = new SyncEngine({
    db,
    pairing,
    baseUrl: server.url,
    fetch: net.fetch,
    retryTimeMs: 100,
    sweepMs: 3_600_000,
    breakerRecoveryMs: 150,
    ...timing,
  });
  engines.push(engine);
  return engine;
}

/** A freshly paired device whose engine has started and pulled everything once. */
async function syncedDevice() {
  const db = await openDevice();
  const pairing = await pair(db);
  const net = new TestNetwork();
  const engine = await startedEngine(db, pairing, net);
  return { db, pairing, net, engine };
}

/** An engine started on the device, once it has pulled everything the first time. */
async function startedEngine(
  db: PosDatabase,
  pairing: DevicePairing,
  net: TestNetwork,
  timing?: Parameters<typeof engineFor>[3],
): Promise<SyncEngine> {
  const engine = engineFor(db, pairing, net, timing);
  await engine.start();
  await net.run(engine.awaitPulled());
  return engine;
}

function ledger$(db: PosDatabase, pairing: DevicePairing) {
  return observeSyncLedger(db, pairing.branch.locationId, pairing.deviceId);
}

async function ledger(db: PosDatabase, pairing: DevicePairing) {
  return firstValueFrom(ledger$(db, pairing));
}

/** Delivers the device's calls until nothing it made is pending any more. */
function allDelivered(net: TestNetwork, db: PosDatabase, pairing: DevicePairing) {
  return net.run(when(ledger$(db, pairing), (l) => l.pending.count === 0));
}

/** 'Sync now' as the cashier taps it: everything the device made is delivered, then a full pull. */
async function syncNowAndPull(device: Awaited<ReturnType<typeof syncedDevice>>): Promise<void> {
  const { net, engine, db, pairing } = device;
  await net.run(engine.syncNow());
  await allDelivered(net, db, pairing);
  await net.run(engine.awaitPulled());
}

async function serverSales(deviceId: string): Promise<number> {
  const rows = await server.db.selectFrom('sales').select('id').where('device_id', '=', deviceId).execute();
  return rows.length;
}

async function serverLevel(productId: string): Promise<number> {
  const row = await server.db
    .selectFrom('stock_levels')
    .select('quantity')
    .where('location_id', '=', 'sucursal-001')
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  return Number(row.quantity);
}

async function product(db: PosDatabase, sku: string): Promise<ProductRow> {
  const doc = await db.products.findOne({ selector: { sku } }).exec();
  if (!doc) throw new Error(`no product ${sku}`);
  return doc.toJSON() as ProductRow;
}

describe.each(testDatabases)('sync engine against the real server ($label)', (database) => {
  beforeEach(async (ctx) => {
    if (database.kind === 'postgres' && database.unreachable) ctx.skip();
    server = await startTestServer(database);
  });

  afterEach(async () => {
    for (const e of engines) await e.stop();
    for (const db of opened) await db.close();
    engines = [];
    opened = [];
    stores.length = 0;
    await server?.close();
  });

  it('[S5][S6] pulls the catalogue and the branch stock, then live changes', async () => {
    const { db, pairing, engine } = await syncedDevice();
    expect(await db.products.count().exec()).toBe(5);
    // The first download knew its total from the first page.
    expect(engine.catalogue$.value).toMatchObject({ pulled: 5, total: 5, done: true });
    const pan = await product(db, 'ECO-0002');
    expect((await ledger(db, pairing)).stock.get(pan.id)).toBe(15);
  });

  it('[S5] a catalogue of several pages shows "N of total" from the first page, the total never moving and never passed', async () => {
    await server.db.transaction().execute(async (trx) => {
      const seq = await SequenceAllocator.lock(trx);
      const now = new Date().toISOString();
      const rows = Array.from({ length: 2345 }, (_, n) => ({
        id: `bulk-${String(n).padStart(4, '0')}`,
        sku: `BULK-${n}`,
        barcode: null,
        name: `Producto ${n}`,
        category: 'Granel',
        price_cents: 100,
        tax_rate_bp: 0,
        legacy_id: null,
        deleted: 0,
        seq: seq.next(),
        updated_at: now,
      }));
      for (let i = 0; i < rows.length; i += 100)
        await trx
          .insertInto('products')
          .values(rows.slice(i, i + 100))
          .execute();
      await seq.save();
    });
    const db = await openDevice();
    const pairing = await pair(db);
    const net = new TestNetwork();
    const engine = engineFor(db, pairing, net);
    const seen: { pulled: number; total: number | null }[] = [];
    const sub = engine.catalogue$.subscribe((c) => !c.done && seen.push({ pulled: c.pulled, total: c.total }));
    await engine.start();
    await net.run(engine.awaitPulled());
    sub.unsubscribe();
    expect(await db.products.count().exec()).toBe(2350);
    const totals = new Set(seen.map((c) => c.total).filter((t) => t !== null));
    expect([...totals]).toEqual([2350]);
    for (const c of seen) if (c.total !== null) expect(c.pulled).toBeLessThanOrEqual(c.total);
  });

  it('[S2][S4] offline sales, a lost push answer, then sync: each sale once on the server and stock never double-counted', async () => {
    const device = await syncedDevice();
    const { db, pairing, net, engine } = device;
    const pan = await product(db, 'ECO-0002');

    net.mode = 'down';
    for (let i = 0; i < 3; i++) {
      await commitSale(storeOf(db), pairing, {
        lines: [{ product: pan, quantity: 2 }],
        payments: [{ method: 'cash', amountCents: 360, tenderedCents: 360 }],
        cashierName: 'Ana',
      });
    }
    let view = await ledger(db, pairing);
    expect(view.stock.get(pan.id)).toBe(9);
    expect(view.pending).toMatchObject({ count: 3, valueCents: 1080 });
    expect(await serverSales(pairing.deviceId)).toBe(0);

    // The server applies the push but the tablet never hears back. The network is back as far as the
    // tablet can tell (its 'online' event lets a call through even if the offline calls opened the breaker).
    net.mode = 'lose-responses';
    engine.breaker.probe();
    await net.run(engine.outbox.drain());
    expect(await serverSales(pairing.deviceId)).toBe(3);
    expect((await ledger(db, pairing)).stock.get(pan.id)).toBe(9);

    // Pushes still lose their answers, but pulls work: the acks must arrive with the stock level
    // that already includes those sales, or the tablet would subtract them twice.
    await syncNowAndPull(device);
    expect((await ledger(db, pairing)).stock.get(pan.id)).toBe(9);

    net.mode = 'up';
    await syncNowAndPull(device);
    view = await ledger(db, pairing);
    expect(view.stock.get(pan.id)).toBe(9);
    expect(await serverSales(pairing.deviceId)).toBe(3);
    expect(await serverLevel(pan.id)).toBe(9);
  });

  it('[S4] a reload (database closed and reopened) keeps sales, acks and the stock shown', async () => {
    const name = `pos-reload-${Date.now()}`;
    let db = await openDevice(name);
    const pairing = await pair(db);
    const net = new TestNetwork();
    let engine = await startedEngine(db, pairing, net);
    const leche = await product(db, 'ECO-0003');
    net.mode = 'down';
    await commitSale(storeOf(db), pairing, {
      lines: [{ product: leche, quantity: 10 }],
      payments: [{ method: 'card', amountCents: 3200, tenderedCents: null }],
      cashierName: 'Ana',
    });
    expect((await ledger(db, pairing)).stock.get(leche.id)).toBe(-2);

    await engine.stop();
    await db.close();
    opened = opened.filter((d) => d !== db);
    engines = engines.filter((e) => e !== engine);

    db = await openDevice(name);
    expect((await ledger(db, pairing)).stock.get(leche.id)).toBe(-2);
    net.mode = 'up';
    engine = engineFor(db, pairing, net);
    await engine.start();
    await allDelivered(net, db, pairing);
    await net.run(engine.awaitPulled());
    expect((await ledger(db, pairing)).stock.get(leche.id)).toBe(-2);
    expect(await serverLevel(leche.id)).toBe(-2);
    expect(await serverSales(pairing.deviceId)).toBe(1);
  });

  it("[S4] two devices of one branch: each sees the other's sales through the server level, its own through acks", async () => {
    // RxDB's free storage opens 13 collections per process: two whole devices do not fit.
    const a = await openDevice(undefined, CORE_POS_COLLECTIONS);
    const b = await openDevice(undefined, CORE_POS_COLLECTIONS);
    const pa = await pair(a);
    const pb = await pair(b);
    const [na, nb] = [new TestNetwork(), new TestNetwork()];
    const ea = engineFor(a, pa, na);
    const eb = engineFor(b, pb, nb);
    await ea.start();
    await eb.start();
    await na.run(ea.awaitPulled());
    await nb.run(eb.awaitPulled());
    const manzanasA = await product(a, 'ECO-0001');
    await commitSale(storeOf(a), pa, {
      lines: [{ product: manzanasA, quantity: 4 }],
      payments: [{ method: 'cash', amountCents: 1000, tenderedCents: 1000 }],
      cashierName: 'A',
    });
    await commitSale(storeOf(b), pb, {
      lines: [{ product: manzanasA, quantity: 1 }],
      payments: [{ method: 'cash', amountCents: 250, tenderedCents: 250 }],
      cashierName: 'B',
    });
    const at20 = (db: PosDatabase, pairing: DevicePairing) =>
      when(ledger$(db, pairing), (l) => l.pending.count === 0 && l.stock.get(manzanasA.id) === 20);
    const both = Promise.all([at20(a, pa), at20(b, pb)]);
    await Promise.all([na.run(both), nb.run(both)]);
    expect(await serverLevel(manzanasA.id)).toBe(20);
    expect(pa.deviceNumber).not.toBe(pb.deviceNumber);
  });

  it('[S4] a count is a delta against what the tablet showed; it reaches the server and is acked with the stock pull like a sale', async () => {
    const device = await syncedDevice();
    const { db, pairing, net, engine } = device;
    const pan = await product(db, 'ECO-0002');
    await commitSale(storeOf(db), pairing, {
      lines: [{ product: pan, quantity: 2 }],
      payments: [{ method: 'cash', amountCents: 360, tenderedCents: 360 }],
      cashierName: 'Ana',
    });
    await allDelivered(net, db, pairing);
    net.mode = 'down';
    const before = await ledger(db, pairing);
    expect(before.stock.get(pan.id)).toBe(13);
    // Counted 10 while the tablet showed 13: a −3 adjustment, shown at once.
    await recordCount(db, pairing, {
      productId: pan.id,
      countedQuantity: 10,
      believedQuantity: 13,
      believedLevelSeq: before.levelSeq?.get(pan.id) ?? 0,
      cashierId: null,
    });
    let view = await ledger(db, pairing);
    expect(view.stock.get(pan.id)).toBe(10);
    expect(view.pending).toMatchObject({ count: 1, salesCount: 0 });

    // The server applies the count but the tablet never hears back; then only pulls get through.
    net.mode = 'lose-responses';
    await net.run(engine.outbox.drain());
    expect(await serverLevel(pan.id)).toBe(10);
    expect((await ledger(db, pairing)).stock.get(pan.id)).toBe(10);
    await syncNowAndPull(device);
    view = await ledger(db, pairing);
    expect(view.stock.get(pan.id)).toBe(10);
    expect(await serverLevel(pan.id)).toBe(10);
  });

  it('[S7] shift events queue offline and still reach the server after the shift is closed', async () => {
    const { db, pairing, net, engine } = await syncedDevice();
    net.mode = 'down';
    const author = { cashierId: null, cashierName: 'Ana' };
    const open = await openShift(db, pairing, 10000, author);
    await recordShiftEvent(db, pairing, {
      shiftId: open.shiftId,
      kind: 'cash_out',
      amountCents: 2000,
      reason: 'proveedor',
      author,
    });
    await recordShiftEvent(db, pairing, { shiftId: open.shiftId, kind: 'close', amountCents: 8000, author });
    expect((await ledger(db, pairing)).pending.count).toBe(3);
    net.mode = 'up';
    await net.run(engine.syncNow());
    await allDelivered(net, db, pairing);
    const rows = await server.db
      .selectFrom('shift_events')
      .select(['id', 'kind'])
      .where('shift_id', '=', open.shiftId)
      .execute();
    expect(rows.map((r) => r.kind).sort()).toEqual(['cash_out', 'close', 'open']);
  });

  it('[S7] shift events handed to the service worker’s queue go again at once on "sync now", not after the 2-minute hand-off wait', async () => {
    const { db, pairing, net, engine } = await syncedDevice();
    net.mode = 'sw-queue';
    const open = await openShift(db, pairing, 10000, { cashierId: null, cashierName: 'Ana' });
    await net.run(engine.outbox.drain());
    expect((await ledger(db, pairing)).pending.count).toBe(1);
    net.mode = 'up';
    await net.run(engine.syncNow());
    await allDelivered(net, db, pairing);
    const rows = await server.db.selectFrom('shift_events').select('id').where('shift_id', '=', open.shiftId).execute();
    expect(rows).toHaveLength(1);
  });

  it('the circuit breaker opens after 3 failed calls and stops calling the server until it may try again', async () => {
    const db = await openDevice();
    const pairing = await pair(db);
    const net = new TestNetwork();
    const engine = await startedEngine(db, pairing, net, { sweepMs: 100_000, breakerRecoveryMs: 60_000 });
    net.mode = 'down';
    for (let i = 0; i < 3; i++) await net.run(engine.syncNow());
    await net.run(when(engine.breaker.state$, (s) => s === 'open'));
    const calls = net.calls;
    const pan = await product(db, 'ECO-0002');
    // The breaker's clock is faked: 59 s of its 60 s wait pass, and a sale wants delivering.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.advanceTimersByTime(59_000);
      await commitSale(storeOf(db), pairing, {
        lines: [{ product: pan, quantity: 1 }],
        payments: [{ method: 'cash', amountCents: 180, tenderedCents: 180 }],
        cashierName: 'Ana',
      });
      await net.run(engine.outbox.drain());
      expect(net.calls).toBe(calls);
      expect(engine.outbox.state$.value.lastError).toMatch(/not answering; next try in 1 s/);
      expect((await engine.statusReport()).breaker).toBe('open');
      // Once the wait is over, one trial call goes out.
      vi.advanceTimersByTime(1_001);
      await net.run(engine.outbox.drain());
      expect(net.calls).toBe(calls + 1);
    } finally {
      vi.useRealTimers();
    }
    net.mode = 'up';
    await net.run(engine.syncNow());
    await net.run(when(engine.breaker.state$, (s) => s === 'closed'));
  });

  it('[S2] a push whose answer never comes back (the call never settles) is given up, the drain is freed, and the sale is on the server once', async () => {
    const db = await openDevice();
    const pairing = await pair(db);
    const net = new TestNetwork();
    const engine = await startedEngine(db, pairing, net, { timeouts: { pushMs: 1000, pullIdleMs: 1000 } });
    const pan = await product(db, 'ECO-0002');
    net.mode = 'hang-answers';
    await commitSale(storeOf(db), pairing, {
      lines: [{ product: pan, quantity: 1 }],
      payments: [{ method: 'cash', amountCents: 180, tenderedCents: 180 }],
      cashierName: 'Ana',
    });
    // The server commits the push the sale started; the tablet never hears back, and its drain
    // ends all the same (nothing else starts one here: no sweep, the stream stays as it was).
    await net.run(when(engine.outbox.state$, (s) => !s.draining && /no answer/.test(s.lastError ?? '')));
    expect(net.pushesDelivered).toBe(1);
    expect(await serverSales(pairing.deviceId)).toBe(1);
    expect((await ledger(db, pairing)).pending.count).toBe(1);
    // The next drain sends it again; the server acknowledges it without counting it twice.
    net.mode = 'up';
    await net.run(engine.outbox.drain());
    await allDelivered(net, db, pairing);
    expect(net.pushesDelivered).toBe(2);
    expect(await serverSales(pairing.deviceId)).toBe(1);
    expect(await serverLevel(pan.id)).toBe(14);
    expect(engine.outbox.state$.value.lastError).toBeNull();
  });

  it("the circuit breaker's one trial call never settling does not keep it shut: the trial fails at its deadline and the next trial delivers", async () => {
    const db = await openDevice();
    const pairing = await pair(db);
    const net = new TestNetwork();
    const engine = await startedEngine(db, pairing, net, {
      breakerRecoveryMs: 100,
      timeouts: { pushMs: 300, pullIdleMs: 300, statusMs: 300, streamConnectMs: 300 },
    });
    const pan = await product(db, 'ECO-0002');
    net.mode = 'down';
    for (let i = 0; i < 3; i++) await net.run(engine.syncNow());
    await net.run(when(engine.breaker.state$, (s) => s === 'open'));
    await commitSale(storeOf(db), pairing, {
      lines: [{ product: pan, quantity: 1 }],
      payments: [{ method: 'cash', amountCents: 180, tenderedCents: 180 }],
      cashierName: 'Ana',
    });
    // Every call now goes into a black hole: the half-open trial (whichever call it is) never settles.
    net.mode = 'black-hole';
    await new Promise((r) => setTimeout(r, 150));
    await net.run(engine.outbox.drain());
    await net.run(when(engine.breaker.state$, (s) => s === 'half_open'));
    await net.run(when(engine.breaker.state$, (s) => s === 'open'));
    // The network comes back: the next trial goes out and the sale is delivered, once.
    net.mode = 'up';
    await new Promise((r) => setTimeout(r, 150));
    await net.run(engine.outbox.drain());
    await allDelivered(net, db, pairing);
    await net.run(when(engine.breaker.state$, (s) => s === 'closed'));
    expect(await serverSales(pairing.deviceId)).toBe(1);
  });

  it("[S2][S8] recovery: another tablet of the branch imports a broken tablet's queue; each sale reaches the server once, with its own id and device", async () => {
    const broken = await openDevice(undefined, CORE_POS_COLLECTIONS);
    const spare = await openDevice(undefined, CORE_POS_COLLECTIONS);
    const pb = await pair(broken);
    const ps = await pair(spare);
    const net = new TestNetwork();
    const eb = await startedEngine(broken, pb, net);
    const pan = await product(broken, 'ECO-0002');
    // The first sale reaches the server, the answer is lost; the second never leaves the tablet.
    const sold = [];
    sold.push(
      await commitSale(storeOf(broken), pb, {
        lines: [{ product: pan, quantity: 1 }],
        payments: [{ method: 'cash', amountCents: 180, tenderedCents: 180 }],
        cashierName: 'Ana',
      }),
    );
    net.mode = 'lose-responses';
    await net.run(eb.outbox.drain());
    net.mode = 'down';
    sold.push(
      await commitSale(storeOf(broken), pb, {
        lines: [{ product: pan, quantity: 2 }],
        payments: [{ method: 'cash', amountCents: 360, tenderedCents: 360 }],
        cashierName: 'Ana',
      }),
    );
    const file = JSON.parse(JSON.stringify(await exportQueue(eb.outbox, pb))) as unknown;
    await eb.stop();
    expect(await serverSales(pb.deviceId)).toBe(1);

    // A file from another branch is refused before anything is stored.
    const foreign = JSON.stringify({ ...(file as object), branchId: 'sucursal-002', branchName: 'Sucursal 002' });
    expect(() => parseQueueFile(foreign, ps)).toThrow(QueueImportError);

    const parsed = parseQueueFile(JSON.stringify(file), ps);
    expect(parsed.documents.sales.map((s) => s.id)).toEqual(sold.map((s) => s.id));
    const spareNet = new TestNetwork();
    const es = engineFor(spare, ps, spareNet);
    expect(await importQueue(spare, parsed)).toEqual({ imported: 2, alreadyHere: 0 });
    expect((await ledger(spare, ps)).pending).toMatchObject({ count: 2, salesCount: 2, valueCents: 540 });
    await es.start();
    await allDelivered(spareNet, spare, ps);
    const rows = await server.db
      .selectFrom('sales')
      .select(['id', 'device_id'])
      .where('device_id', '=', pb.deviceId)
      .orderBy('device_seq')
      .execute();
    expect(rows).toEqual(sold.map((s) => ({ id: s.id, device_id: pb.deviceId })));
    expect(await serverSales(ps.deviceId)).toBe(0);
    // A second import of the same file changes nothing.
    expect(await importQueue(spare, parsed)).toEqual({ imported: 0, alreadyHere: 2 });
  });

  it('reports its sync health to the server (breaker, pending, online) and again when it changes', async () => {
    const { db, pairing, net, engine } = await syncedDevice();
    const status = async () =>
      server.db.selectFrom('device_status').selectAll().where('device_id', '=', pairing.deviceId).executeTakeFirst();
    await net.runUntil(async () => (await status())?.breaker === 'closed' && Number((await status())?.online) === 1);
    // How far the catalogue was pulled, for the console's price rollout: the server's newest product sequence.
    const newestProduct = await server.db
      .selectFrom('products')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    expect((await engine.statusReport()).catalogueSeq).toBe(Number(newestProduct.seq));
    expect((await engine.statusReport()).oldestPendingAt).toBeNull();
    const pan = await product(db, 'ECO-0002');
    net.mode = 'down';
    const sale = await commitSale(storeOf(db), pairing, {
      lines: [{ product: pan, quantity: 1 }],
      payments: [{ method: 'cash', amountCents: 180, tenderedCents: 180 }],
      cashierName: 'Ana',
    });
    await until('the sale counted as pending', async () => (await engine.statusReport()).pendingCount === 1);
    // The console's "complete through" moves back to the oldest sale the device still holds.
    expect((await engine.statusReport()).oldestPendingAt).toBe(sale.createdAt);
    net.mode = 'up';
    await net.run(engine.syncNow());
    await allDelivered(net, db, pairing);
    await until('nothing pending reported', async () => (await engine.statusReport()).oldestPendingAt === null);
    const last = await status();
    expect(last?.pending_count !== undefined).toBe(true);
    expect(JSON.parse(String(last?.report))).toMatchObject({
      appVersion: '0.0.0',
      storage: { usageBytes: null, quotaBytes: null, persisted: null },
    });
  });
});
