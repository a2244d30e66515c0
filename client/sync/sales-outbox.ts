import { BehaviorSubject } from 'rxjs';
import { salesPushResponseSchema, syncPath, type SaleDoc } from '../../shared/protocol';
import { ApiCallError, readApiError, type DeviceApi } from './api-client';
import type { PosDatabase, SaleRow } from './collections';
import { recordAcks, recordRejections } from './sale-acks';

export interface OutboxState {
  draining: boolean;
  /** Sales sent in the current drain, for "312 of 1,540". */
  sent: number;
  total: number;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** Set when the server says this app is too old to talk to it (426). */
  outdated: boolean;
}

/**
 * Delivers every sale the server has not acknowledged, at least once, in device order.
 * The server's ingest is idempotent, so re-sending is always safe (SPEC S2). A push the
 * service worker had to queue (202) is left to its background replay for a while, then sent again.
 */
export class SalesOutbox {
  readonly state$ = new BehaviorSubject<OutboxState>({ draining: false, sent: 0, total: 0, lastSuccessAt: null, lastError: null, outdated: false });
  private running: Promise<void> | null = null;
  private again = false;
  private readonly handedOff = new Map<string, number>();

  constructor(
    private readonly db: PosDatabase,
    private readonly api: DeviceApi,
    private readonly options: { batchSize?: number; handOffRetryMs?: number; now?: () => number } = {},
  ) {}

  /** Starts a drain, or asks the running one to look again when it ends. */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.drain();
      }
    });
    return this.running;
  }

  async unacknowledged(): Promise<SaleRow[]> {
    const sales = await this.db.sales.find({ sort: [{ deviceSeq: 'asc' }] }).exec();
    if (sales.length === 0) return [];
    const acks = await this.db.saleacks.findByIds(sales.map((s) => s.id)).exec();
    return sales.filter((s) => !acks.has(s.id)).map((s) => s.toJSON() as SaleRow);
  }

  private patch(p: Partial<OutboxState>): void {
    this.state$.next({ ...this.state$.value, ...p });
  }

  private async run(): Promise<void> {
    const now = this.options.now ?? Date.now;
    const retryMs = this.options.handOffRetryMs ?? 120_000;
    const batchSize = this.options.batchSize ?? 100;
    const due = (await this.unacknowledged()).filter((s) => (this.handedOff.get(s.id) ?? -Infinity) + retryMs <= now());
    if (due.length === 0) return;
    this.patch({ draining: true, sent: 0, total: due.length });
    try {
      for (let i = 0; i < due.length; i += batchSize) {
        const batch = due.slice(i, i + batchSize);
        await this.pushBatch(batch, now());
        this.patch({ sent: Math.min(due.length, i + batch.length) });
      }
      this.patch({ lastError: null });
    } catch (err) {
      this.patch({ lastError: err instanceof Error ? err.message : String(err) });
    } finally {
      this.patch({ draining: false });
    }
  }

  private async pushBatch(batch: SaleRow[], at: number): Promise<void> {
    const rows = batch.map((s) => ({ newDocumentState: { ...s, _deleted: false } satisfies SaleDoc }));
    const res = await this.api.fetch(`${this.api.baseUrl}${syncPath('sales', 'push')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.api.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(rows),
    });
    if (res.status === 202) {
      // The service worker kept the request in its durable queue; it replays it on its own.
      for (const s of batch) this.handedOff.set(s.id, at);
      throw new Error('offline: sales kept in the background queue');
    }
    if (!res.ok) {
      const error = await readApiError(res);
      if (error.status === 426) this.patch({ outdated: true });
      throw error;
    }
    const body = salesPushResponseSchema.parse(await res.json());
    await recordAcks(this.db, body.acks);
    await recordRejections(this.db, body.rejected);
    this.patch({ lastSuccessAt: new Date().toISOString() });
  }
}

export { ApiCallError };
