import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { FifoLock } from './fifo-sqlite-dialect';

describe('the SQLite connection is taken first come, first served', () => {
  it('a lock release wakes the next waiter only, in the order they asked', async () => {
    const lock = new FifoLock();
    const served: number[] = [];
    await lock.lock();
    const waiters = [1, 2, 3].map((n) =>
      lock.lock().then(() => {
        served.push(n);
        lock.unlock();
      }),
    );
    await Promise.resolve();
    expect(served).toEqual([]);
    lock.unlock();
    await Promise.all(waiters);
    expect(served).toEqual([1, 2, 3]);
    // Free again: the next lock is granted at once.
    await lock.lock();
  });

  it('queries queued behind a transaction run after it, in arrival order, none lost', async () => {
    const db = openDatabase({ kind: 'sqlite', sqliteFile: ':memory:' });
    try {
      await sql`create table t (n integer)`.execute(db);
      const order: number[] = [];
      let release!: () => void;
      const held = db.transaction().execute(async (trx) => {
        await sql`insert into t values (0)`.execute(trx);
        await new Promise<void>((r) => (release = r));
      });
      await new Promise((r) => setTimeout(r, 5));
      const queued = Array.from({ length: 1000 }, (_, i) =>
        sql<{ c: number }>`select count(*) as c from t`.execute(db).then((r) => {
          order.push(i);
          return r.rows[0]!.c;
        }),
      );
      await new Promise((r) => setTimeout(r, 5));
      expect(order).toEqual([]);
      release();
      await held;
      const counts = await Promise.all(queued);
      expect(order).toEqual(Array.from({ length: 1000 }, (_, i) => i));
      // Each saw the committed row: none ran inside the transaction.
      expect(new Set(counts)).toEqual(new Set([1]));
    } finally {
      await db.destroy();
    }
  });
});
