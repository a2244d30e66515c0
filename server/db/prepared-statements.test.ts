import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { reachableTestDatabases } from '../test/databases';
import { useTestServer } from '../test/use-test-server';
import { BulkInsert } from './bulk-insert';
import { read, readTogether } from './read-batch';
import type { Database } from './schema';
import { WriteBatch } from './write-batch';

const insertLocations = new BulkInsert<Database['locations']>(['id', 'name', 'kind'], (db, rows) =>
  db.insertInto('locations').values(rows),
);

describe.each(reachableTestDatabases)('prepared statements on $label', (database) => {
  const { server } = useTestServer(database);

  const namedStatements = async (conn: typeof server.db, like: string): Promise<number> => {
    if (database.kind !== 'postgres') return 0;
    const rows = await sql<{ n: number }>`
      select count(*)::int as n from pg_prepared_statements where not from_sql and statement like ${like}
    `.execute(conn);
    return rows.rows[0]!.n;
  };

  it('sends a write batch as one named statement on PostgreSQL, parsed once per connection, and its rows arrive', async () => {
    const prefix = `prep-${Date.now()}`;
    const named = await server.db.connection().execute(async (conn) => {
      for (let i = 0; i < 3; i++) {
        const writes = new WriteBatch();
        writes.add(insertLocations, [{ id: `${prefix}-${i}`, name: `Prepared ${i}`, kind: 'branch' }]);
        await writes.flush(conn);
      }
      return namedStatements(conn, 'insert into "locations"%');
    });
    expect(named).toBe(database.kind === 'postgres' ? 1 : 0);
    const rows = await server.db.selectFrom('locations').select('name').where('id', 'like', `${prefix}-%`).execute();
    expect(rows.map((r) => r.name).sort()).toEqual(['Prepared 0', 'Prepared 1', 'Prepared 2']);
  });

  it("sends the combined read unnamed: planned with each call's values, never a generic plan kept from when a table was small", async () => {
    const named = await server.db.connection().execute(async (conn) => {
      for (let i = 0; i < 7; i++) {
        let found: unknown[] = [];
        await readTogether(conn, [
          read(
            conn
              .selectFrom('locations')
              .select('id')
              .where('id', 'in', [`r${i}`, `s${i}`]),
            (rows) => (found = rows),
          ),
          read(conn.selectFrom('branches').select('id').where('id', '=', `b${i}`), () => undefined),
        ]);
        expect(found).toEqual([]);
      }
      return namedStatements(conn, 'select (select coalesce%');
    });
    expect(named).toBe(0);
  });

  it('leaves statements not marked unnamed (a connection keeps every named one until it closes)', async () => {
    const named = await server.db.connection().execute(async (conn) => {
      for (let i = 0; i < 3; i++) await conn.selectFrom('locations').select('id').where('id', '=', `x${i}`).execute();
      return namedStatements(conn, 'select "id" from "locations"%');
    });
    expect(named).toBe(0);
  });
});
