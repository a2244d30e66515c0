import type http from 'node:http';
import type https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { PostgresAdapter, sql } from 'kysely';
import type { Logger } from 'pino';
import { createApp } from './app';
import type { ServerConfig } from './config';
import { migrateToLatest, openDatabase, type Db } from './db/database';
import { seedDemoIfEmpty } from './db/seed-demo';
import { createWebServer } from './https';
import { recordMissingInitialPrices } from './catalogue/price-history';
import type { ChangeBus } from './live/change-bus';
import { createChangeBus } from './live/pg-change-bus';

export interface RunningServer {
  url: string;
  db: Db;
  server: http.Server | https.Server;
  seeded: boolean;
  /** Live change fan-out of this instance (PostgreSQL: shared with the other instances). */
  bus: ChangeBus;
  close(): Promise<void>;
}

export function openConfiguredDatabase(config: ServerConfig, pgSchema?: string): Db {
  return openDatabase({
    kind: config.databaseKind,
    sqliteFile: config.sqliteFile,
    databaseUrl: config.databaseUrl,
    ...(pgSchema ? { pgSchema } : {}),
  });
}

/**
 * Migrations, first-start seed and catalogue back-fills, one instance at a time: instances started
 * together on one empty PostgreSQL schema would otherwise create the same tables and seed rows at
 * once. A session advisory lock per schema, held on one connection while it all runs.
 */
async function prepareDatabase(db: Db): Promise<boolean> {
  const prepare = async (d: Db) => {
    await migrateToLatest(d);
    const seeded = await seedDemoIfEmpty(d);
    await recordMissingInitialPrices(d);
    return seeded;
  };
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return prepare(db);
  return db.connection().execute(async (conn) => {
    const key = sql`hashtext('ecomarket-prepare:' || current_schema())`;
    await sql`select pg_advisory_lock(${key})`.execute(conn);
    try {
      return await prepare(conn);
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    }
  });
}

/** Opens the database, migrates, seeds on first start and listens. Used by main and by tests. */
export async function startServer(
  config: ServerConfig,
  logger: Logger,
  options: { db?: Db } = {},
): Promise<RunningServer> {
  const db = options.db ?? openConfiguredDatabase(config);
  const seeded = await prepareDatabase(db);
  // With PostgreSQL, live changes also reach the other server instances (LISTEN/NOTIFY).
  const bus = await createChangeBus({ kind: config.databaseKind, db, databaseUrl: config.databaseUrl, logger });
  const app = createApp({ db, config, logger, bus });
  const { server, scheme } = createWebServer(config, app);
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  }).catch(async (err: unknown) => {
    // The PostgreSQL bus holds a connection of its own: release it, or a failed start hangs.
    await bus.close();
    throw err;
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `${scheme}://${host}:${port}`,
    db,
    server,
    seeded,
    bus,
    async close() {
      // Live streams never end on their own; cut them so close() returns.
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bus.close();
      await db.destroy();
    },
  };
}

/**
 * The store-network URLs to print at start: the machine's IPv4 addresses when the server listens on
 * every interface, none when HOST names one address (running.url is then the only way in).
 */
export function storeNetworkUrls(
  url: string,
  host: string,
  interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces(),
): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [];
  const { protocol, port } = new URL(url);
  return Object.values(interfaces)
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => `${protocol}//${a!.address}:${port}`);
}
