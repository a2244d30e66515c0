import fs from 'node:fs/promises';
import { sql, type Transaction } from 'kysely';
import { sqliteWalFile, type Db } from '../db/database';
import type { Database } from '../db/schema';
import { SequenceAllocator } from './server-sequence';

/**
 * One caller's share of a group transaction: it runs inside the transaction that holds the
 * sequence lock and takes its sequence numbers from the shared allocator. It must use `trx` only
 * (never the Db: on SQLite the one connection is taken) and must not commit or roll back.
 */
export type GroupWork<R> = (trx: Transaction<Database>, seq: SequenceAllocator, group: GroupScope) => Promise<R>;

/** What the works of one group transaction share: reads that stay valid while it holds the sequence lock. */
export class GroupScope {
  private readonly memos = new Map<unknown, unknown>();

  /** The value kept under `key` for this group, made by `make` on first use. */
  memo<T>(key: unknown, make: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, make());
    return this.memos.get(key) as T;
  }
}

interface Pending {
  work: GroupWork<unknown>;
  /** Size of the work (documents), to bound a group's length. */
  weight: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupCommitOptions {
  /** Most works in one transaction. */
  maxWorks?: number;
  /** Most total weight (documents) in one transaction; a single heavier work still runs. */
  maxWeight?: number;
}

/**
 * Group commit of ledger writes (bench/server-bench.ts). Works that arrive while a transaction is
 * running wait and then run together in the next one: one BEGIN, one sequence lock, one COMMIT
 * (one fsync on SQLite, one WAL flush on PostgreSQL) for all of them, instead of one each. A lone
 * work starts at once, so an idle server adds no delay.
 *
 * Each work of a group runs after a SAVEPOINT of its own: a work that throws is rolled back to it (its writes
 * and the sequence numbers it took are undone) and only its caller gets the error; the others go
 * on. When the group transaction itself fails (the lock, the commit, a lost connection), nothing
 * of it is committed and each work is run again in a transaction of its own, so whatever caused
 * it fails only its own caller. Callers get their results only after the commit: nothing is
 * acknowledged that could still be rolled back.
 *
 * Order (DESIGN invariant 5): works take sequence numbers in the order they were submitted, all
 * under the one lock, and a group becomes visible at once when it commits; the sequence stays
 * monotonic and commit-ordered, on PostgreSQL too (the lock is the row lock of server_sequence,
 * held to the commit, so other instances' writers wait for the whole group).
 *
 * One committer per Db (groupCommitter below); on PostgreSQL it runs one group transaction at a
 * time per server instance, which is what the sequence lock allowed anyway.
 */
export class GroupCommitter {
  private queue: Pending[] = [];
  private draining = false;
  private readonly maxWorks: number;
  private readonly maxWeight: number;
  /** Sizes of the last groups run, newest last (tests and diagnostics). */
  readonly recentGroupSizes: number[] = [];

  constructor(
    private readonly db: Db,
    options: GroupCommitOptions = {},
  ) {
    this.maxWorks = options.maxWorks ?? 32;
    this.maxWeight = options.maxWeight ?? 2000;
  }

  run<R>(work: GroupWork<R>, weight = 1): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ work, weight, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        // Works submitted in the same turn of the event loop join the first group.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.runGroup(this.takeGroup());
    } finally {
      this.draining = false;
    }
  }

  private takeGroup(): Pending[] {
    let weight = 0;
    let n = 0;
    while (
      n < this.queue.length &&
      n < this.maxWorks &&
      (n === 0 || weight + this.queue[n]!.weight <= this.maxWeight)
    ) {
      weight += this.queue[n]!.weight;
      n++;
    }
    return this.queue.splice(0, n);
  }

  private commit(body: (trx: Transaction<Database>) => Promise<void>): Promise<void> {
    return commitDurably(this.db, body);
  }

  private async runGroup(group: Pending[]): Promise<void> {
    this.recentGroupSizes.push(group.length);
    if (this.recentGroupSizes.length > 100) this.recentGroupSizes.shift();
    let outcomes: Outcome[] = [];
    try {
      await this.commit(async (trx) => {
        outcomes = [];
        const seq = await SequenceAllocator.lock(trx);
        const scope = new GroupScope();
        if (group.length === 1) {
          // Alone: a failure fails the transaction, no savepoint needed.
          outcomes.push({ ok: true, value: await group[0]!.work(trx, seq, scope) });
        } else {
          for (const [i, pending] of group.entries())
            outcomes.push(await runInSavepoint(trx, seq, scope, `group_work_${i}`, pending.work));
        }
        await seq.save();
      });
    } catch (error) {
      if (group.length === 1) {
        group[0]!.reject(error);
        return;
      }
      // Nothing of the group was committed: each work again, on its own.
      for (const pending of group) await this.runGroup([pending]);
      return;
    }
    for (const [i, pending] of group.entries()) {
      const outcome = outcomes[i]!;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    }
  }
}

/**
 * Runs one group transaction and returns once it is committed and on disk. On a SQLite file, the
 * COMMIT itself does not wait for the disk (synchronous = NORMAL for this one transaction) and the
 * log is then synced with an fdatasync on libuv's thread pool, as synchronous = FULL would have
 * done on the event loop's thread (2–40 ms on a busy disk, during which the server accepted no
 * connection and read no request: docs/benchmarks.md, issue 14). The connection stays taken until
 * the sync is done, so no other statement (no pull, no console read) sees the group's rows before
 * they are durable, and its works are answered only after.
 */
async function commitDurably(db: Db, body: (trx: Transaction<Database>) => Promise<void>): Promise<void> {
  const walFile = sqliteWalFile(db);
  if (!walFile) return db.transaction().execute(body);
  await db.connection().execute(async (conn) => {
    await sql`pragma synchronous = NORMAL`.execute(conn);
    try {
      await conn.transaction().execute(body);
    } finally {
      await sql`pragma synchronous = FULL`.execute(conn);
    }
    // Opened each time: a log SQLite replaced would otherwise be synced in place of the live one.
    const log = await fs.open(walFile, 'r');
    try {
      await log.datasync();
    } finally {
      await log.close();
    }
  });
}

async function runInSavepoint(
  trx: Transaction<Database>,
  seq: SequenceAllocator,
  scope: GroupScope,
  name: string,
  work: GroupWork<unknown>,
): Promise<Outcome> {
  // Never released: COMMIT keeps them all, and a RELEASE per work would cost PostgreSQL one more
  // round trip while the group holds the lock. Each work's savepoint nests in the one before,
  // which is still exact: rolling back to it undoes only what this work wrote.
  // Not awaited before the work starts: the transaction's statements run one at a time in the
  // order they were asked for, so the savepoint still comes before the work's first statement,
  // and the work's JavaScript up to its first read runs while PostgreSQL sets the savepoint
  // instead of after (one wait for the busy event loop less per work on PostgreSQL).
  const saved = sql.raw(`savepoint ${name}`).execute(trx);
  // Awaited below; this only keeps a failure from counting as unhandled before then.
  saved.catch(() => undefined);
  const mark = seq.last;
  try {
    const value = await work(trx, seq, scope);
    await saved;
    return { ok: true, value };
  } catch (error) {
    // Undo this work only; if even that fails, the group transaction fails (and is retried work by work).
    await sql.raw(`rollback to savepoint ${name}`).execute(trx);
    seq.rewind(mark);
    return { ok: false, error };
  }
}

const committers = new WeakMap<Db, GroupCommitter>();

/** The group committer of a database handle (one per Db, made on first use). */
export function groupCommitter(db: Db): GroupCommitter {
  let committer = committers.get(db);
  if (!committer) {
    committer = new GroupCommitter(db);
    committers.set(db, committer);
  }
  return committer;
}
