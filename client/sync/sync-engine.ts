import { BehaviorSubject, type Subscription } from 'rxjs';
import type { DeviceApi } from './api-client';
import type { PosDatabase } from './collections';
import type { DevicePairing } from './device-pairing';
import { LiveStream } from './event-stream';
import { startPullReplications } from './pull-replications';
import { Outbox } from './outbox';

export interface SyncEngineOptions {
  db: PosDatabase;
  pairing: DevicePairing;
  baseUrl: string;
  fetch?: typeof fetch;
  retryTimeMs?: number;
  /** How often the outbox looks for undelivered sales even without a trigger. */
  sweepMs?: number;
}

export interface LinkState {
  /** The live stream to the server is open. */
  connected: boolean;
  /** This tab is the one that replicates. */
  leader: boolean;
  lastPullAt: string | null;
}

/**
 * Everything that moves data between this device and the server. No DOM: the same engine runs
 * in the browser and in Node simulations. Only the leader tab starts it (DESIGN: one replicator).
 */
export class SyncEngine {
  readonly link$ = new BehaviorSubject<LinkState>({ connected: false, leader: false, lastPullAt: null });
  readonly outbox: Outbox;
  private readonly stream: LiveStream;
  private replications: ReturnType<typeof startPullReplications> | null = null;
  private readonly subscriptions: Subscription[] = [];
  private sweep: ReturnType<typeof setInterval> | null = null;
  private stopped = false;

  constructor(private readonly options: SyncEngineOptions) {
    const api: DeviceApi = {
      baseUrl: options.baseUrl,
      token: options.pairing.token,
      fetch: options.fetch ?? ((...args) => fetch(...args)),
    };
    this.stream = new LiveStream(api);
    this.outbox = new Outbox(options.db, api, options.pairing.deviceId);
    this.api = api;
  }

  private readonly api: DeviceApi;

  async start(): Promise<void> {
    const { db } = this.options;
    await db.waitForLeadership();
    if (this.stopped) return;
    this.patch({ leader: true });
    this.replications = startPullReplications(db, this.api, this.stream.signals$, this.options.retryTimeMs);
    const pulled = () => this.patch({ lastPullAt: new Date().toISOString() });
    this.subscriptions.push(this.replications.products.received$.subscribe(pulled));
    this.subscriptions.push(this.replications.stock.received$.subscribe(pulled));
    this.subscriptions.push(this.stream.connected$.subscribe((connected) => this.patch({ connected })));
    // A reconnect means the network is back: deliver what waited.
    this.subscriptions.push(this.stream.signals$.subscribe((s) => s.type === 'resync' && void this.outbox.drain()));
    this.subscriptions.push(db.sales.insert$.subscribe(() => void this.outbox.drain()));
    this.sweep = setInterval(() => void this.outbox.drain(), this.options.sweepMs ?? 30_000);
    this.stream.start();
    void this.outbox.drain();
  }

  /** The cashier's "sync now": reconnect, pull from the checkpoints, deliver the queue. */
  async syncNow(): Promise<void> {
    this.stream.reconnectNow();
    this.replications?.products.reSync();
    this.replications?.stock.reSync();
    await this.outbox.drain();
  }

  /** Resolves once both pulls have nothing more to fetch (tests and first start). */
  async awaitPulled(): Promise<void> {
    await this.replications?.products.awaitInSync();
    await this.replications?.stock.awaitInSync();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweep) clearInterval(this.sweep);
    this.stream.stop();
    for (const s of this.subscriptions) s.unsubscribe();
    await this.replications?.products.cancel();
    await this.replications?.stock.cancel();
  }

  private patch(p: Partial<LinkState>): void {
    this.link$.next({ ...this.link$.value, ...p });
  }
}
