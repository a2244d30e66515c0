import type http from 'node:http';
import type https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { Duplex } from 'node:stream';
import { PostgresAdapter, sql } from 'kysely';
import type { Logger } from 'pino';
import { ERROR_CODES, type ApiErrorBody } from '../shared/protocol/api-error';
import { createApp } from './app';
import type { ServerConfig } from './config';
import { migrateToLatest, openDatabase, type Db } from './db/database';
import { seedDemoIfEmpty } from './db/seed-demo';
import { createWebServer } from './https';
import { ACCEPT_HANDLES, acceptOnMoreHandles } from './http/accept-handles';
import { recordMissingInitialPrices } from './catalogue/price-history';
import { startPriceScheduler } from './catalogue/price-schedule';
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

/**
 * Room for a burst of tablets reconnecting while the event loop is busy (Node's default is 511):
 * connections past the kernel's queue are dropped and retried by the client a second later.
 */
const LISTEN_BACKLOG = 4096;

/** Opens the database, migrates, seeds on first start and listens. Used by main and by tests. */
export async function startServer(
  config: ServerConfig,
  logger: Logger,
  options: { db?: Db; acceptHandles?: number } = {},
): Promise<RunningServer> {
  const db = options.db ?? openConfiguredDatabase(config);
  const seeded = await prepareDatabase(db);
  // With PostgreSQL, live changes also reach the other server instances (LISTEN/NOTIFY).
  const bus = await createChangeBus({ kind: config.databaseKind, db, databaseUrl: config.databaseUrl, logger });
  const app = createApp({ db, config, logger, bus });
  const { server, scheme } = createWebServer(config, app);
  server.on('clientError', answerClientError);
  keepConnectionsAlive(server);
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, resolve);
  }).catch(async (err: unknown) => {
    // The PostgreSQL bus holds a connection of its own: release it, or a failed start hangs.
    await bus.close();
    throw err;
  });
  const stopAccepting = await acceptOnMoreHandles(
    server,
    (options.acceptHandles ?? ACCEPT_HANDLES) - 1,
    LISTEN_BACKLOG,
    logger,
  );
  // Scheduled price changes take effect (tablets pull the new price) while the server runs.
  const prices = startPriceScheduler({ db, bus, logger });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `${scheme}://${host}:${port}`,
    db,
    server,
    seeded,
    bus,
    async close() {
      const copiesClosed = stopAccepting();
      // Live streams never end on their own; cut them so close() returns.
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await copiesClosed;
      await prices.stop();
      await bus.close();
      await db.destroy();
    },
  };
}

/**
 * An idle keep-alive connection stays open 65 s (Node's default is 5 s): longer than the POS's
 * 30-s outbox round and its status report every minute, so a tablet keeps its connection instead
 * of opening a new one each time, and a client that sends on a connection just as the server
 * closes it (which a busy server's late timers made likely at 5 s: connection errors in
 * bench:server, docs/benchmarks.md) is rare. The headers timeout must stay above it.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

function keepConnectionsAlive(server: http.Server | https.Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = Math.max(server.headersTimeout, KEEP_ALIVE_TIMEOUT_MS + 1000);
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

/**
 * A request Node refuses before Express sees it (a request line or headers over 16 KB, a malformed
 * request): answered in the one error shape instead of Node's bare status line.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || (err.code === 'ECONNRESET' && !socket.readable)) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const body: ApiErrorBody = {
    error: tooLarge
      ? {
          code: 'HEADERS_TOO_LARGE',
          message: 'The address or the headers of the request are longer than the 16 KB allowed; shorten them.',
        }
      : { code: 'BAD_REQUEST', message: 'The request is not valid HTTP.' },
  };
  const status = ERROR_CODES[body.error.code as 'HEADERS_TOO_LARGE' | 'BAD_REQUEST'];
  // The seed's clients under /legacy read FastAPI's {detail}; the bytes received tell the path.
  const received = (err as { rawPacket?: Buffer }).rawPacket?.subarray(0, 64).toString('latin1') ?? '';
  const text = JSON.stringify(/^[A-Z]+ \/legacy\//.test(received) ? { detail: body.error.message } : body);
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}
