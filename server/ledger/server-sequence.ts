import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

/**
 * The one monotonic server sequence (DESIGN invariant 5). Locking its row first makes every
 * writing transaction commit in sequence order, so a reader that has seen seq N can never later
 * find a row stamped below N appear: pull checkpoints never skip a change.
 */
export class SequenceAllocator {
  private constructor(
    private readonly trx: Transaction<Database>,
    private current: number,
    private readonly start: number,
  ) {}

  static async lock(trx: Transaction<Database>): Promise<SequenceAllocator> {
    const row = await trx
      .updateTable('server_sequence')
      .set((eb) => ({ value: eb('value', '+', 0) }))
      .where('id', '=', 1)
      .returning('value')
      .executeTakeFirstOrThrow();
    return new SequenceAllocator(trx, Number(row.value), Number(row.value));
  }

  /**
   * PostgreSQL: BEGIN and the lock in one round trip (one simple-protocol query of two statements,
   * `conn` being one connection outside any transaction), instead of one each while other
   * instances' groups may be waiting. The caller must end the transaction: `saveAndCommit`, or a
   * ROLLBACK when anything fails (also when this does: BEGIN may have run).
   */
  static async beginAndLock(conn: Transaction<Database>): Promise<SequenceAllocator> {
    const result = await conn.executeQuery<{ value: number | string }>(CompiledQuery.raw(`begin; ${LOCK_TEXT}`, []));
    const row = result.rows[0];
    if (!row) throw new Error('SequenceAllocator: the sequence row was not locked');
    return new SequenceAllocator(conn, Number(row.value), Number(row.value));
  }

  next(): number {
    this.current += 1;
    return this.current;
  }

  get last(): number {
    return this.current;
  }

  /** Gives back the numbers taken after `last` was `mark` (their writes were rolled back to a savepoint). */
  rewind(mark: number): void {
    if (mark < this.start || mark > this.current)
      throw new Error(`SequenceAllocator: cannot rewind to ${mark} (start ${this.start}, current ${this.current})`);
    this.current = mark;
  }

  /** Must run before the transaction commits. */
  async save(): Promise<void> {
    if (this.current === this.start) return;
    await this.trx.updateTable('server_sequence').set({ value: this.current }).where('id', '=', 1).execute();
  }

  /**
   * PostgreSQL, after `beginAndLock`: the save and COMMIT in one round trip (one simple-protocol
   * query). A failed save skips the COMMIT (the query stops at its first error) and throws; the
   * caller then rolls back.
   */
  async saveAndCommit(): Promise<void> {
    if (!Number.isSafeInteger(this.current)) throw new Error(`SequenceAllocator: bad sequence ${this.current}`);
    const save = this.current === this.start ? '' : `update server_sequence set value = ${this.current} where id = 1; `;
    const result = await this.trx.executeQuery<{ command?: string }>(CompiledQuery.raw(`${save}commit`, []));
    // PostgreSQL ends COMMIT with a ROLLBACK tag when an earlier error left the transaction aborted.
    if (result.rows[0]?.command === 'ROLLBACK')
      throw new Error('SequenceAllocator: the transaction was rolled back at COMMIT');
  }
}

/** The lock (also taken by `lock` above): the sequence row updated to itself, kept to the commit. */
const LOCK_TEXT = 'update server_sequence set value = value + 0 where id = 1 returning value';

/**
 * Runs `write` in one transaction that holds the sequence lock, at one new server sequence saved
 * before it commits; a throw rolls back the write and the number alike.
 */
export function atNextSequence<T>(
  db: Kysely<Database>,
  write: (trx: Transaction<Database>, seq: number) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const alloc = await SequenceAllocator.lock(trx);
    const result = await write(trx, alloc.next());
    await alloc.save();
    return result;
  });
}

export async function currentSequence(db: { selectFrom: Transaction<Database>['selectFrom'] }): Promise<number> {
  const row = await db.selectFrom('server_sequence').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.value);
}
