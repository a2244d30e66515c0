import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createParser } from 'eventsource-parser';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import {
  DETAILED_PUSH_ANSWER,
  PUSH_ANSWER_HEADER,
  syncPath,
  SYNC_STREAM_PATH,
  type PairResponse,
  type ProductDoc,
  type ProductsPullResponse,
  type SaleDoc,
  type PushResult,
  type StockPullResponse,
} from '../../shared/protocol';
import { receiptNumber } from '../../shared/sale/receipt-number';
import { issuePairingCode } from '../auth/pairing';
import { loadConfig, type ConfigKey } from '../config';
import { openDatabase, type Db } from '../db/database';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { createLogger } from '../logger';
import { startServer } from '../start-server';
import type { TestDatabase } from './databases';

export interface TestServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The server's own Kysely handle: for assertions on the ledger behind the HTTP answers. */
  db: Db;
  kind: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

/**
 * Starts the real server (startServer: migrate, seed, listen on port 0) on a fresh database:
 * a new SQLite file in a temp dir, or a new PostgreSQL schema t_<random> dropped on close.
 */
export async function startTestServer(
  database: TestDatabase,
  overrides: Partial<Record<ConfigKey, string>> = {},
): Promise<TestServer> {
  const logger = createLogger('silent');
  if (database.kind === 'sqlite') {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecomarket-test-'));
    const config = loadConfig(
      {},
      {
        ...overrides,
        port: '0',
        host: '127.0.0.1',
        logLevel: 'silent',
        dataDir: dir,
        clientDir: path.join(dir, 'dist'),
      },
    );
    const db = openDatabase({ kind: 'sqlite', sqliteFile: config.sqliteFile });
    try {
      const running = await startServer(config, logger, { db });
      return {
        url: running.url,
        db: running.db,
        kind: 'sqlite',
        async close() {
          await running.close();
          await fs.rm(dir, { recursive: true, force: true });
        },
      };
    } catch (err) {
      await db.destroy().catch(() => undefined);
      await fs.rm(dir, { recursive: true, force: true });
      throw err;
    }
  }

  const schema = `t_${randomBytes(6).toString('hex')}`;
  await withAdminClient(database.databaseUrl, (c) => c.query(`CREATE SCHEMA ${schema}`));
  const dropSchema = () =>
    withAdminClient(database.databaseUrl, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  const config = loadConfig(
    {},
    {
      ...overrides,
      port: '0',
      host: '127.0.0.1',
      logLevel: 'silent',
      databaseUrl: database.databaseUrl,
      clientDir: path.join(os.tmpdir(), 'ecomarket-no-client'),
    },
  );
  const db = openDatabase({ kind: 'postgres', databaseUrl: database.databaseUrl, pgSchema: schema });
  try {
    const running = await startServer(config, logger, { db });
    return {
      url: running.url,
      db: running.db,
      kind: 'postgres',
      async close() {
        await running.close();
        await dropSchema();
      },
    };
  } catch (err) {
    await db.destroy().catch(() => undefined);
    await dropSchema().catch(() => undefined);
    throw err;
  }
}

/** A short-lived connection to the PostgreSQL server of `databaseUrl`, for schema set-up and clean-up. */
export async function withAdminClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A second branch with its own location (the seed has one), straight in the database. */
export async function addBranch(db: Db, id: string, receiptPrefix: string): Promise<void> {
  await db
    .insertInto('locations')
    .values({ id, name: `Sucursal ${receiptPrefix}`, kind: 'branch' })
    .execute();
  await db
    .insertInto('branches')
    .values({
      id,
      name: `Sucursal ${receiptPrefix}`,
      location_id: id,
      receipt_prefix: receiptPrefix,
      currency: 'USD',
      created_at: new Date().toISOString(),
    })
    .execute();
}

// ---------------------------------------------------------------------------------------------
// HTTP

export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  method?: string;
  token?: string;
  /** Serialised as JSON with content-type application/json. */
  json?: unknown;
  /** Sent as is (for malformed or oversized bodies). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** One HTTP request to the server; the body is parsed as JSON when the answer is JSON. */
export async function request<T = unknown>(
  baseUrl: string,
  urlPath: string,
  options: RequestOptions = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  } else if (options.rawBody !== undefined) {
    body = options.rawBody;
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(baseUrl + urlPath, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
  });
  const text = await res.text();
  const isJson = (res.headers.get('content-type') ?? '').includes('application/json');
  return { status: res.status, headers: res.headers, body: (isJson && text ? JSON.parse(text) : text) as T };
}

// ---------------------------------------------------------------------------------------------
// Devices

export interface PairedDevice extends PairResponse {
  /** Name sent when pairing. */
  name: string;
}

/** Issues a one-time code for the branch straight in the database and spends it over HTTP. */
export async function pairDevice(
  server: Pick<TestServer, 'url' | 'db'>,
  branchId = DEMO_BRANCH_ID,
  deviceName = `tablet ${randomBytes(3).toString('hex')}`,
): Promise<PairedDevice> {
  const { code } = await issuePairingCode(server.db, branchId, 15);
  const res = await request<PairResponse>(server.url, '/api/devices/pair', { json: { code, deviceName } });
  if (res.status !== 201) throw new Error(`pairing failed with ${res.status}: ${JSON.stringify(res.body)}`);
  return { ...res.body, name: deviceName };
}

// ---------------------------------------------------------------------------------------------
// Sync calls

export function pullProducts(
  baseUrl: string,
  token: string,
  since: { seq?: number; id?: string; limit?: number } = {},
) {
  return request<ProductsPullResponse>(baseUrl, `${syncPath('products', 'pull')}?${pullQuery(since)}`, { token });
}

export function pullStock(baseUrl: string, token: string, since: { seq?: number; id?: string; limit?: number } = {}) {
  return request<StockPullResponse>(baseUrl, `${syncPath('stock', 'pull')}?${pullQuery(since)}`, { token });
}

/** Pushes sales as RxDB push rows ({ newDocumentState }) and asks for the POS's detailed answer. */
export function pushSales(baseUrl: string, token: string, sales: readonly unknown[]) {
  return request<PushResult>(baseUrl, syncPath('sales', 'push'), {
    token,
    json: sales.map((s) => ({ newDocumentState: s })),
    headers: DETAILED_PUSH_HEADERS,
  });
}

/** The header of the POS's pushes: the answer is `{conflicts, acks, rejected}` rather than RxDB's conflicts array. */
export const DETAILED_PUSH_HEADERS = { [PUSH_ANSWER_HEADER]: DETAILED_PUSH_ANSWER };

function pullQuery(since: { seq?: number; id?: string; limit?: number }): string {
  const q = new URLSearchParams();
  if (since.seq !== undefined) q.set('seq', String(since.seq));
  if (since.id !== undefined) q.set('id', since.id);
  if (since.limit !== undefined) q.set('limit', String(since.limit));
  return q.toString();
}

/** Every product of the catalogue, pulled over HTTP in one page. */
export async function catalogue(baseUrl: string, token: string): Promise<ProductDoc[]> {
  const res = await pullProducts(baseUrl, token, { limit: 1000 });
  if (res.status !== 200) throw new Error(`products pull failed with ${res.status}`);
  return res.body.documents;
}

/** Stock level by product id at the branch's location, read from the database. */
export async function stockLevels(db: Db, locationId: string): Promise<Map<string, { quantity: number; seq: number }>> {
  const rows = await db.selectFrom('stock_levels').selectAll().where('location_id', '=', locationId).execute();
  return new Map(rows.map((r) => [r.product_id, { quantity: Number(r.quantity), seq: Number(r.seq) }]));
}

// ---------------------------------------------------------------------------------------------
// Sales

export interface SaleLineSpec {
  product: Pick<ProductDoc, 'id' | 'name' | 'priceCents'> & Partial<Pick<ProductDoc, 'taxRateBp'>>;
  quantity: number;
}

/**
 * A valid SaleDoc for the device: UUIDv7 id, its receipt number for deviceSeq, line totals, total
 * and a cash payment that adds up. Override any field to make it invalid on purpose.
 */
export function makeSale(
  device: Pick<PairResponse, 'deviceId' | 'deviceNumber' | 'branch'>,
  deviceSeq: number,
  lines: readonly SaleLineSpec[],
  overrides: Partial<SaleDoc> = {},
): SaleDoc {
  const saleLines = lines.map(({ product, quantity }) => ({
    productId: product.id,
    name: product.name,
    quantity,
    unitPriceCents: product.priceCents,
    taxRateBp: product.taxRateBp ?? 0,
    discountCents: 0,
    discountReason: null,
    lineTotalCents: product.priceCents * quantity,
  }));
  const totalCents = saleLines.reduce((sum, l) => sum + l.lineTotalCents, 0);
  return {
    id: uuidv7(),
    kind: 'sale',
    refundOf: null,
    branchId: device.branch.id,
    deviceId: device.deviceId,
    deviceSeq,
    receiptNumber: receiptNumber(device.branch.receiptPrefix, device.deviceNumber, deviceSeq),
    cashierId: null,
    cashierName: 'Ana',
    shiftId: null,
    createdAt: new Date().toISOString(),
    currency: device.branch.currency,
    lines: saleLines,
    totalCents,
    // A free sale (total 0) cannot be paid by a positive tender; tests that need one override payments.
    payments: [{ method: 'cash', amountCents: Math.max(1, totalCents), tenderedCents: Math.max(1, totalCents) }],
    _deleted: false,
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// Server-Sent Events

export interface SseEvent {
  event: string;
  data: unknown;
}

export interface SseStream {
  status: number;
  contentType: string | null;
  /** Resolves with the next event named `name` (earlier ones of other names are dropped), or rejects after timeoutMs. */
  next(name: string, timeoutMs: number): Promise<SseEvent>;
  close(): void;
}

/** Opens the device's live stream with fetch and parses the event stream from the body. */
export async function openStream(baseUrl: string, token: string, path: string = SYNC_STREAM_PATH): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(baseUrl + path, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const queue: SseEvent[] = [];
  const waiter: { wake: (() => void) | null } = { wake: null };
  let ended = false;
  const parser = createParser({
    onEvent: ({ event, data }) => {
      queue.push({ event: event ?? 'message', data: data ? JSON.parse(data) : null });
      waiter.wake?.();
    },
  });
  void (async () => {
    if (!res.body) return;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
    } catch {
      // aborted by close()
    } finally {
      ended = true;
      waiter.wake?.();
    }
  })();

  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    async next(name, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const i = queue.findIndex((e) => e.event === name);
        if (i >= 0) return queue.splice(0, i + 1).at(-1)!;
        queue.length = 0;
        if (ended) throw new Error(`stream ended before a "${name}" event`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no "${name}" event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiter.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        waiter.wake = null;
      }
    },
    close() {
      abort.abort();
    },
  };
}
