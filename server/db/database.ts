import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresAdapter, sql } from 'kysely';
import { FifoSqliteDialect } from './fifo-sqlite-dialect';
import type { Database } from './schema';
import { migrations } from './migrations';
import { OwnSchemaPostgresDialect } from './own-schema-introspector';
import { namePreparedStatements } from './prepared-statements';
import { withStatementCache } from './sqlite-statement-cache';
import { startWalCheckpointer } from './wal-checkpointer';

export type Db = Kysely<Database>;

// int8 columns (sequences, cents) come back as strings by default; they stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export interface OpenDatabaseOptions {
  kind: 'sqlite' | 'postgres';
  sqliteFile?: string;
  databaseUrl?: string;
  /** PostgreSQL schema to use (tests isolate themselves in one each). */
  pgSchema?: string;
  poolSize?: number;
}

export function openDatabase(options: OpenDatabaseOptions): Db {
  if (options.kind === 'postgres') {
    if (!options.databaseUrl) throw new Error('DATABASE_URL is needed for PostgreSQL');
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    // An idle connection dropped by PostgreSQL (restart, failover) must not crash the server;
    // the pool opens a new one on the next query.
    pool.on('error', (err) => console.error(`PostgreSQL connection lost: ${err.message}`));
    pool.on('connect', namePreparedStatements);
    return new Kysely<Database>({ dialect: new OwnSchemaPostgresDialect({ pool }) });
  }
  const file = options.sqliteFile ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: an acknowledged sale must survive a power cut, not just a crash of the process.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MB of page cache instead of 2 MB: the ledger's indexes stay in memory (bench/server-bench.ts).
  sqlite.pragma('cache_size = -65536');
  // Statement journals and the group commit's savepoints in memory instead of a temporary file: past 64 KB SQLite
  // spills them to a file, and every page a push's statements rewrite went through a pwrite (7 % of the server's CPU
  // at the target rate, perf).
  sqlite.pragma('temp_store = MEMORY');
  if (file === ':memory:')
    return new Kysely<Database>({ dialect: new FifoSqliteDialect({ database: withStatementCache(sqlite) }) });
  // WAL checkpoints run in a worker thread (wal-checkpointer.ts); this connection checkpoints by
  // itself only past 4,000 pages (16 MB) of log instead of SQLite's default 1,000.
  sqlite.pragma('wal_autocheckpoint = 4000');
  const checkpointer = startWalCheckpointer(file);
  const database = withStatementCache(sqlite, 1000, () => void checkpointer.stop());
  const db = new Kysely<Database>({ dialect: new FifoSqliteDialect({ database }) });
  walFiles.set(db, `${file}-wal`);
  return db;
}

const walFiles = new WeakMap<Db, string>();

/**
 * The write-ahead log of a SQLite database kept in a file (null: PostgreSQL or in memory). The
 * group committer commits into it without waiting for the disk and then syncs it off the event
 * loop (group-commit.ts).
 */
export function sqliteWalFile(db: Db): string | null {
  return walFiles.get(db) ?? null;
}

export async function migrateToLatest(db: Db): Promise<void> {
  // Each PostgreSQL schema (an install, a test) keeps its own migration tables; the dialect's
  // introspector (own-schema-introspector.ts) only looks in this one.
  const schema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
      : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed)
    throw new Error(`Database migration${failed ? ` ${failed.migrationName}` : ''} failed: ${String(error)}`);
}
