import type { Kysely, Transaction } from 'kysely';
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
}

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
