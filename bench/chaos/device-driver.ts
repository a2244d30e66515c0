import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { firstValueFrom } from 'rxjs';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { ApiCallError } from '../../client/sync/api-client';
import type { PosDatabase, ProductRow } from '../../client/sync/collections';
import { commitSale } from '../../client/sync/commit-sale';
import { loadPairing, pairThisDevice, type DevicePairing } from '../../client/sync/device-pairing';
import { observeSyncLedger } from '../../client/sync/displayed-stock-view';
import { CORE_POS_COLLECTIONS, openPosDatabase, type PosStore } from '../../client/sync/pos-database';
import { inThisThread } from '../../client/sync/ticket-journal';
import { SyncEngine } from '../../client/sync/sync-engine';
import { lineTotal } from '../../shared/sale/sale-arithmetic';
import type { DeviceReport, DeviceSpec, SoldLine } from './messages';

/**
 * One simulated tablet: the POS's own local database (RxDB on fake-indexeddb) and sync engine,
 * talking to the server through the fault proxy. It sells, "crashes" (engine and database closed
 * without ceremony, then reopened from what the local database kept) and reports what it shows.
 */
export class SimulatedDevice {
  private store: PosStore | null = null;
  private engine: SyncEngine | null = null;
  private pairing: DevicePairing | null = null;
  /** Operations on one device run one after another, like a cashier's taps. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly spec: DeviceSpec,
    private readonly directUrl: string,
    private readonly proxyUrl: string,
  ) {}

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** First start: pairs on the server directly (the code is spent once), then syncs through the proxy. */
  async open(): Promise<void> {
    await this.serial(async () => {
      const db = await this.openDatabase();
      this.pairing = await this.pair(db);
      await this.startEngine(db);
      await this.engine!.awaitPulled();
    });
  }

  private get db(): PosDatabase | null {
    return this.store?.db ?? null;
  }

  /**
   * Many tablets pairing at once from one address can meet the per-IP pairing limit (429): each
   * attempt counts until it succeeds. A person would try again a moment later; so does this.
   */
  private async pair(db: PosDatabase): Promise<DevicePairing> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await pairThisDevice(db, this.directUrl, this.spec.code, `chaos tablet ${this.spec.index}`);
      } catch (err) {
        if (!(err instanceof ApiCallError && err.status === 429) || attempt === 20) throw err;
        await new Promise((r) => setTimeout(r, 500 + 250 * attempt));
      }
    }
  }

  private async openDatabase(): Promise<PosDatabase> {
    this.store = await openPosDatabase({
      name: this.spec.dbName,
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
      openJournal: inThisThread({ indexedDB, IDBKeyRange }),
      multiInstance: false,
      collections: CORE_POS_COLLECTIONS,
    });
    return this.store.db;
  }

  private async startEngine(db: PosDatabase): Promise<void> {
    this.engine = new SyncEngine({
      db,
      pairing: this.pairing!,
      baseUrl: this.proxyUrl,
      retryTimeMs: 1000,
      sweepMs: 2000,
      breakerRecoveryMs: 2000,
      statusEveryMs: 20_000,
    });
    await this.engine.start();
  }

  get isOpen(): boolean {
    return this.db !== null;
  }

  /** Picks products by position in the SKU order, so the same draws sell the same products. */
  sell(picks: readonly { pick: number; quantity: number }[]): Promise<{ saleId: string; lines: SoldLine[] }> {
    return this.serial(async () => {
      const store = this.store;
      if (!store) throw new Error('device is closed');
      const db = store.db;
      const products = (await db.products.find({ sort: [{ sku: 'asc' }] }).exec()).map((d) => d.toJSON() as ProductRow);
      if (products.length === 0) throw new Error('no catalogue yet');
      const lines = picks.map(({ pick, quantity }) => ({ product: products[pick % products.length]!, quantity }));
      const merged = new Map<string, (typeof lines)[number]>();
      for (const l of lines) {
        const seen = merged.get(l.product.id);
        merged.set(l.product.id, seen ? { ...seen, quantity: seen.quantity + l.quantity } : l);
      }
      const cart = [...merged.values()];
      const total = cart.reduce(
        (sum, l) => sum + lineTotal({ unitPriceCents: l.product.priceCents, quantity: l.quantity }),
        0,
      );
      const sale = await commitSale(
        store,
        this.pairing!,
        {
          lines: cart,
          payments: [{ method: 'cash', amountCents: total, tenderedCents: total }],
          cashierName: 'Caja simulada',
        },
        new Date(Date.now() + this.spec.skewMs),
      );
      return { saleId: sale.id, lines: cart.map((l) => ({ productId: l.product.id, quantity: l.quantity })) };
    });
  }

  /** A crash: nothing is flushed or awaited; after `downMs` the app starts again from its local database. */
  crash(downMs: number): Promise<void> {
    return this.serial(async () => {
      const { db, engine } = this;
      this.store = null;
      this.engine = null;
      void engine?.stop().catch(() => undefined);
      await db?.close();
      await new Promise((r) => setTimeout(r, downMs));
      // A start can fail while the crashed instance's writes still unwind (RxDB LD8/COL21); the cashier then
      // opens the app again. Every failed start is said on stderr, so a run never hides one.
      for (let attempt = 1; ; attempt++) {
        try {
          const reopened = await this.openDatabase();
          this.pairing = await loadPairing(reopened);
          if (!this.pairing) throw new Error('the pairing did not survive the crash');
          await this.startEngine(reopened);
          return;
        } catch (err) {
          console.error(`chaos tablet ${this.spec.index}: start ${attempt} after a crash failed: ${String(err)}`);
          await (this.store as { db: PosDatabase } | null)?.db.close().catch(() => undefined);
          this.store = null;
          this.engine = null;
          if (attempt === 5) throw err;
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    });
  }

  async syncNow(): Promise<void> {
    await this.engine?.syncNow().catch(() => undefined);
  }

  async report(): Promise<DeviceReport> {
    const db = this.db;
    const pairing = this.pairing!;
    if (!db)
      return {
        index: this.spec.index,
        deviceId: pairing.deviceId,
        open: false,
        pending: -1,
        rejected: 0,
        rejections: {},
        displayed: {},
        saleIds: [],
        sync: 'closed',
      };
    const ledger = await firstValueFrom(observeSyncLedger(db, pairing.branch.locationId, pairing.deviceId));
    const sales = await db.sales.find({ selector: { deviceId: pairing.deviceId } }).exec();
    const acks = await db.acks.find().exec();
    const rejections: Record<string, string> = {};
    for (const a of acks) if (a.rejectedCode) rejections[a.id] = `${a.rejectedCode}: ${a.rejectedMessage ?? ''}`;
    return {
      index: this.spec.index,
      deviceId: pairing.deviceId,
      open: true,
      pending: ledger.pending.count,
      rejected: ledger.pending.rejected,
      rejections,
      displayed: Object.fromEntries(ledger.stock),
      saleIds: sales.map((s) => s.id),
      sync: this.syncState(),
    };
  }

  private syncState(): string {
    if (!this.engine) return 'no sync engine';
    const link = this.engine.link$.value;
    const out = this.engine.outbox.state$.value;
    return [
      `stream ${link.connected ? 'open' : 'closed'}`,
      link.leader ? 'leader' : 'not leader',
      `last pull ${link.lastPullAt ?? 'never'}`,
      `outbox ${out.draining ? `draining (${out.sent} of ${out.total})` : 'idle'}`,
      `last push ${out.lastSuccessAt ?? 'never'}`,
      `last error ${out.lastError ?? 'none'}`,
    ].join(', ');
  }

  close(): Promise<void> {
    return this.serial(async () => {
      await this.engine?.stop();
      await this.db?.close();
      this.engine = null;
      this.store = null;
    });
  }
}
