import { BehaviorSubject, merge, type Subscription } from 'rxjs';
import type { RxCollection } from 'rxdb';
import { OUTBOX_COLLECTIONS, type DeviceStatusReport } from '../../shared/protocol';
import type { DeviceApi } from './api-client';
import { CircuitBreaker, type BreakerState } from './circuit-breaker';
import type { PosDatabase } from './collections';
import type { DevicePairing } from './device-pairing';
import { DeviceStatusReporter } from './device-status-reporter';
import { observeSyncLedger, type PendingSummary } from './displayed-stock-view';
import { LiveStream } from './event-stream';
import { startPullReplications, type PullReplications } from './pull-replications';
import { Outbox } from './outbox';
import { abortable, DEFAULT_SYNC_TIMEOUTS, type SyncTimeouts } from './request-deadline';

export interface StorageStatus {
  usageBytes: number | null;
  quotaBytes: number | null;
  persisted: boolean | null;
}

export interface SyncEngineOptions {
  db: PosDatabase;
  pairing: DevicePairing;
  baseUrl: string;
  fetch?: typeof fetch;
  retryTimeMs?: number;
  /** How often the outbox looks for undelivered documents even without a trigger. */
  sweepMs?: number;
  /** Circuit breaker recovery timeout (the seed's breaker: 3 failures, then wait). */
  breakerRecoveryMs?: number;
  appVersion?: string;
  /** How often the device reports its status to the server. */
  statusEveryMs?: number;
  /** Browser storage facts for the status report (navigator.storage); none in Node. */
  storageStatus?: () => Promise<StorageStatus>;
  /** Whether the browser believes it has a network (navigator.onLine); true in Node. */
  browserOnline?: () => boolean;
  /** Bounds on the calls to the server (request-deadline.ts); the defaults fit a slow shop Wi-Fi. */
  timeouts?: Partial<SyncTimeouts>;
}

export interface LinkState {
  /** The live stream to the server is open. */
  connected: boolean;
  /** This tab is the one that replicates. */
  leader: boolean;
  lastPullAt: string | null;
}

/** First download of the catalogue: documents received so far, of how many (when the server says), and whether it has caught up. */
export interface CatalogueProgress {
  pulled: number;
  total: number | null;
  done: boolean;
}

/** Local document: last successful exchange and whether the first catalogue download finished. */
const SYNC_MEMO = 'sync-memo';
/** What the engine remembers across restarts, for what it shows and reports before its first pull. */
interface SyncMemo {
  at: string | null;
  catalogueDone: boolean;
  catalogueSeq?: number | null;
}

/** Push endpoints answer 202 when the service worker queued the request for want of a network. */
function isFailedAnswer(url: string, res: Response): boolean {
  return res.status >= 500 || (res.status === 202 && url.endsWith('/push'));
}

/**
 * Everything that moves data between this device and the server. No DOM: the same engine runs
 * in the browser and in Node simulations. Only the leader tab starts it (DESIGN: one replicator).
 * Every call to the server goes through one circuit breaker.
 */
export class SyncEngine {
  readonly link$ = new BehaviorSubject<LinkState>({ connected: false, leader: false, lastPullAt: null });
  readonly catalogue$ = new BehaviorSubject<CatalogueProgress>({ pulled: 0, total: null, done: false });
  readonly breaker: CircuitBreaker;
  readonly outbox: Outbox;
  private readonly stream: LiveStream;
  private readonly api: DeviceApi;
  private readonly reporter: DeviceStatusReporter;
  private readonly timeouts: SyncTimeouts;
  private replications: PullReplications = {};
  private readonly subscriptions: Subscription[] = [];
  private sweep: ReturnType<typeof setInterval> | null = null;
  private stopped = false;
  private pending: PendingSummary = { count: 0, salesCount: 0, valueCents: 0, rejected: 0 };
  /** How far the catalogue has been pulled (server sequence): the console's price rollout reads it. */
  private catalogueSeq: number | null = null;

  constructor(private readonly options: SyncEngineOptions) {
    this.breaker = new CircuitBreaker({ recoveryTimeoutMs: options.breakerRecoveryMs ?? 30_000 });
    const rawFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
    const timeouts: SyncTimeouts = { ...DEFAULT_SYNC_TIMEOUTS, ...options.timeouts };
    const guarded: typeof fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      return this.breaker.call(
        async () => {
          // Every call carries its deadline's signal; the breaker hears of the abort even from a
          // fetch that ignores it, so a half-open trial that hangs cannot hold the breaker shut.
          const res = await abortable(rawFetch(input, init), init?.signal);
          // SPEC S9: any call answered 426 means this app is too old for the server.
          if (res.status === 426) this.outbox.markOutdated();
          return res;
        },
        (res) => isFailedAnswer(url, res),
      );
    };
    this.api = { baseUrl: options.baseUrl, token: options.pairing.token, fetch: guarded };
    this.timeouts = timeouts;
    this.stream = new LiveStream(this.api, undefined, timeouts);
    this.outbox = new Outbox(options.db, this.api, options.pairing.deviceId, { pushTimeoutMs: timeouts.pushMs });
    this.reporter = new DeviceStatusReporter(this.api, () => this.statusReport(), {
      everyMs: options.statusEveryMs,
      timeoutMs: timeouts.statusMs,
    });
  }

  async start(): Promise<void> {
    const { db, pairing } = this.options;
    // Every tab keeps the pending count; only the leader talks to the server.
    this.subscriptions.push(
      observeSyncLedger(db, pairing.branch.locationId, pairing.deviceId).subscribe((l) => (this.pending = l.pending)),
    );
    // Shown before the first exchange of this session, and while offline.
    const saved = await db.getLocal<SyncMemo>(SYNC_MEMO).catch(() => null);
    const memo: SyncMemo = saved ? (saved.toJSON().data as SyncMemo) : { at: null, catalogueDone: false };
    if (memo.at && !this.link$.value.lastPullAt) this.patch({ lastPullAt: memo.at });
    this.catalogueSeq ??= memo.catalogueSeq ?? null;
    if (memo.catalogueDone) this.catalogue$.next({ ...this.catalogue$.value, done: true });
    await db.waitForLeadership();
    if (this.stopped) return;
    this.patch({ leader: true });
    this.replications = startPullReplications(
      db,
      this.api,
      this.stream.signals$,
      this.options.retryTimeMs,
      (page) => {
        if (page.collection === 'products' && page.checkpointSeq !== null) this.catalogueSeq = page.checkpointSeq;
        // The total is taken from the first page: RxDB asks for the next pages before it has stored
        // (and counted in `pulled`) the earlier ones, so later pages cannot tell what was counted.
        if (page.collection !== 'products' || page.remaining === undefined || this.catalogue$.value.done) return;
        const c = this.catalogue$.value;
        if (c.total === null) this.catalogue$.next({ ...c, total: c.pulled + page.documents + page.remaining });
      },
      this.timeouts.pullIdleMs,
    );
    let memoWritten = 0;
    const pulled = () => {
      const at = new Date().toISOString();
      this.patch({ lastPullAt: at });
      if (Date.now() - memoWritten > 5000) {
        memoWritten = Date.now();
        const memo: SyncMemo = { at, catalogueDone: this.catalogue$.value.done, catalogueSeq: this.catalogueSeq };
        void db.upsertLocal(SYNC_MEMO, memo).catch(() => undefined);
      }
    };
    for (const r of Object.values(this.replications)) this.subscriptions.push(r.received$.subscribe(pulled));
    if (this.replications.products) {
      const products = this.replications.products;
      this.subscriptions.push(
        products.received$.subscribe(() =>
          this.catalogue$.next({ ...this.catalogue$.value, pulled: this.catalogue$.value.pulled + 1 }),
        ),
      );
      void products.awaitInitialReplication().then(() => {
        this.catalogue$.next({ ...this.catalogue$.value, done: true });
        const memo: SyncMemo = {
          at: this.link$.value.lastPullAt,
          catalogueDone: true,
          catalogueSeq: this.catalogueSeq,
        };
        void db.upsertLocal(SYNC_MEMO, memo).catch(() => undefined);
      });
    }
    this.subscriptions.push(this.stream.connected$.subscribe((connected) => this.patch({ connected })));
    // A reconnect means the server is reachable again: deliver what waited, at once.
    this.subscriptions.push(
      this.stream.signals$.subscribe((s) => s.type === 'resync' && void this.outbox.serverReachable()),
    );
    const outgoing = OUTBOX_COLLECTIONS.map(({ collection }) => collection)
      .map((n) => (db.collections as unknown as Record<string, RxCollection | undefined>)[n])
      .filter((c): c is RxCollection => !!c)
      .map((c) => c.insert$);
    this.subscriptions.push(merge(...outgoing).subscribe(() => void this.outbox.drain()));
    // Report on change of breaker or connection; the reporter itself skips unchanged reports.
    this.subscriptions.push(this.breaker.state$.subscribe(() => void this.reporter.report()));
    this.subscriptions.push(this.link$.subscribe(() => void this.reporter.report()));
    this.sweep = setInterval(() => {
      void this.outbox.drain();
      void this.reporter.report();
    }, this.options.sweepMs ?? 30_000);
    this.reporter.start();
    this.stream.start();
    void this.outbox.drain();
  }

  /** The cashier's "sync now" (or the network is back): skip the breaker's wait, reconnect, pull, deliver. */
  async syncNow(): Promise<void> {
    this.breaker.probe();
    this.stream.reconnectNow();
    for (const r of Object.values(this.replications)) r.reSync();
    // Documents handed to the service worker's queue go again now, not after the hand-off wait.
    await this.outbox.serverReachable();
  }

  /** Resolves once every pull has nothing more to fetch (tests and first start). */
  async awaitPulled(): Promise<void> {
    for (const r of Object.values(this.replications)) await r.awaitInSync();
  }

  /** Resolves once the pulls of these collections have nothing more to fetch. */
  async awaitPulledOf(...names: (keyof PullReplications)[]): Promise<void> {
    for (const n of names) await this.replications[n]?.awaitInSync();
  }

  async statusReport(): Promise<DeviceStatusReport> {
    const link = this.link$.value;
    const outbox = this.outbox.state$.value;
    const storage = (await this.options.storageStatus?.().catch(() => null)) ?? {
      usageBytes: null,
      quotaBytes: null,
      persisted: null,
    };
    const lastSyncAt =
      [link.lastPullAt, outbox.lastSuccessAt]
        .filter((x): x is string => !!x)
        .sort()
        .at(-1) ?? null;
    return {
      appVersion: this.options.appVersion ?? '0.0.0',
      online: (this.options.browserOnline?.() ?? true) && link.connected,
      breaker: this.breaker.state,
      // Sales only: the console reads it as unsent sales (fleet board, revoke warning, "complete through").
      pendingCount: this.pending.salesCount ?? 0,
      pendingValueCents: this.pending.valueCents,
      rejectedCount: this.pending.rejected,
      lastSyncAt,
      oldestPendingAt: this.pending.oldestSaleAt ?? null,
      catalogueSeq: this.catalogueSeq,
      storage,
    };
  }

  get breakerState(): BreakerState {
    return this.breaker.state;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweep) clearInterval(this.sweep);
    this.reporter.stop();
    this.stream.stop();
    for (const s of this.subscriptions) s.unsubscribe();
    for (const r of Object.values(this.replications)) await r.cancel();
  }

  private patch(p: Partial<LinkState>): void {
    this.link$.next({ ...this.link$.value, ...p });
  }
}
