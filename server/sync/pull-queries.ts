import type { z } from 'zod';
import type {
  Ack,
  BranchSettingsDoc,
  CashierDoc,
  Checkpoint,
  OtherStockLevelDoc,
  ProductDoc,
  PulledCollection,
  REPLICATED,
  SaleDoc,
  StockLevelDoc,
  TransferDoc,
} from '../../shared/protocol';
import { stockLevelId } from '../../shared/protocol';
import type { DeviceIdentity } from '../auth/device-identity';
import { branchSettings, settingsDoc } from '../catalogue/branch-settings';
import { cashierDoc } from '../catalogue/cashier-rows';
import { productDoc } from '../catalogue/product-rows';
import { sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db/database';
import { stockAcksBetween } from '../ledger/device-acks';
import { SingleFlight } from './single-flight';
import { JsonParts } from './send-json';

/** One pull: who asks, from where, how many at most. */
export interface PullRequest {
  db: Db;
  device: DeviceIdentity;
  since: Checkpoint;
  limit: number;
}

/** The answer of a pulled collection, as its pull response schema in shared/protocol says. */
export type PullAnswer<K extends PulledCollection> = z.input<(typeof REPLICATED)[K]['pullResponse']>;

/**
 * The query behind each pulled collection of shared/protocol's table (REPLICATED); the server's
 * pull routes are made from it. A new pulled collection needs its entry here.
 */
export function pullQueries(options: { salesPullDays: number }): {
  [K in PulledCollection]: (pull: PullRequest) => Promise<PullAnswer<K> | JsonParts<PullAnswer<K>>>;
} {
  return {
    products: ({ db, since, limit }) => productsSince(db, since, limit),
    stock: ({ db, device, since, limit }) => stockSince(db, device, since, limit),
    otherstock: ({ db, device, since, limit }) => otherStockSince(db, device.locationId, since, limit),
    cashiers: ({ db, device, since, limit }) => cashiersSince(db, device.branchId, since, limit),
    settings: ({ db, device, since }) => settingsSince(db, device.branchId, since),
    transfers: ({ db, device, since, limit }) => transfersSince(db, device.locationId, since, limit),
    sales: ({ db, device, since, limit }) => {
      const receivedSince = new Date(Date.now() - options.salesPullDays * 86_400_000).toISOString();
      return salesSince(db, device.branchId, receivedSince, since, limit);
    },
  };
}

/** SPEC S5: the first `limit` rows strictly after the checkpoint in (seq, id) order, the RxDB pull contract. */
function pageAfter(since: Checkpoint, limit: number, idColumn: 'id' | 'product_id' = 'id') {
  return <DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>) =>
    query
      // A row value, not `seq > ? or (seq = ? and id > ?)`: both databases seek the (…, seq, id) index
      // to the checkpoint with it, where the OR form made SQLite read the whole section and filter.
      .where(sql<SqlBool>`(seq, ${sql.ref(idColumn)}) > (${since.seq}, ${since.id})`)
      .orderBy(sql.ref('seq'))
      .orderBy(sql.ref(idColumn))
      .limit(limit);
}

type Page<D> = { documents: D[]; checkpoint: Checkpoint | null };

/** A page of rows read in (seq, id) order: its documents, and the checkpoint of its last row (null: nothing new). */
function pageOf<R extends { seq: number | string | bigint; id: string }, D>(rows: R[], toDoc: (row: R) => D): Page<D> {
  const last = rows.at(-1);
  return { documents: rows.map(toDoc), checkpoint: last ? { seq: Number(last.seq), id: last.id } : null };
}

async function productsSince(
  db: Db,
  since: Checkpoint,
  limit: number,
): Promise<{ documents: ProductDoc[]; checkpoint: Checkpoint | null; remaining: number }> {
  const rows = await db.selectFrom('products').selectAll().$call(pageAfter(since, limit)).execute();
  const { documents, checkpoint } = pageOf(rows, productDoc);
  // Counted only when the page is full: a first download shows "N of total" (SPEC S5 order).
  // Two range counts on the (seq, id) index rather than one over the OR, which scans the table.
  const count = async (where: RawBuilder<SqlBool>) =>
    Number(
      (
        await db
          .selectFrom('products')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where(where)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const remaining =
    checkpoint && rows.length === limit
      ? (await count(sql<SqlBool>`seq > ${checkpoint.seq}`)) +
        (await count(sql<SqlBool>`seq = ${checkpoint.seq} and id > ${checkpoint.id}`))
      : 0;
  return { documents, checkpoint, remaining };
}

/**
 * A page of one location's stock levels after a checkpoint: what every device of that location
 * asking from that checkpoint gets, read once for all of them (sharedStockPages). `head` is the
 * answer's JSON up to its acks, as bytes, written as is to each of them.
 */
export interface StockPage {
  documents: StockLevelDoc[];
  checkpoint: Checkpoint | null;
  head: Buffer;
}

/**
 * Stock pages read once for every request of the same location, checkpoint and limit that arrived
 * before the read took its connection (SingleFlight): in a reconnect storm the tablets of a branch
 * pull from the same checkpoint. On SQLite the connection is the one a group commit holds through
 * its fdatasync, so the read sees only what is durable, as before.
 */
export function sharedStockPages(db: Db): SharedStockPages {
  const flight = new SingleFlight<StockPage>();
  const page = (locationId: string, since: Checkpoint, limit: number) =>
    flight.run(`${locationId}\u0000${since.seq}\u0000${since.id}\u0000${limit}`, async (started) => {
      // Start after the requests read in this turn of the event loop, so that they can share it: when
      // tablets reconnect together the loop parses many requests a turn (server/http/accept-handles.ts).
      await new Promise((resolve) => setImmediate(resolve));
      return db.connection().execute(async (conn) => {
        started();
        const rows = await conn
          .selectFrom('stock_levels')
          .select(['product_id', 'quantity', 'reorder_level', 'seq'])
          .where('location_id', '=', locationId)
          .$call(pageAfter(since, limit, 'product_id'))
          .execute();
        const documents = rows.map((r) => ({
          id: stockLevelId(locationId, r.product_id),
          locationId,
          productId: r.product_id,
          quantity: Number(r.quantity),
          reorderLevel: r.reorder_level === null ? null : Number(r.reorder_level),
          seq: Number(r.seq),
          _deleted: false as const,
        }));
        const last = rows.at(-1);
        // The checkpoint id is the product id: ties on seq are broken within one location.
        const checkpoint = last ? { seq: Number(last.seq), id: last.product_id } : null;
        const head = Buffer.from(
          `{"documents":${JSON.stringify(documents)},"checkpoint":${JSON.stringify(checkpoint)},"acks":`,
        );
        return { documents, checkpoint, head };
      });
    });
  return Object.assign(page, { flight });
}

/** A location's stock page after a checkpoint, shared (and its reads, counted, for tests). */
export type SharedStockPages = ((locationId: string, since: Checkpoint, limit: number) => Promise<StockPage>) & {
  flight: SingleFlight<StockPage>;
};

const stockPagesByDb = new WeakMap<Db, SharedStockPages>();

/** The one sharedStockPages of a database (every request on it shares its reads). */
export function stockPagesOf(db: Db): SharedStockPages {
  let shared = stockPagesByDb.get(db);
  if (!shared) stockPagesByDb.set(db, (shared = sharedStockPages(db)));
  return shared;
}

/**
 * Stock levels of one location after the checkpoint (the page shared by the location's devices), plus
 * the acks of the device's stock-moving documents applied up to the last level returned (SPEC S4): the
 * device stores those acks first, so it never holds a level that includes a sale it still counts as
 * pending. The acks are the device's own, read after the page (so they cover at least every level in it).
 */
async function stockSince(
  db: Db,
  device: DeviceIdentity,
  since: Checkpoint,
  limit: number,
): Promise<JsonParts<PullAnswer<'stock'>>> {
  const page = await stockPagesOf(db)(device.locationId, since, limit);
  const acks: Ack[] = page.checkpoint
    ? await stockAcksBetween(db, device.deviceId, since.seq, page.checkpoint.seq)
    : [];
  return new JsonParts(page.head, `${JSON.stringify(acks)}}`);
}

/**
 * Levels of every location but the device's own (other branches and the centre), read-only on the
 * device. The checkpoint id is the level id `<location>:<product>`, which breaks ties on seq.
 */
async function otherStockSince(
  db: Db,
  ownLocationId: string,
  since: Checkpoint,
  limit: number,
): Promise<Page<OtherStockLevelDoc>> {
  const cut = since.id.lastIndexOf(':');
  const afterLocation = cut < 0 ? since.id : since.id.slice(0, cut);
  const afterProduct = cut < 0 ? '' : since.id.slice(cut + 1);
  const rows = await db
    .selectFrom('stock_levels')
    .innerJoin('locations', 'locations.id', 'stock_levels.location_id')
    .selectAll('stock_levels')
    .select('locations.name as location_name')
    .where('stock_levels.location_id', '<>', ownLocationId)
    .where(
      sql<SqlBool>`(stock_levels.seq, stock_levels.location_id, stock_levels.product_id) > (${since.seq}, ${afterLocation}, ${afterProduct})`,
    )
    .orderBy('stock_levels.seq')
    .orderBy('stock_levels.location_id')
    .orderBy('stock_levels.product_id')
    .limit(limit)
    .execute();
  const documents = rows.map((r) => ({
    id: stockLevelId(r.location_id, r.product_id),
    locationId: r.location_id,
    productId: r.product_id,
    quantity: Number(r.quantity),
    reorderLevel: r.reorder_level === null ? null : Number(r.reorder_level),
    seq: Number(r.seq),
    locationName: r.location_name,
    updatedAt: r.updated_at,
    _deleted: false,
  }));
  const last = documents.at(-1);
  return { documents, checkpoint: last ? { seq: last.seq, id: last.id } : null };
}

/**
 * The branch's sales and refunds received since `receivedSince` (server time), from every device
 * of the branch, as the devices sent them: a tablet can refund a sale made on another one.
 */
async function salesSince(
  db: Db,
  branchId: string,
  receivedSince: string,
  since: Checkpoint,
  limit: number,
): Promise<Page<SaleDoc>> {
  const rows = await db
    .selectFrom('sales')
    .select(['id', 'seq', 'body'])
    .where('branch_id', '=', branchId)
    .where('received_at', '>=', receivedSince)
    .$call(pageAfter(since, limit))
    .execute();
  return pageOf(rows, (r) => JSON.parse(r.body) as SaleDoc);
}

/** The branch's cashiers with their PIN hashes (never a PIN), including deactivated and deleted ones. */
async function cashiersSince(db: Db, branchId: string, since: Checkpoint, limit: number): Promise<Page<CashierDoc>> {
  const rows = await db
    .selectFrom('cashiers')
    .selectAll()
    .where('branch_id', '=', branchId)
    .$call(pageAfter(since, limit))
    .execute();
  return pageOf(rows, cashierDoc);
}

/**
 * The branch's one settings document. A branch nobody configured yet has the defaults at seq 0,
 * so a device's first pull (checkpoint {0, ''}) still gets it.
 */
async function settingsSince(db: Db, branchId: string, since: Checkpoint): Promise<Page<BranchSettingsDoc>> {
  const settings = await branchSettings(db, branchId);
  if (!settings) return { documents: [], checkpoint: null };
  const isNew = settings.seq > since.seq || (settings.seq === since.seq && settings.branchId > since.id);
  if (!isNew) return { documents: [], checkpoint: null };
  return { documents: [settingsDoc(settings)], checkpoint: { seq: settings.seq, id: settings.branchId } };
}

/** Transfers addressed to the device's location (it receives them and confirms what arrived). */
async function transfersSince(
  db: Db,
  locationId: string,
  since: Checkpoint,
  limit: number,
): Promise<Page<TransferDoc>> {
  const rows = await db
    .selectFrom('transfers')
    .selectAll()
    .where('to_location_id', '=', locationId)
    // Drafts never reach the tablets (one cancelled unsent arrives as cancelled); the document keeps its shape.
    .where('status', '<>', 'draft')
    .$call(pageAfter(since, limit))
    .execute();
  return pageOf(rows, (r): TransferDoc => ({
    id: r.id,
    fromLocationId: r.from_location_id,
    toLocationId: r.to_location_id,
    lines: JSON.parse(r.lines) as TransferDoc['lines'],
    status: r.status === 'draft' ? 'cancelled' : r.status,
    note: r.note,
    sentAt: r.sent_at,
    _deleted: false,
  }));
}
