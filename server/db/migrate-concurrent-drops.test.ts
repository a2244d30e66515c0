import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../test/databases';
import { migrateToLatest, openDatabase } from './database';

// PostgreSQL only; without TEST_DATABASE_URL there is nothing to run (CI sets it, with REQUIRE_POSTGRES=1).
const database = testDatabases.find((d) => d.kind === 'postgres' && !d.unreachable);

/**
 * Kysely's migrator reads the catalogue of every schema in the database to find its own tables;
 * another schema dropped at that moment (tests running side by side, another install) used to
 * fail the migration with 3F000, which broke CI once.
 */
describe('migrations while other schemas come and go (PostgreSQL)', () => {
  it.skipIf(!database)('every schema migrates although other schemas are created and dropped meanwhile', async () => {
    if (database?.kind !== 'postgres') throw new Error('unreachable: skipped without PostgreSQL');
    const admin = new pg.Client({ connectionString: database.databaseUrl });
    await admin.connect();
    let stop = false;
    const churn = (async () => {
      for (let i = 0; !stop; i++) {
        const s = `churn_${process.pid}_${i}`;
        await admin.query(`CREATE SCHEMA ${s}`);
        await admin.query(`DROP SCHEMA ${s} CASCADE`);
      }
    })();
    const outcomes: string[] = [];
    try {
      for (let r = 0; r < 6; r++) {
        const schema = `migchurn_${process.pid}_${r}`;
        await admin.query(`CREATE SCHEMA ${schema}`);
        const db = openDatabase({ kind: 'postgres', databaseUrl: database.databaseUrl, pgSchema: schema, poolSize: 2 });
        try {
          await migrateToLatest(db);
          outcomes.push('ok');
        } catch (err) {
          outcomes.push(String(err));
        } finally {
          await db.destroy();
          await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        }
      }
    } finally {
      stop = true;
      await churn;
      await admin.end();
    }
    expect(outcomes).toEqual(Array(6).fill('ok'));
  }, 120_000);
});
