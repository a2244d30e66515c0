import type SQLite from 'better-sqlite3';

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs as much as running a small
 * insert. The server runs a few hundred distinct statements, so keeping the most recent ones
 * prepared (keyed by SQL text) makes ingest markedly faster (bench/server-bench.ts). Safe with
 * Kysely: its one SQLite connection runs one statement at a time. `onClose` runs when Kysely
 * closes the connection (database.ts stops the WAL checkpoint worker with it).
 */
export function withStatementCache(db: SQLite.Database, size = 1000, onClose?: () => void): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string): SQLite.Statement => {
    let stmt = cache.get(source);
    if (stmt) {
      // Move to the back: the map's first key is the least recently used.
      cache.delete(source);
      cache.set(source, stmt);
      return stmt;
    }
    stmt = db.prepare(source);
    cache.set(source, stmt);
    if (cache.size > size) cache.delete(cache.keys().next().value!);
    return stmt;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      if (prop === 'close' && onClose) {
        return () => {
          onClose();
          return target.close();
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
