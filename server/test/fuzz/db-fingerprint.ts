import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database';

/**
 * What a refused request may still write, each by design:
 * - failed_attempts: failed sign-ins and pairings are counted to rate-limit them (rate-limit.ts);
 * - rejected_sales, rejected_documents: a refused pushed document is logged for the console
 *   (DESIGN invariant 2: "refused and logged");
 * - last_seen_at of devices, manager sessions and legacy keys: touched at most once a minute by
 *   any authenticated call, refused or not;
 * - kysely's migration tables, which no request touches.
 */
const IGNORED_TABLES = new Set([
  'failed_attempts',
  'rejected_sales',
  'rejected_documents',
  'kysely_migration',
  'kysely_migration_lock',
]);
const IGNORED_COLUMNS: Record<string, string[]> = {
  devices: ['last_seen_at'],
  manager_sessions: ['last_seen_at'],
  legacy_keys: ['last_seen_at'],
};

export interface Fingerprint {
  /** Table name → row count and a hash of its rows. */
  tables: Record<string, string>;
}

/** Row counts and a hash of every row of every table (the server sequence included), on either database. */
export async function fingerprint(db: Db): Promise<Fingerprint> {
  const tables = (await db.introspection.getTables()).map((t) => t.name).filter((n) => !IGNORED_TABLES.has(n));
  const out: Record<string, string> = {};
  for (const name of tables.sort()) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)).rows;
    const ignored = IGNORED_COLUMNS[name] ?? [];
    const lines = rows.map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !ignored.includes(k)))).sort();
    out[name] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return { tables: out };
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before.tables), ...Object.keys(after.tables)]);
  return [...names].filter((n) => before.tables[n] !== after.tables[n]).sort();
}
