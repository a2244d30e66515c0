import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { ReconciliationItem } from '../../shared/console/ledger-api';
import type { Database } from '../db/schema';
import type { ReconciliationKind } from '../db/schema-ledger';
import { countDelta, type CountDoc, type SaleDoc, type ShiftEventDoc } from '../../shared/protocol';
import type { OverRefundedLine } from '../ledger/refund-check';
import { lineGrossCents } from '../../shared/sale/line-amount';
import type { Counted } from '../../shared/sale/stock-quantity';
import { describeFindings, type ApprovalFindings, type ApprovalPolicy } from '../ledger/approval-policy';

/** What opens an item: the fields the queue shows of it, and its cause. */
export type NewItem = Pick<
  ReconciliationItem,
  'kind' | 'branchId' | 'locationId' | 'productId' | 'saleId' | 'documentId' | 'summary' | 'details'
> & {
  /** One item per cause (e.g. `price_mismatch:<sale>:<line>`): a retry finds the key taken and opens nothing. */
  causeKey: string;
};

/**
 * DESIGN invariant 7: each cause opens exactly one item. Runs inside the writing transaction that
 * holds the sequence lock, and the unique cause_key is the backstop. Returns whether it opened one.
 */
export async function openItem(trx: Transaction<Database>, item: NewItem, seq: number, now: string): Promise<boolean> {
  const inserted = await trx
    .insertInto('reconciliation_items')
    .values({
      id: uuidv7(),
      kind: item.kind,
      status: 'open',
      cause_key: item.causeKey,
      branch_id: item.branchId,
      location_id: item.locationId,
      product_id: item.productId,
      sale_id: item.saleId,
      document_id: item.documentId,
      summary: item.summary,
      details: JSON.stringify(item.details),
      assigned_to: null,
      assigned_to_name: null,
      assigned_at: null,
      resolved_by: null,
      resolved_by_name: null,
      resolution_note: null,
      resolved_at: null,
      created_at: now,
      updated_at: now,
      seq,
    })
    .onConflict((oc) => oc.column('cause_key').doNothing())
    .executeTakeFirst();
  return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export function oversellKey(locationId: string, productId: string): string {
  return `oversell:${locationId}:${productId}`;
}

export interface OversellDetails {
  level: number;
  lowestLevel: number;
  sales: number;
  lastSaleId: string;
  lastReceiptNumber: string;
  productName: string;
}

/**
 * A level below zero after a sale. One item per location and product while it is not resolved:
 * a later oversell updates that item (level, count of sales) instead of opening another.
 */
export async function recordOversell(
  trx: Transaction<Database>,
  o: {
    branchId: string;
    locationId: string;
    productId: string;
    productName: string;
    level: number;
    saleId: string;
    receiptNumber: string;
    /** How the product counts, so the console shows its level in its unit (absent: by the piece). */
    counted?: Counted;
  },
  seq: number,
  now: string,
): Promise<void> {
  const key = oversellKey(o.locationId, o.productId);
  const counting = o.counted ? { unit: o.counted.unit, quantityDecimals: o.counted.quantityDecimals } : {};
  const existing = await trx
    .selectFrom('reconciliation_items')
    .select(['id', 'details'])
    .where('cause_key', '=', key)
    .executeTakeFirst();
  const summary = (d: OversellDetails) =>
    `${d.productName}: stock at ${o.locationId} is ${d.level} (oversold by ${-d.level}) after ${d.sales} sale(s) below zero`;
  if (existing) {
    const before = JSON.parse(existing.details) as OversellDetails;
    const details: OversellDetails = {
      level: o.level,
      lowestLevel: Math.min(before.lowestLevel, o.level),
      sales: before.sales + 1,
      lastSaleId: o.saleId,
      lastReceiptNumber: o.receiptNumber,
      productName: o.productName,
    };
    await trx
      .updateTable('reconciliation_items')
      .set({ details: JSON.stringify({ ...details, ...counting }), summary: summary(details), updated_at: now, seq })
      .where('id', '=', existing.id)
      .execute();
    return;
  }
  const details: OversellDetails = {
    level: o.level,
    lowestLevel: o.level,
    sales: 1,
    lastSaleId: o.saleId,
    lastReceiptNumber: o.receiptNumber,
    productName: o.productName,
  };
  await openItem(
    trx,
    {
      kind: 'oversell',
      causeKey: key,
      branchId: o.branchId,
      locationId: o.locationId,
      productId: o.productId,
      saleId: o.saleId,
      documentId: null,
      summary: summary(details),
      details: { ...details, ...counting },
    },
    seq,
    now,
  );
}

/** Where a sale or refund was applied: the branch and its location. */
export interface AppliedAt {
  branchId: string;
  locationId: string;
}

/** An item's kind, its key (one item per kind and cause) and where its document was applied. */
export function causeAt(kind: ReconciliationKind, cause: string, at: Pick<NewItem, 'branchId' | 'locationId'>) {
  return { kind, causeKey: `${kind}:${cause}`, branchId: at.branchId, locationId: at.locationId };
}

/**
 * DESIGN invariant 7: a sale line charged at another price than the master price in force at sale
 * time (`expectedUnitCents`). One item per line. Returns whether it opened one.
 */
export function recordPriceMismatch(
  trx: Transaction<Database>,
  m: AppliedAt & { sale: SaleDoc; lineNo: number; expectedUnitCents: number; saleTime: string },
  seq: number,
  now: string,
): Promise<boolean> {
  const { sale, lineNo } = m;
  const line = sale.lines[lineNo - 1]!;
  // Worth before discounts by the shared rule, so a weighed line's grams are not taken for kilograms.
  const expectedTotalCents = lineGrossCents({ ...line, unitPriceCents: m.expectedUnitCents, labelPriceCents: null });
  const chargedTotalCents = lineGrossCents({ ...line, labelPriceCents: null });
  return openItem(
    trx,
    {
      ...causeAt('price_mismatch', `${sale.id}:${lineNo}`, m),
      productId: line.productId,
      saleId: sale.id,
      documentId: sale.id,
      summary: `${line.name} on receipt ${sale.receiptNumber}: charged ${chargedTotalCents} for ${line.quantity}, master price says ${expectedTotalCents} (difference ${chargedTotalCents - expectedTotalCents})`,
      details: {
        receiptNumber: sale.receiptNumber,
        lineNo,
        productName: line.name,
        quantity: line.quantity,
        unit: line.unit ?? 'each',
        quantityDecimals: line.quantityDecimals ?? 0,
        chargedUnitCents: line.unitPriceCents,
        overriddenFromCents: line.overriddenFromCents ?? null,
        expectedUnitCents: m.expectedUnitCents,
        expectedTotalCents,
        chargedTotalCents,
        differenceCents: chargedTotalCents - expectedTotalCents,
        saleTime: m.saleTime,
        deviceCreatedAt: sale.createdAt,
      },
    },
    seq,
    now,
  );
}

/** A refund that returns more than remained of its sale (two devices refunding offline): accepted, and one item. */
export function recordDoubleRefund(
  trx: Transaction<Database>,
  d: AppliedAt & { refund: SaleDoc; originalReceipt: string; overRefunded: OverRefundedLine[] },
  seq: number,
  now: string,
): Promise<boolean> {
  const { refund } = d;
  return openItem(
    trx,
    {
      ...causeAt('double_refund', refund.id, d),
      productId: d.overRefunded[0]!.productId,
      saleId: refund.refundOf,
      documentId: refund.id,
      summary: `Refund ${refund.receiptNumber} returns more than remained of sale ${d.originalReceipt}: ${d.overRefunded.map((o) => `${o.name} ${o.refunded} of ${o.remaining} left`).join(', ')}`,
      details: {
        refundReceiptNumber: refund.receiptNumber,
        originalReceiptNumber: d.originalReceipt,
        refundTotalCents: refund.totalCents,
        lines: d.overRefunded,
      },
    },
    seq,
    now,
  );
}

/** DESIGN invariant 7: a count that differs from what the device believed; one item per count. */
export function recordCountDiscrepancy(
  trx: Transaction<Database>,
  c: AppliedAt & {
    count: CountDoc;
    productName: string;
    /** How the product counts, so the console shows the figures in its unit. */
    counted: Counted;
    levelAtApply: number;
    levelAfter: number;
  },
  seq: number,
  now: string,
): Promise<boolean> {
  const { count, productName, levelAtApply, levelAfter } = c;
  const delta = countDelta(count);
  return openItem(
    trx,
    {
      ...causeAt('count_discrepancy', count.id, c),
      productId: count.productId,
      saleId: null,
      documentId: count.id,
      summary: `${productName}: counted ${count.countedQuantity}, the device believed ${count.believedQuantity} (${delta > 0 ? '+' : ''}${delta}); ledger level was ${levelAtApply}, now ${levelAfter}`,
      details: {
        productName,
        unit: c.counted.unit,
        quantityDecimals: c.counted.quantityDecimals,
        counted: count.countedQuantity,
        believed: count.believedQuantity,
        believedLevelSeq: count.believedLevelSeq,
        ledgerLevelAtApply: levelAtApply,
        delta,
        levelAfter,
        note: count.note,
        cashierId: count.cashierId,
        countedAt: count.countedAt,
      },
    },
    seq,
    now,
  );
}

/**
 * A shift closed with counted cash further from the expected than the branch allows (issue 12):
 * one item per shift, with the server's expected and the counted cash and who approved it.
 */
export function recordCashDifference(
  trx: Transaction<Database>,
  c: AppliedAt & {
    close: ShiftEventDoc;
    deviceName: string;
    expectedCashCents: number;
    limitCents: number;
    currency: string;
  },
  seq: number,
  now: string,
): Promise<boolean> {
  const { close } = c;
  const differenceCents = close.amountCents - c.expectedCashCents;
  return openItem(
    trx,
    {
      ...causeAt('cash_difference', close.shiftId, c),
      productId: null,
      saleId: null,
      documentId: close.id,
      summary: `Shift ${close.shiftId} on ${c.deviceName} closed by ${close.cashierName}: counted ${close.amountCents}, expected ${c.expectedCashCents} (difference ${differenceCents}, allowed ${c.limitCents})`,
      details: {
        shiftId: close.shiftId,
        deviceId: close.deviceId,
        deviceName: c.deviceName,
        cashierName: close.cashierName,
        currency: c.currency,
        expectedCashCents: c.expectedCashCents,
        countedCashCents: close.amountCents,
        differenceCents,
        limitCents: c.limitCents,
        approverName: close.approval?.approverName ?? null,
        approvalReason: close.approval?.reason ?? null,
        closedAt: close.at,
      },
    },
    seq,
    now,
  );
}

/**
 * A ticket applied without the supervisor approvals it needed, or with approvals by someone who
 * could not give them (the tablet decided offline with what it had pulled). One item per ticket.
 */
export function recordUnapprovedTicket(
  trx: Transaction<Database>,
  u: AppliedAt & { sale: SaleDoc; findings: ApprovalFindings; policy: ApprovalPolicy },
  seq: number,
  now: string,
): Promise<boolean> {
  const { sale, findings } = u;
  return openItem(
    trx,
    {
      ...causeAt('unapproved_ticket', sale.id, u),
      productId: null,
      saleId: sale.id,
      documentId: sale.id,
      summary: `Ticket ${sale.receiptNumber} by ${sale.cashierName} was applied with ${describeFindings(findings, u.policy.maxDiscountBp)}`,
      details: {
        receiptNumber: sale.receiptNumber,
        ticketKind: sale.kind,
        cashierName: sale.cashierName,
        totalCents: sale.totalCents,
        currency: sale.currency,
        maxDiscountBp: u.policy.maxDiscountBp,
        missing: findings.missing,
        invalid: findings.invalid,
        deviceCreatedAt: sale.createdAt,
      },
    },
    seq,
    now,
  );
}

/**
 * A drawer opened with no sale without a supervisor's approval, or a shift event whose approval does
 * not stand (not a supervisor of the branch, or the cashier's own): the event happened, so it is
 * recorded, and one item per event asks a manager to look (SPEC S11).
 */
export function recordUnapprovedShiftEvent(
  trx: Transaction<Database>,
  u: AppliedAt & { event: ShiftEventDoc; findings: ApprovalFindings; deviceName: string },
  seq: number,
  now: string,
): Promise<boolean> {
  const { event, findings } = u;
  return openItem(
    trx,
    {
      ...causeAt('unapproved_shift_event', event.id, u),
      productId: null,
      saleId: null,
      documentId: event.id,
      summary: `Shift event ${event.kind} of shift ${event.shiftId} by ${event.cashierName} was recorded with ${describeFindings(findings, 0)}`,
      details: {
        shiftId: event.shiftId,
        eventKind: event.kind,
        deviceId: event.deviceId,
        deviceName: u.deviceName,
        cashierName: event.cashierName,
        amountCents: event.amountCents,
        missing: findings.missing,
        invalid: findings.invalid,
        deviceAt: event.at,
      },
    },
    seq,
    now,
  );
}

/**
 * A line counted in another unit or precision than its product (SPEC S11): the sale stands, its
 * stock moved by the quantity converted to the product's unit, or not at all when the two do not
 * measure the same thing (`moved` null). One item per line.
 */
export function recordUnitMismatch(
  trx: Transaction<Database>,
  m: AppliedAt & {
    sale: SaleDoc;
    lineNo: number;
    productName: string;
    sold: Counted;
    product: Counted;
    moved: number | null;
  },
  seq: number,
  now: string,
): Promise<boolean> {
  const { sale, lineNo, sold, product } = m;
  const line = sale.lines[lineNo - 1]!;
  const what = (c: Counted) => `${c.unit} with ${c.quantityDecimals} decimals`;
  return openItem(
    trx,
    {
      ...causeAt('unit_mismatch', `${sale.id}:${lineNo}`, m),
      productId: line.productId,
      saleId: sale.id,
      documentId: sale.id,
      summary: `${m.productName} on ${sale.kind} ${sale.receiptNumber}: ${line.quantity} counted in ${what(sold)}, the product is counted in ${what(product)}; ${m.moved === null ? 'no stock moved' : `stock moved by ${m.moved}`}`,
      details: {
        receiptNumber: sale.receiptNumber,
        ticketKind: sale.kind,
        lineNo,
        productName: m.productName,
        lineQuantity: line.quantity,
        lineUnit: sold.unit,
        lineDecimals: sold.quantityDecimals,
        productUnit: product.unit,
        productDecimals: product.quantityDecimals,
        movedQuantity: m.moved,
      },
    },
    seq,
    now,
  );
}
