/**
 * Small writes of one database committed together. Each alone would be a transaction of its own, on
 * SQLite a commit and an fsync on the event loop's thread: when 500 tablets reconnect within a second
 * (docs/benchmarks.md, issue 14) their `last_seen_at` updates and their live streams' link records
 * made 500 commits each, during which the server accepted and read nothing.
 *
 * A write is queued and its promise settles once its batch has committed (or failed). A batch is every
 * write queued within `windowMs` of the first (0: until the end of the event loop's turn, so the
 * writes of the requests parsed in one turn share it). One batch is written at a time; writes asked
 * meanwhile go in the next. A batch that fails is written again write by write, each in a
 * transaction of its own, so one bad write fails alone and the others still land.
 *
 * Writes may carry a key: two writes of one key waiting for the same batch become one (`combine`),
 * and both callers learn that one's outcome.
 */
export interface BatchedWriterOptions<D, V> {
  /** How long the first write of a batch waits for others: 0 = the end of the event loop's turn. */
  windowMs: number;
  /** Runs `work` in one transaction of the database (committed when it resolves). */
  transaction(work: (trx: D) => Promise<void>): Promise<void>;
  /** Writes one value, inside the batch's transaction (or its own, when the batch failed). */
  write(trx: D, value: V): Promise<unknown>;
  /** Two values of one key asked before their batch: the one to write. Default: the later asked. */
  combine?(earlier: V, later: V): V;
  /** The order of a batch's writes (default: the order they were first asked in). */
  order?(a: { key: string | undefined; value: V }, b: { key: string | undefined; value: V }): number;
}

interface Entry<V> {
  key: string | undefined;
  value: V;
  waiting: { resolve(): void; reject(error: unknown): void }[];
}

export class BatchedWriter<D, V> {
  private queue = new Map<string | symbol, Entry<V>>();
  private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  private writing = false;
  /** Transactions opened so far, batches and single retries (tests and diagnostics). */
  transactions = 0;

  constructor(private readonly options: BatchedWriterOptions<D, V>) {}

  /** Resolves once the value is committed; rejects with its own write's error. */
  write(value: V, key?: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const queued = key === undefined ? undefined : this.queue.get(key);
      if (queued) {
        queued.value = this.options.combine ? this.options.combine(queued.value, value) : value;
        queued.waiting.push({ resolve, reject });
      } else this.queue.set(key ?? Symbol(), { key, value, waiting: [{ resolve, reject }] });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.timer || this.writing || this.queue.size === 0) return;
    const run = () => void this.run();
    this.timer = this.options.windowMs > 0 ? setTimeout(run, this.options.windowMs) : setImmediate(run);
  }

  private async run(): Promise<void> {
    this.timer = null;
    this.writing = true;
    const batch = [...this.queue.values()];
    this.queue = new Map();
    if (this.options.order) batch.sort(this.options.order);
    try {
      await this.writeBatch(batch);
    } finally {
      this.writing = false;
      this.schedule();
    }
  }

  private async writeBatch(batch: Entry<V>[]): Promise<void> {
    const { transaction, write } = this.options;
    try {
      this.transactions++;
      await transaction(async (trx) => {
        for (const entry of batch) await write(trx, entry.value);
      });
      for (const entry of batch) for (const w of entry.waiting) w.resolve();
      return;
    } catch (batchError) {
      if (batch.length === 1) {
        for (const w of batch[0]!.waiting) w.reject(batchError);
        return;
      }
    }
    for (const entry of batch) {
      try {
        this.transactions++;
        await transaction((trx) => write(trx, entry.value).then(() => undefined));
        for (const w of entry.waiting) w.resolve();
      } catch (error) {
        for (const w of entry.waiting) w.reject(error);
      }
    }
  }
}
