/**
 * Live-stream fan-out benchmark (issue 9, proof part 3): `npm run bench:streams` (not part of CI).
 *
 * The real server in a child process (bench/chaos/server-process.ts) on a fresh SQLite file or
 * PostgreSQL schema; D devices paired over HTTP across B branches, each holding its live stream
 * (/api/sync/v1/stream) open for the whole run, while the branches sell at a cashier's pace
 * (one sale per device per minute by default, pushed over HTTP) and a manager changes a price
 * every few seconds. Measured: the time from sending a change to its `changed` event arriving on
 * every stream it concerns — a sale on the streams of its branch, a price on all of them — as
 * p50/p99/max, and every error: a stream that failed or ended, a push or edit that was not a 2xx,
 * a stream that never heard of a change within 10 s. Exit code 1 on any error.
 *
 * Options: --devices 500 --branches 25 --seconds 60 --sales-per-device-minute 1 --price-every 5
 * --db sqlite|postgres --database-url postgres://…
 */
import { parseArgs } from 'node:util';
import { createParser } from 'eventsource-parser';
import { v7 as uuidv7 } from 'uuid';
import { CSRF_HEADER } from '../shared/console/manager-session';
import {
  DETAILED_PUSH_ANSWER,
  PUSH_ANSWER_HEADER,
  STREAM_EVENTS,
  SYNC_STREAM_PATH,
  streamChangedSchema,
  syncPath,
  type PairResponse,
  type ProductDoc,
  type PushResult,
} from '../shared/protocol';
import { issuePairingCode } from '../server/auth/pairing';
import { DEMO_BRANCH_ID } from '../server/db/seed-demo';
import { createManager, signIn } from '../server/test/managers';
import { makeSale } from '../server/test/test-server';
import { ServerProcess, type DatabaseKind } from './chaos/server-process';

const { values: args } = parseArgs({
  options: {
    devices: { type: 'string', default: '500' },
    branches: { type: 'string', default: '25' },
    seconds: { type: 'string', default: '60' },
    'sales-per-device-minute': { type: 'string', default: '1' },
    'price-every': { type: 'string', default: '5' },
    db: { type: 'string', default: 'sqlite' },
    'database-url': { type: 'string' },
  },
});
const DEVICES = Number(args.devices);
const BRANCHES = Math.min(Number(args.branches), DEVICES);
const SECONDS = Number(args.seconds);
const SALES_PER_SECOND = (DEVICES * Number(args['sales-per-device-minute'])) / 60;
const PRICE_EVERY_MS = Number(args['price-every']) * 1000;
const DELIVERY_TIMEOUT_MS = 10_000;
const kind = args.db as DatabaseKind;
const databaseUrl = args['database-url'] ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (s: string) => console.log(`[streams ${new Date().toISOString().slice(11, 19)}] ${s}`);
function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const errors = { streamFailed: 0, streamEnded: 0, pushFailed: 0, priceEditFailed: 0, undelivered: 0 };

/** A change the run waits to see on some streams: they hear of it with an event of seq >= `seq`. */
interface Change {
  kind: 'sale' | 'price';
  seq: number;
  collection: 'stock' | 'products';
  sentAt: number;
  waiting: Set<DeviceStream>;
  latencies: number[];
}

/** One device's live stream, and what it has heard lately (a change's answer can come after its event). */
class DeviceStream {
  readonly heard: { seq: number; collections: string[]; at: number }[] = [];
  readonly waitingFor = new Set<Change>();
  private readonly abort = new AbortController();
  open = false;

  constructor(
    readonly device: PairResponse,
    private readonly baseUrl: string,
  ) {}

  async start(): Promise<void> {
    const res = await fetch(this.baseUrl + SYNC_STREAM_PATH, {
      headers: { authorization: `Bearer ${this.device.token}`, accept: 'text/event-stream' },
      signal: this.abort.signal,
    });
    if (res.status !== 200 || !res.body) {
      errors.streamFailed += 1;
      return;
    }
    this.open = true;
    const parser = createParser({
      onEvent: (e) => {
        if (e.event !== STREAM_EVENTS.changed) return;
        const change = streamChangedSchema.parse(JSON.parse(e.data));
        const at = performance.now();
        this.heard.push({ seq: change.seq, collections: change.collections, at });
        while (this.heard.length > 0 && at - this.heard[0]!.at > DELIVERY_TIMEOUT_MS) this.heard.shift();
        for (const c of [...this.waitingFor])
          if (change.seq >= c.seq && change.collections.includes(c.collection)) this.deliver(c, at);
      },
    });
    void (async () => {
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.feed(value);
        }
        if (!this.abort.signal.aborted) errors.streamEnded += 1;
      } catch {
        if (!this.abort.signal.aborted) errors.streamEnded += 1;
      }
      this.open = false;
    })();
  }

  /** The stream should hear of `c`; it may have already. */
  expect(c: Change): void {
    const earlier = this.heard.find((h) => h.seq >= c.seq && h.collections.includes(c.collection));
    if (earlier) c.latencies.push(earlier.at - c.sentAt);
    else {
      c.waiting.add(this);
      this.waitingFor.add(c);
    }
  }

  private deliver(c: Change, at: number): void {
    this.waitingFor.delete(c);
    c.waiting.delete(this);
    c.latencies.push(at - c.sentAt);
  }

  close(): void {
    this.abort.abort();
  }
}

async function main(): Promise<void> {
  const server = await ServerProcess.create(kind, databaseUrl);
  log(`${kind}: starting the server (log: ${server.logFile})`);
  await server.start();
  const db = server.openDb();
  const streams: DeviceStream[] = [];
  try {
    const admin = await createManager(db, { role: 'admin' });
    const manager = await signIn(server.url, admin.email, admin.password);
    const managerHeaders = { cookie: manager.cookie, [CSRF_HEADER]: manager.csrfToken };
    const branchIds = [DEMO_BRANCH_ID];
    for (let b = 1; b < BRANCHES; b++) {
      const id = `bench-${String(b).padStart(3, '0')}`;
      const res = await fetch(`${server.url}/api/console/branches`, {
        method: 'POST',
        headers: { ...managerHeaders, 'content-type': 'application/json' },
        body: JSON.stringify({ id, name: `Sucursal ${b}`, receiptPrefix: `B${b}`, currency: 'USD' }),
      });
      if (res.status !== 201) throw new Error(`creating branch ${id}: ${res.status} ${await res.text()}`);
      branchIds.push(id);
    }
    log(`pairing ${DEVICES} devices across ${BRANCHES} branches`);
    const devices: PairResponse[] = [];
    for (let d = 0; d < DEVICES; d++) {
      const { code } = await issuePairingCode(db, branchIds[d % BRANCHES]!, 60);
      const res = await fetch(`${server.url}/api/devices/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, deviceName: `tablet ${d}` }),
      });
      if (res.status !== 201) throw new Error(`pairing device ${d}: ${res.status} ${await res.text()}`);
      devices.push((await res.json()) as PairResponse);
    }
    const catalogue = (await (
      await fetch(`${server.url}${syncPath('products', 'pull')}?limit=1000`, {
        headers: { authorization: `Bearer ${devices[0]!.token}` },
      })
    ).json()) as { documents: ProductDoc[] };
    const products = catalogue.documents;

    log(`opening ${DEVICES} live streams`);
    for (const device of devices) streams.push(new DeviceStream(device, server.url));
    await Promise.all(streams.map((s) => s.start()));
    const byBranch = new Map<string, DeviceStream[]>();
    for (const s of streams) byBranch.set(s.device.branch.id, [...(byBranch.get(s.device.branch.id) ?? []), s]);
    const open = streams.filter((s) => s.open).length;
    log(`${open} of ${DEVICES} streams open; ${SECONDS} s of sales (${SALES_PER_SECOND.toFixed(1)}/s) and price edits`);

    const changes: Change[] = [];
    const pushLatencies: number[] = [];
    const deviceSeq = new Map<string, number>();
    const inFlight = new Set<Promise<void>>();
    const track = (p: Promise<void>) => {
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    };

    const sell = async (n: number) => {
      const stream = streams[n % streams.length]!;
      const device = stream.device;
      const seq = (deviceSeq.get(device.deviceId) ?? 0) + 1;
      deviceSeq.set(device.deviceId, seq);
      const sale = makeSale(device, seq, [{ product: products[n % products.length]!, quantity: 1 }], {
        id: uuidv7(),
      });
      const sentAt = performance.now();
      const res = await fetch(server.url + syncPath('sales', 'push'), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${device.token}`,
          'content-type': 'application/json',
          [PUSH_ANSWER_HEADER]: DETAILED_PUSH_ANSWER,
        },
        body: JSON.stringify([{ newDocumentState: sale }]),
      }).catch(() => null);
      const body = res?.status === 200 ? ((await res.json()) as PushResult) : null;
      const ack = body?.acks[0];
      if (!ack) {
        errors.pushFailed += 1;
        return;
      }
      pushLatencies.push(performance.now() - sentAt);
      const change: Change = {
        kind: 'sale',
        seq: ack.appliedSeq,
        collection: 'stock',
        sentAt,
        waiting: new Set(),
        latencies: [],
      };
      changes.push(change);
      for (const s of byBranch.get(device.branch.id) ?? []) s.expect(change);
    };

    const changePrice = async (n: number) => {
      const product = products[n % products.length]!;
      const current = await db
        .selectFrom('products')
        .select('seq')
        .where('id', '=', product.id)
        .executeTakeFirstOrThrow();
      const sentAt = performance.now();
      const res = await fetch(`${server.url}/api/console/products/${product.id}`, {
        method: 'PATCH',
        headers: { ...managerHeaders, 'content-type': 'application/json' },
        body: JSON.stringify({ baseSeq: Number(current.seq), priceCents: 100 + (n % 900) }),
      }).catch(() => null);
      const body = res?.status === 200 ? ((await res.json()) as { product: { seq: number } }) : null;
      if (!body) {
        errors.priceEditFailed += 1;
        return;
      }
      const change: Change = {
        kind: 'price',
        seq: body.product.seq,
        collection: 'products',
        sentAt,
        waiting: new Set(),
        latencies: [],
      };
      changes.push(change);
      for (const s of streams) s.expect(change);
    };

    const start = performance.now();
    let sales = 0;
    let prices = 0;
    while (performance.now() - start < SECONDS * 1000) {
      const elapsed = performance.now() - start;
      while (sales < (elapsed / 1000) * SALES_PER_SECOND) track(sell(sales++));
      while (prices < elapsed / PRICE_EVERY_MS) track(changePrice(prices++));
      await sleep(20);
    }
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    await sleep(DELIVERY_TIMEOUT_MS);
    for (const c of changes) errors.undelivered += c.waiting.size;
    const stillOpen = streams.filter((s) => s.open).length;

    const report = (k: Change['kind']) => {
      const all = changes.filter((c) => c.kind === k).flatMap((c) => c.latencies);
      return {
        changes: changes.filter((c) => c.kind === k).length,
        deliveries: all.length,
        p50: Math.round(percentile(all, 50)),
        p99: Math.round(percentile(all, 99)),
        max: Math.round(Math.max(...all)),
      };
    };
    const sale = report('sale');
    const price = report('price');
    const totalErrors = Object.values(errors).reduce((a, b) => a + b, 0);
    console.log(`
stream fan-out: ${DEVICES} devices (${BRANCHES} branches), ${SECONDS} s, ${kind}
| change                         | changes | deliveries | p50 ms | p99 ms | max ms |
|--------------------------------|--------:|-----------:|-------:|-------:|-------:|
| sale → its branch's streams    | ${String(sale.changes).padStart(7)} | ${String(sale.deliveries).padStart(10)} | ${String(sale.p50).padStart(6)} | ${String(sale.p99).padStart(6)} | ${String(sale.max).padStart(6)} |
| price → every stream           | ${String(price.changes).padStart(7)} | ${String(price.deliveries).padStart(10)} | ${String(price.p50).padStart(6)} | ${String(price.p99).padStart(6)} | ${String(price.max).padStart(6)} |
sales push (sent → acknowledged): p50 ${Math.round(percentile(pushLatencies, 50))} ms, p99 ${Math.round(percentile(pushLatencies, 99))} ms
streams open at the start ${open}, at the end ${stillOpen}
errors: ${totalErrors} ${JSON.stringify(errors)}
`);
    for (const s of streams) s.close();
    process.exitCode = totalErrors === 0 && open === DEVICES && stillOpen === DEVICES ? 0 : 1;
  } finally {
    for (const s of streams) s.close();
    await db.destroy().catch(() => undefined);
    await server.cleanup(process.exitCode === 1).catch(() => undefined);
  }
}

await main();
