import { describe, expect, it } from 'vitest';
import { reachableTestDatabases } from '../test/databases';
import { useTestServer } from '../test/use-test-server';
import { countPostgresRoundTrips, roundTripDelta, roundTripSnapshot } from '../../bench/server-stats';
import { read, readTogether, withListsAsArrays } from './read-batch';

countPostgresRoundTrips();

describe.each(reachableTestDatabases)('readTogether on $label', (database) => {
  const { server } = useTestServer(database);

  it('gives each read the rows it gives alone, in one round trip on PostgreSQL', async () => {
    const { db } = server;
    const ids = (await db.selectFrom('products').select('id').orderBy('id').execute()).map((p) => p.id);
    expect(ids.length).toBeGreaterThan(2);
    // Parameters before, inside and after the others: each read's own $1… must be renumbered.
    const queries = [
      db.selectFrom('products').select(['id', 'name', 'price_cents']).where('id', 'in', ids.slice(0, 2)).orderBy('id'),
      db.selectFrom('branches').select(['id', 'currency']).where('id', '=', 'no-such-branch'),
      db
        .selectFrom('products')
        .select(['id', 'quantity_decimals'])
        .where('id', 'in', ids.slice(1))
        .where('name', '<>', 'x')
        .orderBy('id'),
      db.selectFrom('server_sequence').select('value').where('id', '=', 1),
      db.selectFrom('products').select('id').where('id', 'not in', ids.slice(0, 1)).orderBy('id'),
    ];
    const alone = [];
    for (const q of queries) alone.push((await q.execute()).map((r) => ({ ...r })));
    const together: unknown[][] = queries.map(() => []);
    const before = roundTripSnapshot();
    await readTogether(
      db,
      queries.map((q, i) => read(q, (rows) => (together[i] = rows))),
    );
    const trips = roundTripDelta(before, roundTripSnapshot()).all;
    const numbers = (rows: unknown[]) =>
      rows.map((r) =>
        Object.fromEntries(
          Object.entries(r as object).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v]),
        ),
      );
    expect(together.map(numbers)).toEqual(alone.map(numbers));
    expect(together[1]).toEqual([]);
    if (database.kind === 'postgres') expect(trips).toBe(1);
  });
});

describe('withListsAsArrays', () => {
  it('turns each list into one array parameter, renumbered after those already taken, so the text does not depend on the lengths', () => {
    const parameters: unknown[] = ['before'];
    const text = withListsAsArrays(
      {
        sql: 'select "id" from "t" where "a" = $1 and "id" in ($2, $3, $4) and "n" not in ($5) limit $6',
        parameters: ['x', 'p1', 'p2', 'p3', 7, 10],
      },
      parameters,
    );
    expect(text).toBe('select "id" from "t" where "a" = $2 and "id" = any($3) and "n" <> all($4) limit $5');
    expect(parameters).toEqual(['before', 'x', ['p1', 'p2', 'p3'], [7], 10]);
    const shorter = withListsAsArrays(
      {
        sql: 'select "id" from "t" where "a" = $1 and "id" in ($2) and "n" not in ($3, $4) limit $5',
        parameters: ['x', 'p1', 7, 8, 10],
      },
      ['before'],
    );
    expect(shorter).toBe(text);
  });
});
