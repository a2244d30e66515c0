import type http from 'node:http';
import type https from 'node:https';
import type { AddressInfo } from 'node:net';
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

/** Opens the database, migrates, seeds on first start and listens. Used by main and by tests. */
export async function startServer(
  config: ServerConfig,
  logger: Logger,
  options: { db?: Db } = {},
): Promise<RunningServer> {
  const db = options.db ?? openConfiguredDatabase(config);
  await migrateToLatest(db);
  const seeded = await seedDemoIfEmpty(db);
  await recordMissingInitialPrices(db);
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
