import { sql, type Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { countPostgresRoundTrips, roundTripDelta, roundTripSnapshot } from '../../bench/server-stats';
import { GroupCommitter } from '../ledger/group-commit';
import { currentSequence } from '../ledger/server-sequence';
import { reachableTestDatabases } from '../test/databases';
import { useTestServer } from '../test/use-test-server';
import { BulkInsert } from './bulk-insert';
import type { Database } from './schema';
import { inlined, literal } from './statement-pipeline';
import { WriteBatch } from './write-batch';

countPostgresRoundTrips();

const postgres = reachableTestDatabases.filter((d) => d.kind === 'postgres');

describe.each(postgres)('statement pipeline on $label', (database) => {
  const { server } = useTestServer(database);
  beforeAll(async () => {
    await sql`create table sp_rows (id text primary key, n integer not null)`.execute(server.db);
  });

  type Row = { id: string; n: number };
  const insertRows = new BulkInsert<Row>(['id', 'n'], (db, rows) =>
    (db as unknown as Kysely<{ sp_rows: Row }>).insertInto('sp_rows').values(rows),
  );
  const count = async (trx: Kysely<Database>, prefix: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from sp_rows where id like ${`${prefix}%`}`.execute(trx))
      .rows[0]!.n;

  /** A push's shape: a read that must see what the works before wrote, then a write whose answer nobody reads. */
  const work =
    (prefix: string, ids: string[], seen: number[]) => async (trx: Kysely<Database>, seq: { next(): number }) => {
      seen.push(await count(trx, prefix));
      const writes = new WriteBatch();
      writes.add(
        insertRows,
        ids.map((id) => ({ id, n: seq.next() })),
      );
      await writes.flush(trx);
      return ids.length;
    };

  it('values written into the text read back as sent, whatever they hold', async () => {
    const awkward = [
      '',
      "it's",
      'back\\slash \\" and "quotes"',
      '$q$',
      'ends with $q',
      'ends with $',
      '$q$ and $q1$ and $q2$',
      'ñandú 🥑 \u2028',
      '{"a":[1,"x\\"y"]}',
    ];
    for (const value of awkward) {
      const text = inlined({ sql: 'select $1::text as v', parameters: [value] })!;
      expect((await sql<{ v: string }>`${sql.raw(text)}`.execute(server.db)).rows[0]!.v).toBe(value);
    }
    const text = inlined({
      sql: `select $1 = any($2) as a, 7 = any($3) as b, $4::int + 1 as c, $5::text is null as d, '$1' as e, $6::boolean as f`,
      parameters: [awkward[2], awkward, [1, 7], 41, null, true],
    })!;
    expect((await sql`${sql.raw(text)}`.execute(server.db)).rows[0]).toEqual({
      a: true,
      b: true,
      c: 42,
      d: true,
      e: '$1',
      f: true,
    });
    expect(literal(new Date())).toBeNull();
    expect(literal([{}])).toBeNull();
  });

  it('a group without savepoints: each work reads what the ones before wrote, a write goes out with the next statement', async () => {
    const committer = new GroupCommitter(server.db);
    const before = await currentSequence(server.db);
    const seen: number[] = [];
    const trips = roundTripSnapshot();
    const results = await Promise.all([
      committer.run(work('a', ['a1', 'a2'], seen)),
      committer.run(work('a', ['a3'], seen)),
      committer.run(work('a', ['a4', 'a5'], seen)),
    ]);
    const delta = roundTripDelta(trips, roundTripSnapshot());
    expect(committer.recentGroupSizes).toEqual([3]);
    expect(results).toEqual([2, 1, 2]);
    expect(seen).toEqual([0, 2, 3]);
    // BEGIN with the lock; the first read; the second and third each with the write before them;
    // the last write with the sequence's save and COMMIT.
    expect(delta.all).toBe(5);
    expect(await currentSequence(server.db)).toBe(before + 5);
    const rows = await sql<Row>`select id, n from sp_rows where id like 'a%' order by id`.execute(server.db);
    expect(rows.rows.map((r) => [r.id, Number(r.n)])).toEqual([
      ['a1', before + 1],
      ['a2', before + 2],
      ['a3', before + 3],
      ['a4', before + 4],
      ['a5', before + 5],
    ]);
  });

  it("a deferred write that fails (its error comes back with the next work's read): only its caller fails, the group runs again with savepoints", async () => {
    const committer = new GroupCommitter(server.db);
    await committer.run(work('b', ['b0'], []));
    const before = await currentSequence(server.db);
    const seen: number[] = [];
    const results = await Promise.allSettled([
      committer.run(work('b', ['b1'], seen)),
      // b0 exists: a duplicate key in the deferred write.
      committer.run(work('b', ['b2', 'b0'], seen)),
      committer.run(work('b', ['b3'], seen)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/duplicate key/);
    expect(committer.recentGroupSizes.slice(1)).toEqual([3, 3]);
    expect(await currentSequence(server.db)).toBe(before + 2);
    const rows = await sql<Row>`select id, n from sp_rows where id like 'b%' order by id`.execute(server.db);
    expect(rows.rows.map((r) => [r.id, Number(r.n)])).toEqual([
      ['b0', before],
      ['b1', before + 1],
      ['b3', before + 2],
    ]);
  });

  it("the last work's deferred write failing at COMMIT: the group again with savepoints, only the culprit fails", async () => {
    const committer = new GroupCommitter(server.db);
    await committer.run(work('c', ['c0'], []));
    const before = await currentSequence(server.db);
    const results = await Promise.allSettled([
      committer.run(work('c', ['c1'], [])),
      committer.run(work('c', ['c0'], [])),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(committer.recentGroupSizes.slice(1)).toEqual([2, 2]);
    expect(await currentSequence(server.db)).toBe(before + 1);
    // A lone work: its deferred write's error fails it, and the connection is out of the transaction.
    await expect(committer.run(work('c', ['c0'], []))).rejects.toThrow(/duplicate key/);
    expect(await currentSequence(server.db)).toBe(before + 1);
    expect(await committer.run(work('c', ['c5'], []))).toBe(1);
    expect(await currentSequence(server.db)).toBe(before + 2);
  });
});

// Without PostgreSQL there is nothing to pipeline (SQLite's statements cost no round trip): shown as skipped.
if (postgres.length === 0)
  describe.skip('statement pipeline (PostgreSQL only: TEST_DATABASE_URL)', () => {
    it('runs on PostgreSQL', () => undefined);
  });
