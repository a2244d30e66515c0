import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../test/databases';
import { migrateToLatest, openDatabase } from './database';

// PostgreSQL only; without TEST_DATABASE_URL there is nothing to run (CI sets it, with REQUIRE_POSTGRES=1).
const database = testDatabases.find((d) => d.kind === 'postgres' && !d.unreachable);

/** Schemas created and dropped as fast as four connections can, until stopped. */
async function churnSchemas(databaseUrl: string): Promise<() => Promise<void>> {
  let stop = false;
  const clients = await Promise.all(
    [0, 1, 2, 3].map(async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  const loops = clients.map(async (client, c) => {
    for (let i = 0; !stop; i++) {
      const s = `churn_${process.pid}_${c}_${i}`;
      await client.query(`CREATE SCHEMA ${s}; CREATE TABLE ${s}.t (id serial primary key)`);
      await client.query(`DROP SCHEMA ${s} CASCADE`);
    }
  });
  return async () => {
    stop = true;
    await Promise.all(loops);
    await Promise.all(clients.map((c) => c.end()));
  };
}

/**
 * Kysely's own PostgreSQL introspector, which its migrator uses to find its tables, reads the
 * catalogue of every schema in the database; another schema dropped at that moment (tests running
 * side by side, another install) failed the migration with 3F000 and broke CI twice. The dialect's
 * introspector (own-schema-introspector.ts) reads only the connection's schema.
 */
describe('migrations while other schemas come and go (PostgreSQL)', () => {
  it.skipIf(!database)(
    'every schema migrates and introspects although other schemas are created and dropped meanwhile',
    async () => {
      if (database?.kind !== 'postgres') throw new Error('unreachable: skipped without PostgreSQL');
      const admin = new pg.Client({ connectionString: database.databaseUrl });
      await admin.connect();
      const stopChurn = await churnSchemas(database.databaseUrl);
      const outcomes: string[] = [];
      try {
        for (let r = 0; r < 6; r++) {
          const schema = `migchurn_${process.pid}_${r}`;
          await admin.query(`CREATE SCHEMA ${schema}`);
          const db = openDatabase({
            kind: 'postgres',
            databaseUrl: database.databaseUrl,
            pgSchema: schema,
            poolSize: 2,
          });
          try {
            await migrateToLatest(db);
            for (let i = 0; i < 20; i++) {
              const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
              if (!tables.every((t) => t.schema === schema)) throw new Error(`introspection left ${schema}`);
              if (!tables.some((t) => t.name === 'kysely_migration'))
                throw new Error('introspection misses kysely_migration');
            }
            outcomes.push('ok');
          } catch (err) {
            outcomes.push(String(err));
          } finally {
            await db.destroy();
            await admin.query(`DROP SCHEMA ${schema} CASCADE`);
          }
        }
      } finally {
        await stopChurn();
        await admin.end();
      }
      expect(outcomes).toEqual(Array(6).fill('ok'));
    },
    120_000,
  );
});
