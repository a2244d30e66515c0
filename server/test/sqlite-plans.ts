import type { Compilable } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../db/database';

/**
 * For a describe() that checks which index a query seeks in: a migrated in-memory SQLite database for its tests,
 * and `explain(query)`, SQLite's plan as one line ("SEARCH … USING INDEX … | …"). SQLite picks plans by rule (no
 * statistics are gathered), so the plan seen here is the one the server gets.
 */
export function useSqlitePlans(): { db: () => Db; explain: (query: Compilable) => Promise<string> } {
  let db: Db;
  beforeAll(async () => {
    db = openDatabase({ kind: 'sqlite' });
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db?.destroy();
  });
  return {
    db: () => db,
    explain: async (query) => {
      const compiled = query.compile();
      const result = await db.executeQuery<{ detail: string }>({
        ...compiled,
        sql: `explain query plan ${compiled.sql}`,
      });
      return result.rows.map((r) => r.detail).join(' | ');
    },
  };
}
