import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { CSRF_HEADER } from '../../../shared/console/manager-session';
import type { ProductDoc } from '../../../shared/protocol';
import { loadConfig } from '../../config';
import { openDatabase, type Db } from '../../db/database';
import { DEMO_BRANCH_ID } from '../../db/seed-demo';
import { issueLegacyKey } from '../../legacy/legacy-keys';
import { startServer } from '../../start-server';
import type { TestDatabase } from '../databases';
import { createManager, signIn } from '../managers';
import { catalogue, pairDevice, withAdminClient, type PairedDevice } from '../test-server';

/**
 * The real server for the fuzz suites, on a fresh database like startTestServer's, but with its
 * error log kept in memory: a 5xx found by the fuzzer is reported with the log line behind it.
 * Holds the three kinds of credentials the API knows: a paired device, a signed-in admin, a legacy key.
 */
export interface FuzzServer {
  url: string;
  db: Db;
  kind: 'sqlite' | 'postgres';
  device: PairedDevice;
  /** Cookie and CSRF headers of a signed-in admin. */
  managerHeaders: Record<string, string>;
  legacyKey: string;
  products: ProductDoc[];
  /** Error lines the server logged since the last call. */
  takeErrorLog(): string[];
  close(): Promise<void>;
}

export async function startFuzzServer(database: TestDatabase): Promise<FuzzServer> {
  let errorLog: string[] = [];
  const logger = pino(
    { level: 'error' },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        errorLog.push(chunk.toString().trim().slice(0, 2000));
        done();
      },
    }),
  );
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecomarket-fuzz-'));
  const schema = database.kind === 'postgres' ? `t_fuzz_${randomBytes(5).toString('hex')}` : '';
  if (database.kind === 'postgres')
    await withAdminClient(database.databaseUrl, (c) => c.query(`CREATE SCHEMA ${schema}`));
  const config = loadConfig(
    {},
    {
      port: '0',
      host: '127.0.0.1',
      logLevel: 'error',
      dataDir: dir,
      clientDir: path.join(dir, 'dist'),
      ...(database.kind === 'postgres' ? { databaseUrl: database.databaseUrl } : {}),
    },
  );
  const db =
    database.kind === 'postgres'
      ? openDatabase({ kind: 'postgres', databaseUrl: database.databaseUrl, pgSchema: schema })
      : openDatabase({ kind: 'sqlite', sqliteFile: config.sqliteFile });
  // A built client for /pos and /assets, so their addresses are fuzzed against real files.
  await fs.mkdir(path.join(dir, 'dist', 'assets'), { recursive: true });
  await fs.mkdir(path.join(dir, 'dist', 'pos'), { recursive: true });
  await fs.mkdir(path.join(dir, 'dist', 'console'), { recursive: true });
  await fs.writeFile(path.join(dir, 'dist', 'pos', 'index.html'), '<!doctype html><title>POS</title>');
  await fs.writeFile(path.join(dir, 'dist', 'console', 'index.html'), '<!doctype html><title>Consola</title>');
  await fs.writeFile(path.join(dir, 'dist', 'assets', 'app-1234.js'), 'export {};');
  await fs.writeFile(path.join(dir, 'dist', 'sw.js'), '');
  const running = await startServer(config, logger, { db });
  const server = { url: running.url, db: running.db };
  const device = await pairDevice(server, DEMO_BRANCH_ID, 'fuzz tablet');
  const admin = await createManager(running.db, { role: 'admin' });
  const signedIn = await signIn(running.url, admin.email, admin.password);
  const legacyKey = (await issueLegacyKey(running.db, DEMO_BRANCH_ID)).key;
  const products = await catalogue(running.url, device.token);
  return {
    url: running.url,
    db: running.db,
    kind: database.kind,
    device,
    managerHeaders: { cookie: signedIn.cookie, [CSRF_HEADER]: signedIn.csrfToken },
    legacyKey,
    products,
    takeErrorLog() {
      const lines = errorLog;
      errorLog = [];
      return lines;
    },
    async close() {
      await running.close();
      if (schema)
        await withAdminClient(database.kind === 'postgres' ? database.databaseUrl : '', (c) =>
          c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
        );
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
