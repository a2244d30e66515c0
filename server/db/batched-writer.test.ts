import { describe, expect, it } from 'vitest';
import { BatchedWriter, type BatchedWriterOptions } from './batched-writer';

/** A pretend database: a transaction collects its writes and commits them all, or none if one throws. */
function fakeDb() {
  const committed: string[][] = [];
  let open = 0;
  let overlapped = false;
  const options: Pick<BatchedWriterOptions<string[], string>, 'transaction' | 'write'> = {
    async transaction(work) {
      if (open++ > 0) overlapped = true;
      try {
        const trx: string[] = [];
        await new Promise((r) => setTimeout(r, 5));
        await work(trx);
        committed.push(trx);
      } finally {
        open--;
      }
    },
    async write(trx, value) {
      if (value.startsWith('bad')) throw new Error(`refused ${value}`);
      trx.push(value);
    },
  };
  return { options, committed, overlapped: () => overlapped };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('BatchedWriter', () => {
  it('writes asked in one turn of the event loop share one transaction, in the order asked', async () => {
    const db = fakeDb();
    const writer = new BatchedWriter({ ...db.options, windowMs: 0 });
    await Promise.all(['c', 'a', 'b'].map((v) => writer.write(v)));
    expect(db.committed).toEqual([['c', 'a', 'b']]);
    expect(writer.transactions).toBe(1);
  });

  it('a write asked while a batch commits goes in the next batch; batches never overlap', async () => {
    const db = fakeDb();
    const writer = new BatchedWriter({ ...db.options, windowMs: 0 });
    const first = writer.write('a');
    await turn();
    await turn();
    const later = [writer.write('b'), writer.write('c')];
    let firstDone = false;
    void first.then(() => (firstDone = true));
    await Promise.all(later);
    expect(firstDone).toBe(true);
    expect(db.committed).toEqual([['a'], ['b', 'c']]);
    expect(db.overlapped()).toBe(false);
  });

  it('with a window, writes asked within it share the batch and one after it does not', async () => {
    const db = fakeDb();
    const writer = new BatchedWriter({ ...db.options, windowMs: 30 });
    const a = writer.write('a');
    await new Promise((r) => setTimeout(r, 10));
    const b = writer.write('b');
    await Promise.all([a, b]);
    await writer.write('c');
    expect(db.committed).toEqual([['a', 'b'], ['c']]);
  });

  it('writes of one key waiting together become one (combine), and every caller hears its outcome', async () => {
    const db = fakeDb();
    const writer = new BatchedWriter<string[], string>({
      ...db.options,
      windowMs: 0,
      combine: (x, y) => (x > y ? x : y),
      order: (x, y) => (x.value < y.value ? -1 : 1),
    });
    await Promise.all([writer.write('k3', 'k'), writer.write('z', 'z'), writer.write('k1', 'k'), writer.write('a')]);
    expect(db.committed).toEqual([['a', 'k3', 'z']]);
  });

  it('a batch that fails is written again write by write: the bad write fails alone', async () => {
    const db = fakeDb();
    const writer = new BatchedWriter({ ...db.options, windowMs: 0 });
    const outcomes = await Promise.allSettled(['a', 'bad-1', 'b'].map((v) => writer.write(v)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('refused bad-1'));
    expect(db.committed).toEqual([['a'], ['b']]);
    expect(writer.transactions).toBe(4);
    // The writer goes on.
    await writer.write('c');
    expect(db.committed.at(-1)).toEqual(['c']);
  });

  it('a lone write that fails is not tried again', async () => {
    const db = fakeDb();
    const writer = new BatchedWriter({ ...db.options, windowMs: 0 });
    await expect(writer.write('bad')).rejects.toThrow('refused bad');
    expect(writer.transactions).toBe(1);
  });
});
