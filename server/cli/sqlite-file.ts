import fs from 'node:fs';
import SQLite from 'better-sqlite3';

export interface SqliteFileSummary {
  integrity: string;
  migrations: string[];
  counts: Record<string, number>;
}

/** Opens a database file read-only and checks it is a whole EcoMarket database. */
export function inspectSqliteFile(file: string): SqliteFileSummary {
  if (!fs.existsSync(file)) throw new Error(`There is no file ${file}.`);
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const tables = new Set(
      (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    const migrations = tables.has('kysely_migration')
      ? (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name)
      : [];
    const counts: Record<string, number> = {};
    for (const t of ['branches', 'products', 'devices', 'sales', 'stock_movements']) {
      if (tables.has(t)) counts[t] = (db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
    }
    return { integrity, migrations, counts };
  } finally {
    db.close();
  }
}

export function describeSummary(s: SqliteFileSummary): string {
  return `${Object.entries(s.counts)
    .map(([t, n]) => `${n} ${t.replace('_', ' ')}`)
    .join(', ')}; schema ${s.migrations.at(-1) ?? 'unknown'}`;
}

/**
 * Copies a database with SQLite's online backup (safe while the server writes) into one
 * self-contained file: the copy would inherit WAL mode and leave -wal/-shm files beside it.
 */
export async function copySqliteFile(source: string, target: string): Promise<void> {
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target);
  } finally {
    db.close();
  }
  const copy = new SQLite(target);
  copy.pragma('journal_mode = DELETE');
  copy.close();
}
