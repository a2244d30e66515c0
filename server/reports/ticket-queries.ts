import { lineGrossCents } from '../../shared/sale/line-amount';
import type { LinesResponse, SalesFilter, TicketDetail, TicketsResponse } from '../../shared/console/reports-sales';
import type { SaleDoc } from '../../shared/protocol';
import { taxBreakdown } from '../../shared/sale/cart-math';
import type { ManagerIdentity } from '../auth/manager-session';
import { canManageBranch } from '../auth/manager-session';
import { ApiError } from '../http/api-error';
import { CatalogueReads } from '../ledger/master-price';
import type { ReportDb } from './report-db';
import type { ScopedBranch } from './report-scope';
import { ticketConditions } from './sales-filter';
import { keysetPage } from '../http/keyset-page';

function cursorParts(cursor: string | undefined): { soldAt: string; id: string; lineNo: number } | null {
  if (!cursor) return null;
  const [soldAt, id, lineNo] = cursor.split('|');
  if (!soldAt || !id || Number.isNaN(Date.parse(soldAt)))
    throw new ApiError('BAD_REQUEST', 'The cursor is not one this server gave; start again from the first page.');
  return { soldAt, id, lineNo: Number(lineNo ?? 0) };
}

/** The tickets behind any figure of the explorer, newest first. */
export async function listTickets(
  db: ReportDb,
  f: SalesFilter & { cursor?: string; limit: number },
  branches: readonly ScopedBranch[],
): Promise<TicketsResponse> {
  const after = cursorParts(f.cursor);
  const rows = await db
    .selectFrom('report_tickets as t')
    .innerJoin('sales as s', 's.id', 't.sale_id')
    .innerJoin('devices as d', 'd.id', 't.device_id')
    .select([
      't.sale_id',
      't.kind',
      's.receipt_number',
      't.branch_id',
      't.device_id',
      'd.name as device_name',
      't.cashier_name',
      't.sold_at',
      't.local_date',
      't.tender',
      't.units',
      't.total_cents',
    ])
    .where((eb) => ticketConditions(eb as never, f, branches))
    .$if(after !== null, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('t.sold_at', '<', after!.soldAt),
          eb.and([eb('t.sold_at', '=', after!.soldAt), eb('t.sale_id', '<', after!.id)]),
        ]),
      ),
    )
    .orderBy('t.sold_at', 'desc')
    .orderBy('t.sale_id', 'desc')
    .limit(f.limit + 1)
    .execute();
  const names = new Map(branches.map((b) => [b.id, b.name]));
  const { page, nextCursor } = keysetPage(rows, f.limit, (last) => `${last.sold_at}|${last.sale_id}`);
  return {
    tickets: page.map((r) => ({
      id: r.sale_id,
      kind: r.kind,
      receiptNumber: r.receipt_number,
      branchId: r.branch_id,
      branchName: names.get(r.branch_id) ?? r.branch_id,
      deviceId: r.device_id,
      deviceName: r.device_name,
      cashierName: r.cashier_name,
      soldAt: r.sold_at,
      localDate: r.local_date,
      tender: r.tender,
      units: Number(r.units),
      totalCents: Number(r.total_cents),
    })),
    nextCursor,
  };
}

/** The master prices in force for these products, to read at any sale time. */
async function loadCatalogue(db: ReportDb, productIds: string[]): Promise<CatalogueReads> {
  const catalogue = new CatalogueReads();
  await db.transaction().execute((trx) => catalogue.load(trx as never, productIds));
  return catalogue;
}

type LineCursor = NonNullable<ReturnType<typeof cursorParts>>;

function saleLinesPage(
  db: ReportDb,
  f: SalesFilter & { limit: number },
  branches: readonly ScopedBranch[],
  after: LineCursor | null,
) {
  let q = db
    .selectFrom('sale_lines as l')
    .innerJoin('report_tickets as t', 't.sale_id', 'l.sale_id')
    .innerJoin('sales as s', 's.id', 'l.sale_id')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select([
      'l.sale_id',
      'l.line_no',
      's.receipt_number',
      't.kind',
      't.sold_at',
      't.local_date',
      't.branch_id',
      'l.product_id',
      'p.name as product_name',
      'l.quantity',
      'l.line_total_cents',
    ])
    .where((eb) => ticketConditions(eb as never, { ...f, product: undefined, category: undefined }, branches));
  if (f.product) q = q.where('l.product_id', '=', f.product);
  if (f.category) q = q.where('p.category', '=', f.category);
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('t.sold_at', '<', after.soldAt),
        eb.and([eb('t.sold_at', '=', after.soldAt), eb('l.sale_id', '<', after.id)]),
        eb.and([
          eb('t.sold_at', '=', after.soldAt),
          eb('l.sale_id', '=', after.id),
          eb('l.line_no', '>', after.lineNo),
        ]),
      ]),
    );
  return q
    .orderBy('t.sold_at', 'desc')
    .orderBy('l.sale_id', 'desc')
    .orderBy('l.line_no')
    .limit(f.limit + 1)
    .execute();
}

type SaleLineRow = Awaited<ReturnType<typeof saleLinesPage>>[number];

/** One line as the dashboard shows it: signed by the ticket's kind, against the master price at sale time. */
function lineWithMasterPrice(
  r: SaleLineRow,
  catalogue: CatalogueReads,
  branchName: string,
): LinesResponse['lines'][number] {
  const unit = catalogue.priceAt(r.product_id, r.sold_at);
  const sign = r.kind === 'refund' ? -1 : 1;
  const reported = sign * Number(r.line_total_cents);
  // Worth at the master price by the shared line rule: a weighed product's grams at its price per kilogram.
  const quantityDecimals = catalogue.counted(r.product_id)?.quantityDecimals ?? 0;
  const master =
    unit === undefined
      ? null
      : sign * lineGrossCents({ unitPriceCents: unit, quantity: Number(r.quantity), quantityDecimals });
  return {
    saleId: r.sale_id,
    lineNo: Number(r.line_no),
    receiptNumber: r.receipt_number,
    kind: r.kind,
    soldAt: r.sold_at,
    localDate: r.local_date,
    branchId: r.branch_id,
    branchName,
    productId: r.product_id,
    productName: r.product_name,
    quantity: sign * Number(r.quantity),
    reportedCents: reported,
    masterCents: master,
    differenceCents: master === null ? null : reported - master,
  };
}

/**
 * The seed dashboard's rows: each sale line with the amount reported and the amount at the master
 * price in force at sale time (the same rule ingest checks prices with), newest first.
 */
export async function listSaleLines(
  db: ReportDb,
  f: SalesFilter & { cursor?: string; limit: number },
  branches: readonly ScopedBranch[],
): Promise<LinesResponse> {
  const rows = await saleLinesPage(db, f, branches, cursorParts(f.cursor));
  const { page, nextCursor } = keysetPage(rows, f.limit, (l) => `${l.sold_at}|${l.sale_id}|${l.line_no}`);
  const catalogue = await loadCatalogue(
    db,
    page.map((r) => r.product_id),
  );
  const names = new Map(branches.map((b) => [b.id, b.name]));
  return {
    lines: page.map((r) => lineWithMasterPrice(r, catalogue, names.get(r.branch_id) ?? r.branch_id)),
    nextCursor,
  };
}

function ticketRow(db: ReportDb, saleId: string) {
  return db
    .selectFrom('sales')
    .innerJoin('branches as b', 'b.id', 'sales.branch_id')
    .innerJoin('devices as d', 'd.id', 'sales.device_id')
    .leftJoin('branch_settings as bs', 'bs.branch_id', 'sales.branch_id')
    .leftJoin('report_tickets as t', 't.sale_id', 'sales.id')
    .select([
      'sales.id',
      'sales.kind',
      'sales.refund_of',
      'sales.receipt_number',
      'sales.branch_id',
      'b.name as branch_name',
      'b.location_id',
      'bs.receipt_header',
      'bs.receipt_footer',
      'sales.device_id',
      'd.name as device_name',
      'sales.cashier_name',
      'sales.device_created_at',
      'sales.received_at',
      't.sold_at',
      'sales.currency',
      'sales.total_cents',
      'sales.body',
      'sales.applied_seq',
    ])
    .where('sales.id', '=', saleId)
    .executeTakeFirst();
}

/** The stock movements the sale applied: its own, at the sequence it was applied with. */
async function ticketMovements(
  db: ReportDb,
  saleId: string,
  locationId: string,
  appliedSeq: number,
): Promise<TicketDetail['movements']> {
  const movements = await db
    .selectFrom('stock_movements')
    .select(['id', 'seq', 'product_id', 'delta', 'kind', 'actor', 'reason', 'created_at'])
    .where('location_id', '=', locationId)
    .where('seq', '=', appliedSeq)
    .where('sale_id', '=', saleId)
    .orderBy('id')
    .execute();
  return movements.map((m) => ({
    id: m.id,
    seq: Number(m.seq),
    productId: m.product_id,
    delta: Number(m.delta),
    kind: m.kind,
    actor: m.actor,
    reason: m.reason,
    createdAt: m.created_at,
  }));
}

function receiptLines(doc: SaleDoc, catalogue: CatalogueReads, soldAt: string): TicketDetail['lines'] {
  return doc.lines.map((l, i) => ({
    lineNo: i + 1,
    productId: l.productId,
    name: l.name,
    quantity: l.quantity,
    unit: l.unit ?? 'each',
    quantityDecimals: l.quantityDecimals ?? 0,
    unitPriceCents: l.unitPriceCents,
    taxRateBp: l.taxRateBp,
    discountCents: l.discountCents,
    discountReason: l.discountReason,
    lineTotalCents: l.lineTotalCents,
    masterUnitCents: catalogue.priceAt(l.productId, soldAt) ?? null,
  }));
}

/** The other ticket of an exchange, by the id this one names; its number once the server holds it. */
async function exchangePartner(
  db: ReportDb,
  id: string | null | undefined,
  branchId: string,
): Promise<TicketDetail['exchangeWith']> {
  if (!id) return null;
  const other = await db
    .selectFrom('sales')
    .select('receipt_number')
    .where('id', '=', id)
    .where('branch_id', '=', branchId)
    .executeTakeFirst();
  return { id, receiptNumber: other?.receipt_number ?? null };
}

/** One ticket as its receipt shows it, with the master price of each line and its ledger movements. */
export async function ticketDetail(db: ReportDb, manager: ManagerIdentity, saleId: string): Promise<TicketDetail> {
  const s = await ticketRow(db, saleId);
  if (!s || !canManageBranch(manager, s.branch_id))
    throw new ApiError('NOT_FOUND', `There is no ticket ${saleId} in your branches.`);
  const doc = JSON.parse(s.body) as SaleDoc;
  const soldAt = s.sold_at ?? s.device_created_at;
  const catalogue = await loadCatalogue(
    db,
    doc.lines.map((l) => l.productId),
  );
  return {
    id: s.id,
    kind: s.kind,
    refundOf: s.refund_of,
    receiptNumber: s.receipt_number,
    branchId: s.branch_id,
    branchName: s.branch_name,
    receiptHeader: s.receipt_header ?? '',
    receiptFooter: s.receipt_footer ?? '',
    deviceId: s.device_id,
    deviceName: s.device_name,
    cashierName: s.cashier_name,
    soldAt,
    receivedAt: s.received_at,
    currency: s.currency,
    lines: receiptLines(doc, catalogue, soldAt),
    payments: doc.payments,
    taxes: taxBreakdown(doc.lines),
    totalCents: Number(s.total_cents),
    ticketDiscount: doc.ticketDiscount ?? null,
    approvals: doc.approvals ?? [],
    exchangeWith: await exchangePartner(db, doc.exchangeWith, s.branch_id),
    movements: await ticketMovements(db, saleId, s.location_id, Number(s.applied_seq)),
  };
}
