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
 * Besides, a refused pushed document opens one reconciliation item of kind refused_document
 * (server/reconciliation/sync-items.ts): those rows are kept apart (`refusedItems`) so the checker
 * can allow exactly the items of the documents it refused, and nothing else in reconciliation_items.
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

/** The one kind of reconciliation item a refusal may open, one per refused document. */
export const REFUSED_DOCUMENT_KIND = 'refused_document';

export interface RefusedItem {
  kind: string;
  causeKey: string;
  documentId: string | null;
  /** The whole row, to see any change to an item that was already there. */
  row: string;
}

export interface Fingerprint {
  /** Table name → row count and a hash of its rows (reconciliation_items without its refused_document rows). */
  tables: Record<string, string>;
  /** reconciliation_items of kind refused_document, by id. */
  refusedItems: Map<string, RefusedItem>;
}

/** Row counts and a hash of every row of every table (the server sequence included), on either database. */
export async function fingerprint(db: Db): Promise<Fingerprint> {
  const tables = (await db.introspection.getTables()).map((t) => t.name).filter((n) => !IGNORED_TABLES.has(n));
  const out: Record<string, string> = {};
  const refusedItems = new Map<string, RefusedItem>();
  for (const name of tables.sort()) {
    let rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)).rows;
    if (name === 'reconciliation_items') {
      for (const r of rows)
        if (r.kind === REFUSED_DOCUMENT_KIND)
          refusedItems.set(String(r.id), {
            kind: String(r.kind),
            causeKey: String(r.cause_key),
            documentId: r.document_id === null ? null : String(r.document_id),
            row: JSON.stringify(Object.entries(r)),
          });
      rows = rows.filter((r) => r.kind !== REFUSED_DOCUMENT_KIND);
    }
    const ignored = IGNORED_COLUMNS[name] ?? [];
    const lines = rows.map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !ignored.includes(k)))).sort();
    out[name] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return { tables: out, refusedItems };
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before.tables), ...Object.keys(after.tables)]);
  return [...names].filter((n) => before.tables[n] !== after.tables[n]).sort();
}

/**
 * What a refusal did to the refused_document items: the items it opened (their cause keys), and
 * any item that was there before and changed or went (always a fault).
 */
export function refusedItemChanges(
  before: Fingerprint,
  after: Fingerprint,
): { opened: RefusedItem[]; alteredIds: string[] } {
  const opened = [...after.refusedItems].filter(([id]) => !before.refusedItems.has(id)).map(([, item]) => item);
  const alteredIds = [...before.refusedItems]
    .filter(([id, item]) => after.refusedItems.get(id)?.row !== item.row)
    .map(([id]) => id);
  return { opened, alteredIds };
}
