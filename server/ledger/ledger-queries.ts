import type { Page, TransferRow } from '../../shared/console/ledger-api';
import type { SaleDoc } from '../../shared/protocol';
import { shiftReport, type ShiftReport } from '../../shared/sale/shift-report';
import type { Db } from '../db/database';
import type { ShiftEventDoc } from '../../shared/protocol';

/** The (seq, id) of a newest-first list's cursor (cursorSchema has checked its form). */
export function splitCursor(cursor: string): { seq: number; id: string } {
  const dot = cursor.indexOf('.');
  return { seq: Number(cursor.slice(0, dot)), id: cursor.slice(dot + 1) };
}

/** The level of one product at one location now (0 where it never moved); a transaction's view inside one. */
export async function stockLevelOf(db: Db, locationId: string, productId: string): Promise<number> {
  const level = await db
    .selectFrom('stock_levels')
    .select('quantity')
    .where('location_id', '=', locationId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return Number(level?.quantity ?? 0);
}

export interface StockRow {
  locationId: string;
  productId: string;
  productName: string;
  sku: string;
  quantity: number;
  reorderLevel: number | null;
  seq: number;
  updatedAt: string;
}

/** Levels of one location by product id; the cursor is the last product id of the previous page. */
export async function listStock(
  db: Db,
  q: { locationId: string; cursor?: string; limit: number },
): Promise<Page<StockRow>> {
  let query = db
    .selectFrom('stock_levels')
    .innerJoin('products', 'products.id', 'stock_levels.product_id')
    .selectAll('stock_levels')
    .select(['products.name', 'products.sku'])
    .where('stock_levels.location_id', '=', q.locationId);
  if (q.cursor) query = query.where('stock_levels.product_id', '>', q.cursor);
  const rows = await query
    .orderBy('stock_levels.product_id')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({
      locationId: r.location_id,
      productId: r.product_id,
      productName: r.name,
      sku: r.sku,
      quantity: Number(r.quantity),
      reorderLevel: r.reorder_level === null ? null : Number(r.reorder_level),
      seq: Number(r.seq),
      updatedAt: r.updated_at,
    })),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.product_id ?? null) : null,
  };
}

export interface SaleRow {
  id: string;
  kind: 'sale' | 'refund';
  refundOf: string | null;
  branchId: string;
  deviceId: string;
  receiptNumber: string;
  cashierName: string;
  shiftId: string | null;
  deviceCreatedAt: string;
  receivedAt: string;
  currency: string;
  totalCents: number;
  payments: SaleDoc['payments'];
  lines: SaleDoc['lines'];
  seq: number;
}

/** Sales and refunds newest first (server order), with their lines and payments. */
export async function listSales(
  db: Db,
  q: { branches: 'all' | string[]; branchId?: string; cursor?: string; limit: number },
): Promise<Page<SaleRow>> {
  let query = db
    .selectFrom('sales')
    .select([
      'id',
      'kind',
      'refund_of',
      'branch_id',
      'device_id',
      'receipt_number',
      'cashier_name',
      'shift_id',
      'device_created_at',
      'received_at',
      'currency',
      'total_cents',
      'body',
      'seq',
    ]);
  if (q.branches !== 'all') {
    if (q.branches.length === 0) return { items: [], nextCursor: null };
    query = query.where('branch_id', 'in', q.branches);
  }
  if (q.branchId) query = query.where('branch_id', '=', q.branchId);
  if (q.cursor) {
    const c = splitCursor(q.cursor);
    query = query.where((eb) => eb.or([eb('seq', '<', c.seq), eb.and([eb('seq', '=', c.seq), eb('id', '<', c.id)])]));
  }
  const rows = await query
    .orderBy('seq', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => {
      const doc = JSON.parse(r.body) as SaleDoc;
      return {
        id: r.id,
        kind: r.kind,
        refundOf: r.refund_of,
        branchId: r.branch_id,
        deviceId: r.device_id,
        receiptNumber: r.receipt_number,
        cashierName: r.cashier_name,
        shiftId: r.shift_id,
        deviceCreatedAt: r.device_created_at,
        receivedAt: r.received_at,
        currency: r.currency,
        totalCents: Number(r.total_cents),
        payments: doc.payments,
        lines: doc.lines,
        seq: Number(r.seq),
      };
    }),
    nextCursor: rows.length > q.limit && last ? `${Number(last.seq)}.${last.id}` : null,
  };
}

/** Reports of a branch's most recent shifts (by the last event received), from events and the shift's sales. */
export async function shiftReports(db: Db, branchId: string, limit: number): Promise<ShiftReport[]> {
  const shifts = await db
    .selectFrom('shift_events')
    .select(['shift_id', (eb) => eb.fn.max('applied_seq').as('last_seq')])
    .where('branch_id', '=', branchId)
    .groupBy('shift_id')
    .orderBy('last_seq', 'desc')
    .limit(limit)
    .execute();
  if (shifts.length === 0) return [];
  const ids = shifts.map((s) => s.shift_id);
  const events = await db
    .selectFrom('shift_events')
    .select(['shift_id', 'body'])
    .where('shift_id', 'in', ids)
    .where('branch_id', '=', branchId)
    .execute();
  const sales = await db
    .selectFrom('sales')
    .select(['shift_id', 'body'])
    .where('shift_id', 'in', ids)
    .where('branch_id', '=', branchId)
    .execute();
  return ids.map((id) =>
    shiftReport(
      id,
      events.filter((e) => e.shift_id === id).map((e) => JSON.parse(e.body) as ShiftEventDoc),
      sales.filter((s) => s.shift_id === id).map((s) => JSON.parse(s.body) as SaleDoc),
    ),
  );
}

/** Transfers newest first; `locations` limits a branch manager to transfers from or to their locations. */
export async function listTransfers(
  db: Db,
  q: {
    locations: 'all' | string[];
    locationId?: string;
    status?: TransferRow['status'] | 'sent';
    cursor?: string;
    limit: number;
  },
): Promise<Page<TransferRow>> {
  let query = db.selectFrom('transfers').selectAll();
  const locations = q.locations;
  if (locations !== 'all') {
    if (locations.length === 0) return { items: [], nextCursor: null };
    query = query.where((eb) =>
      eb.or([eb('transfers.from_location_id', 'in', locations), eb('transfers.to_location_id', 'in', locations)]),
    );
  }
  const locationId = q.locationId;
  if (locationId)
    query = query.where((eb) =>
      eb.or([eb('transfers.from_location_id', '=', locationId), eb('transfers.to_location_id', '=', locationId)]),
    );
  if (q.status) query = query.where('transfers.status', '=', q.status === 'in_transit' ? 'sent' : q.status);
  if (q.cursor) {
    const c = splitCursor(q.cursor);
    query = query.where((eb) =>
      eb.or([
        eb('transfers.seq', '<', c.seq),
        eb.and([eb('transfers.seq', '=', c.seq), eb('transfers.id', '<', c.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('transfers.seq', 'desc')
    .orderBy('transfers.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      fromLocationId: r.from_location_id,
      toLocationId: r.to_location_id,
      lines: JSON.parse(r.lines) as TransferRow['lines'],
      receivedLines: r.received_lines ? (JSON.parse(r.received_lines) as TransferRow['lines']) : null,
      // Stored 'sent' (what the tablets pull) is the console's in transit, until the destination confirms.
      status: r.status === 'sent' ? 'in_transit' : r.status,
      note: r.note,
      createdAt: r.created_at ?? r.sent_at,
      // Never sent: a draft, or a draft cancelled (rows from before drafts have no created_at and were all sent).
      sentAt: r.status === 'draft' || (r.sent_seq === null && r.created_at !== null) ? null : r.sent_at,
      receivedAt: r.received_at,
      createdBy: r.created_by,
      seq: Number(r.seq),
    })),
    nextCursor: rows.length > q.limit && last ? `${Number(last.seq)}.${last.id}` : null,
  };
}
