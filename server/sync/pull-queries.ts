import type {
  Ack,
  BranchSettingsDoc,
  CashierDoc,
  Checkpoint,
  OtherStockLevelDoc,
  ProductDoc,
  SaleDoc,
  StockLevelDoc,
  TransferDoc,
} from '../../shared/protocol';
import { stockLevelId } from '../../shared/protocol';
import { branchSettings, settingsDoc } from '../catalogue/branch-settings';
import { cashierDoc } from '../catalogue/cashier-rows';
import { productDoc } from '../catalogue/product-rows';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db/database';
import { stockAcksBetween } from '../ledger/device-acks';

/** SPEC S5: rows strictly after the checkpoint in (seq, id) order, the RxDB pull contract. */
function afterCheckpoint(since: Checkpoint, idColumn: 'id' | 'product_id' = 'id') {
  return sql<SqlBool>`(seq > ${since.seq} or (seq = ${since.seq} and ${sql.ref(idColumn)} > ${since.id}))`;
}

export async function productsSince(
  db: Db,
  since: Checkpoint,
  limit: number,
): Promise<{ documents: ProductDoc[]; checkpoint: Checkpoint | null; remaining: number }> {
  const rows = await db
    .selectFrom('products')
    .selectAll()
    .where(afterCheckpoint(since))
    .orderBy('seq')
    .orderBy('id')
    .limit(limit)
    .execute();
  const last = rows.at(-1);
  const checkpoint = last ? { seq: Number(last.seq), id: last.id } : null;
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
  return { documents: rows.map(productDoc), checkpoint, remaining };
}

/**
 * Stock levels of one location after the checkpoint, plus the acks of the device's stock-moving documents
 * applied up to the last level returned (SPEC S4): the device stores those acks first, so it
 * never holds a level that includes a sale it still counts as pending.
 */
export async function stockSince(
  db: Db,
  locationId: string,
  deviceId: string,
  since: Checkpoint,
  limit: number,
): Promise<{ documents: StockLevelDoc[]; checkpoint: Checkpoint | null; acks: Ack[] }> {
  const rows = await db
    .selectFrom('stock_levels')
    .selectAll()
    .where('location_id', '=', locationId)
    .where(afterCheckpoint(since, 'product_id'))
    .orderBy('seq')
    .orderBy('product_id')
    .limit(limit)
    .execute();
  const last = rows.at(-1);
  if (!last) return { documents: [], checkpoint: null, acks: [] };
  const upTo = Number(last.seq);
  const acks = await stockAcksBetween(db, deviceId, since.seq, upTo);
  return {
    documents: rows.map((r) => ({
      id: stockLevelId(r.location_id, r.product_id),
      locationId: r.location_id,
      productId: r.product_id,
      quantity: Number(r.quantity),
      reorderLevel: r.reorder_level === null ? null : Number(r.reorder_level),
      seq: Number(r.seq),
      _deleted: false,
    })),
    // The checkpoint id is the product id: ties on seq are broken within one location.
    checkpoint: { seq: upTo, id: last.product_id },
    acks,
  };
}

type Page<D> = { documents: D[]; checkpoint: Checkpoint | null };

/**
 * Levels of every location but the device's own (other branches and the centre), read-only on the
 * device. The checkpoint id is the level id `<location>:<product>`, which breaks ties on seq.
 */
export async function otherStockSince(
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
    .select([
      'stock_levels.location_id',
      'stock_levels.product_id',
      'stock_levels.quantity',
      'stock_levels.reorder_level',
      'stock_levels.seq',
      'stock_levels.updated_at',
      'locations.name as location_name',
    ])
    .where('stock_levels.location_id', '<>', ownLocationId)
    .where((eb) =>
      eb.or([
        eb('stock_levels.seq', '>', since.seq),
        eb.and([
          eb('stock_levels.seq', '=', since.seq),
          eb.or([
            eb('stock_levels.location_id', '>', afterLocation),
            eb.and([
              eb('stock_levels.location_id', '=', afterLocation),
              eb('stock_levels.product_id', '>', afterProduct),
            ]),
          ]),
        ]),
      ]),
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
export async function salesSince(
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
    .where(afterCheckpoint(since))
    .orderBy('seq')
    .orderBy('id')
    .limit(limit)
    .execute();
  const last = rows.at(-1);
  return {
    documents: rows.map((r) => JSON.parse(r.body) as SaleDoc),
    checkpoint: last ? { seq: Number(last.seq), id: last.id } : null,
  };
}

/** The branch's cashiers with their PIN hashes (never a PIN), including deactivated and deleted ones. */
export async function cashiersSince(
  db: Db,
  branchId: string,
  since: Checkpoint,
  limit: number,
): Promise<Page<CashierDoc>> {
  const rows = await db
    .selectFrom('cashiers')
    .selectAll()
    .where('branch_id', '=', branchId)
    .where(afterCheckpoint(since))
    .orderBy('seq')
    .orderBy('id')
    .limit(limit)
    .execute();
  const last = rows.at(-1);
  return { documents: rows.map(cashierDoc), checkpoint: last ? { seq: Number(last.seq), id: last.id } : null };
}

/**
 * The branch's one settings document. A branch nobody configured yet has the defaults at seq 0,
 * so a device's first pull (checkpoint {0, ''}) still gets it.
 */
export async function settingsSince(db: Db, branchId: string, since: Checkpoint): Promise<Page<BranchSettingsDoc>> {
  const settings = await branchSettings(db, branchId);
  if (!settings) return { documents: [], checkpoint: null };
  const isNew = settings.seq > since.seq || (settings.seq === since.seq && settings.branchId > since.id);
  if (!isNew) return { documents: [], checkpoint: null };
  return { documents: [settingsDoc(settings)], checkpoint: { seq: settings.seq, id: settings.branchId } };
}

/** Transfers addressed to the device's location (it receives them and confirms what arrived). */
export async function transfersSince(
  db: Db,
  locationId: string,
  since: Checkpoint,
  limit: number,
): Promise<Page<TransferDoc>> {
  const rows = await db
    .selectFrom('transfers')
    .selectAll()
    .where('to_location_id', '=', locationId)
    .where(afterCheckpoint(since))
    .orderBy('seq')
    .orderBy('id')
    .limit(limit)
    .execute();
  const last = rows.at(-1);
  return {
    documents: rows.map((r) => ({
      id: r.id,
      fromLocationId: r.from_location_id,
      toLocationId: r.to_location_id,
      lines: JSON.parse(r.lines) as TransferDoc['lines'],
      status: r.status,
      note: r.note,
      sentAt: r.sent_at,
      _deleted: false,
    })),
    checkpoint: last ? { seq: Number(last.seq), id: last.id } : null,
  };
}
