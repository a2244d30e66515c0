import { BehaviorSubject } from 'rxjs';
import type { RxCollection } from 'rxdb';
import {
  DETAILED_PUSH_ANSWER,
  OUTBOX_COLLECTIONS,
  PUSH_ANSWER_HEADER,
  pushResultSchema,
  syncPath,
  type OutboxCollection,
} from '../../shared/protocol';
import { ApiCallError, readApiError, type DeviceApi } from './api-client';
import type { PosDatabase } from './collections';
import { recordAcks, recordRejections } from './acks';
import { loadImportedIds } from './imported-documents';
import { DEFAULT_SYNC_TIMEOUTS, withDeadline } from './request-deadline';

export interface OutboxState {
  draining: boolean;
  /** Documents sent in the current drain, for "312 of 1,540". */
  sent: number;
  total: number;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** Set when the server says this app is too old to talk to it (426). */
  outdated: boolean;
}

/** One kind of immutable document the device makes and the server must receive. */
export interface OutboxChannel {
  collection: OutboxCollection;
  /** Field the documents are sent in order of (device sequence for sales). */
  orderBy: string;
}

/** The outbox collections of shared/protocol's table, in the order they are sent (sales first). */
export const DEFAULT_CHANNELS: OutboxChannel[] = OUTBOX_COLLECTIONS.map(({ collection, orderBy }) => ({
  collection,
  orderBy,
}));

/**
 * Delivers every document of this device that the server has neither acknowledged nor refused,
 * at least once, in order. The server's ingest is idempotent, so re-sending is always safe
 * (SPEC S2, S7). A push the service worker had to queue (202) is left to its background replay
 * for a while, then sent again. A push that gets no answer within `pushTimeoutMs` is aborted and
 * counts as failed, so the drain ends and the next one sends it again.
 */
export class Outbox {
  readonly state$ = new BehaviorSubject<OutboxState>({
    draining: false,
    sent: 0,
    total: 0,
    lastSuccessAt: null,
    lastError: null,
    outdated: false,
  });
  private running: Promise<void> | null = null;
  private again = false;
  private readonly handedOff = new Map<string, number>();

  constructor(
    private readonly db: PosDatabase,
    private readonly api: DeviceApi,
    private readonly deviceId: string,
    private readonly options: {
      channels?: OutboxChannel[];
      batchSize?: number;
      handOffRetryMs?: number;
      now?: () => number;
      /** A push not answered (body included) within this is aborted and fails like any other. */
      pushTimeoutMs?: number;
    } = {},
  ) {}

  /**
   * The server answered (the live stream reconnected): documents handed to the service worker's
   * queue are sent again now rather than after the hand-off wait, in case its replay failed or
   * has not run. Duplicates are harmless (S2).
   */
  serverReachable(): Promise<void> {
    this.handedOff.clear();
    return this.drain();
  }

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
        // Nobody waits for this second look: a failure (the database closing under it, the server
        // unreachable) is met again by the next drain, which every later trigger starts.
        this.drain().catch(() => undefined);
      }
    });
    return this.running;
  }

  private collection(name: OutboxCollection): RxCollection | null {
    return (this.db.collections as unknown as Record<string, RxCollection | undefined>)[name] ?? null;
  }

  /**
   * This device's documents of a channel with no ack and no refusal yet, and the ones it imported
   * from another tablet of the branch (pushed as they are, with their own ids and deviceId).
   */
  async unacknowledged(channel: OutboxChannel, importedIds?: ReadonlySet<string>): Promise<Record<string, unknown>[]> {
    const collection = this.collection(channel.collection);
    if (!collection) return [];
    const own = await collection
      .find({ selector: { deviceId: this.deviceId }, sort: [{ [channel.orderBy]: 'asc' }] })
      .exec();
    const imported = importedIds ?? (await loadImportedIds(this.db));
    const foreign =
      imported.size > 0
        ? [...(await collection.findByIds([...imported]).exec()).values()].filter(
            (d) => d.get('deviceId') !== this.deviceId,
          )
        : [];
    const docs = [...own, ...foreign];
    if (docs.length === 0) return [];
    const acks = await this.db.acks.findByIds(docs.map((d) => d.primary)).exec();
    return docs.filter((d) => !acks.has(d.primary)).map((d) => d.toJSON() as Record<string, unknown>);
  }

  /**
   * The answer to a push the service worker replayed from its queue (it forwards it): its acks and
   * refusals are recorded as if this outbox had sent it, so the documents stop being pending at
   * once. Anything that is not a push answer is ignored. Returns whether it was one.
   */
  async recordReplayedAnswer(body: unknown): Promise<boolean> {
    const parsed = pushResultSchema.safeParse(body);
    if (!parsed.success) return false;
    await recordAcks(this.db, parsed.data.acks);
    await recordRejections(this.db, parsed.data.rejected);
    for (const a of parsed.data.acks) this.handedOff.delete(a.id);
    this.patch({ lastSuccessAt: new Date().toISOString() });
    return true;
  }

  /** The server answered 426 to some call of this device: the app must be updated. */
  markOutdated(): void {
    if (!this.state$.value.outdated) this.patch({ outdated: true });
  }

  private patch(p: Partial<OutboxState>): void {
    this.state$.next({ ...this.state$.value, ...p });
  }

  private async run(): Promise<void> {
    const now = this.options.now ?? Date.now;
    const retryMs = this.options.handOffRetryMs ?? 120_000;
    // 250 documents a push (~180 KB of sales): each push also costs the tablet a round of ack
    // writes and query updates, so 5,000 queued sales drained in 11.1 s with 100 a push and in
    // 7.8 s with 250, same machine and load (bench/pos-bench.ts).
    const batchSize = this.options.batchSize ?? 250;
    const channels = this.options.channels ?? DEFAULT_CHANNELS;
    const due: { channel: OutboxChannel; docs: Record<string, unknown>[] }[] = [];
    const imported = await loadImportedIds(this.db);
    for (const channel of channels) {
      const docs = (await this.unacknowledged(channel, imported)).filter(
        (d) => (this.handedOff.get(String(d.id)) ?? -Infinity) + retryMs <= now(),
      );
      if (docs.length > 0) due.push({ channel, docs });
    }
    const total = due.reduce((n, d) => n + d.docs.length, 0);
    if (total === 0) return;
    this.patch({ draining: true, sent: 0, total });
    let sent = 0;
    let channelError: unknown = null;
    try {
      for (const { channel, docs } of due) {
        try {
          for (let i = 0; i < docs.length; i += batchSize) {
            const batch = docs.slice(i, i + batchSize);
            await this.pushBatch(channel, batch, now());
            sent += batch.length;
            this.patch({ sent });
          }
        } catch (err) {
          // A server without this channel's endpoint yet (404) must not hold back the others;
          // its documents stay queued and go on the next drain, like any offline period.
          if (err instanceof ApiCallError && err.status === 404) channelError = err;
          else throw err;
        }
      }
      if (channelError) throw channelError;
      this.patch({ lastError: null });
    } catch (err) {
      this.patch({ lastError: err instanceof Error ? err.message : String(err) });
    } finally {
      this.patch({ draining: false });
    }
  }

  private async pushBatch(channel: OutboxChannel, batch: Record<string, unknown>[], at: number): Promise<void> {
    const rows = batch.map((d) => ({ newDocumentState: { ...d, _deleted: false } }));
    const path = syncPath(channel.collection, 'push');
    const timeoutMs = this.options.pushTimeoutMs ?? DEFAULT_SYNC_TIMEOUTS.pushMs;
    // The answer is read inside the deadline too: a connection can die between headers and body.
    const answer = await withDeadline(`POST ${path}`, timeoutMs, async (signal) => {
      const res = await this.api.fetch(`${this.api.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.api.token}`,
          'content-type': 'application/json',
          [PUSH_ANSWER_HEADER]: DETAILED_PUSH_ANSWER,
        },
        body: JSON.stringify(rows),
        signal,
      });
      if (res.status === 202) return 'handed-off' as const;
      if (!res.ok) return readApiError(res);
      return pushResultSchema.parse(await res.json());
    });
    if (answer === 'handed-off') {
      // The service worker kept the request in its durable queue; it replays it on its own.
      for (const d of batch) this.handedOff.set(String(d.id), at);
      throw new Error('offline: kept in the background queue');
    }
    if (answer instanceof ApiCallError) {
      if (answer.status === 426) this.patch({ outdated: true });
      throw answer;
    }
    await recordAcks(this.db, answer.acks);
    await recordRejections(this.db, answer.rejected);
    this.patch({ lastSuccessAt: new Date().toISOString() });
  }
}
