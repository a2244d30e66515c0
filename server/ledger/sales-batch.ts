import type { Transaction } from 'kysely';
import { lineStockDelta, type Ack, type Rejection, type SaleDoc } from '../../shared/protocol';
import type { DeviceIdentity } from '../auth/device-identity';
import { BulkInsert } from '../db/bulk-insert';
import { WriteBatch } from '../db/write-batch';
import { read, readTogether, type Read } from '../db/read-batch';
import type { Database } from '../db/schema';
import {
  recordDoubleRefund,
  recordOversell,
  recordPriceMismatch,
  recordUnapprovedTicket,
  recordUnitMismatch,
} from '../reconciliation/open-items';
import { convertQuantity, countedOf, sameCounting } from '../../shared/sale/stock-quantity';
import { approvalFindings, type ApprovalPolicy } from './approval-policy';
import { BranchReads } from './branch-reads';
import { SummaryReads, summarizeSales } from '../reports/summary-writer';
import { actorOf, type DocumentAuthor } from './document-author';
import type { GroupScope } from './group-commit';
import { CatalogueReads, saleTime } from './master-price';
import { checkRefund, type RefundCheck } from './refund-check';
import { recordRefusal, refusal } from './refusals';
import { recordRelay } from './relays';
import type { SequenceAllocator } from './server-sequence';
import { MovementBatch } from './stock-movements';
import type { ValidRow } from './validate-rows';

export interface SalesOutcome {
  acks: Ack[];
  rejectedInTransaction: Rejection[];
  appliedUpTo: number | null;
  reconciliationChanged: boolean;
}

// The batch's multi-row inserts, compiled once per row count (bulk-insert.ts).
const insertSales = new BulkInsert<Database['sales']>(
  [
    'id',
    'kind',
    'refund_of',
    'cashier_id',
    'shift_id',
    'branch_id',
    'device_id',
    'device_seq',
    'receipt_number',
    'cashier_name',
    'device_created_at',
    'received_at',
    'currency',
    'total_cents',
    'content_hash',
    'body',
    'applied_seq',
    'seq',
  ],
  (db, rows) => db.insertInto('sales').values(rows),
  50,
);
const insertLines = new BulkInsert<Database['sale_lines']>(
  [
    'sale_id',
    'line_no',
    'product_id',
    'name',
    'quantity',
    'unit_price_cents',
    'tax_rate_bp',
    'discount_cents',
    'discount_reason',
    'line_total_cents',
  ],
  (db, rows) => db.insertInto('sale_lines').values(rows),
  200,
);

/** A sale's row and its lines' rows as stored, `at` saying what the document does not (or must not) decide. */
export function saleRows(
  sale: SaleDoc,
  at: { branchId: string; deviceId: string; hash: string; body: string; appliedSeq: number; receivedAt: string },
): { sale: Database['sales']; lines: Database['sale_lines'][] } {
  return {
    sale: {
      id: sale.id,
      kind: sale.kind,
      refund_of: sale.refundOf,
      cashier_id: sale.cashierId,
      shift_id: sale.shiftId,
      branch_id: at.branchId,
      device_id: at.deviceId,
      device_seq: sale.deviceSeq,
      receipt_number: sale.receiptNumber,
      cashier_name: sale.cashierName,
      device_created_at: sale.createdAt,
      received_at: at.receivedAt,
      currency: sale.currency,
      total_cents: sale.totalCents,
      content_hash: at.hash,
      body: at.body,
      applied_seq: at.appliedSeq,
      seq: at.appliedSeq,
    },
    lines: sale.lines.map((l, i) => ({
      sale_id: sale.id,
      line_no: i + 1,
      product_id: l.productId,
      name: l.name,
      quantity: l.quantity,
      unit_price_cents: l.unitPriceCents,
      tax_rate_bp: l.taxRateBp,
      discount_cents: l.discountCents,
      discount_reason: l.discountReason,
      line_total_cents: l.lineTotalCents,
    })),
  };
}

/** Adds sales, their lines and their report summaries to `writes` (the summaries read the branches' time zones and the products' categories now, once per group when `group` is given). */
export async function addSaleRows(
  trx: Transaction<Database>,
  sales: readonly Database['sales'][],
  lines: readonly Database['sale_lines'][],
  writes: WriteBatch,
  group?: GroupScope,
): Promise<void> {
  writes.add(insertSales, sales);
  writes.add(insertLines, lines);
  await summarizeSales(
    trx,
    sales,
    lines,
    writes,
    group?.memo(SummaryReads, () => new SummaryReads()),
  );
}

const numberKey = (deviceId: string, deviceSeq: number) => `${deviceId}\u0000${deviceSeq}`;

/**
 * One push's sales inside a group-commit transaction (DESIGN invariants 2, 3 and 7): the checks
 * that need the database, the sale rows, their movements and the reconciliation items they open.
 * It keeps its results to itself (the work may run twice, group-commit.ts) and returns them.
 */
export class SalesBatch {
  private readonly outcome: SalesOutcome = {
    acks: [],
    rejectedInTransaction: [],
    appliedUpTo: null,
    reconciliationChanged: false,
  };
  // Sales and their lines are written in a few multi-row inserts: before anything reads them back
  // (a refund's check of its sale) and at the end of the batch.
  private readonly pendingSales: Database['sales'][] = [];
  private readonly pendingLines: Database['sale_lines'][] = [];
  private received = new Map<string, { content_hash: string; applied_seq: number }>();
  private usedNumbers = new Map<string, string>();
  private catalogue = new CatalogueReads();
  private currency = '';
  private approvalPolicy: ApprovalPolicy = { maxDiscountBp: 10000, supervisors: new Set() };
  private movements: MovementBatch;

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly seq: SequenceAllocator,
    private readonly group: GroupScope,
    private readonly device: DeviceIdentity,
    private readonly now: string,
  ) {
    this.movements = new MovementBatch(trx, now);
  }

  async apply(batch: readonly ValidRow<SaleDoc>[]): Promise<SalesOutcome> {
    await this.load(batch);
    for (const row of batch) await this.applyOne(row);
    // The batch's rows in one round trip on PostgreSQL (write-batch.ts).
    const writes = new WriteBatch();
    await this.flushSales(writes);
    await this.movements.flush(writes);
    await writes.flush(this.trx);
    return this.outcome;
  }

  /**
   * Everything the batch's checks read, once: products and prices, the currency, levels, ids and
   * numbers taken. The products, prices, levels and known sales are read together (one round trip
   * on PostgreSQL, read-batch.ts), and the products' report facts come with them.
   */
  private async load(batch: readonly ValidRow<SaleDoc>[]): Promise<void> {
    const { trx, device } = this;
    const productIds = [...new Set(batch.flatMap((v) => v.doc.lines.map((l) => l.productId)))];
    // Products and prices read once for the whole batch (and group) instead of once per sale (bench/server-bench.ts).
    this.catalogue = this.group.memo(CatalogueReads, () => new CatalogueReads());
    // Read in the transaction, so the check costs a push no round trip before it joins a group.
    const branch = this.group.memo(BranchReads, () => new BranchReads());
    await readTogether(trx, [
      ...branch.reads(trx, device.branchId),
      ...this.catalogue.reads(trx, productIds),
      ...this.movements.reads(device.locationId, productIds),
      this.knownSales(batch),
    ]);
    this.currency = branch.currency(device.branchId);
    this.approvalPolicy = branch.approvalPolicy(device.branchId);
    const summaries = this.group.memo(SummaryReads, () => new SummaryReads());
    summaries.knowZone(device.branchId, branch.timeZone(device.branchId));
    for (const id of productIds) {
      const facts = this.catalogue.facts(id);
      if (facts) summaries.know(id, facts);
    }
  }

  /** Ids already received and receipt numbers already used, in one read. */
  private knownSales(batch: readonly ValidRow<SaleDoc>[]): Read<unknown> {
    const saleIds = batch.map((v) => v.doc.id);
    const deviceIds = [...new Set(batch.map((v) => v.author.deviceId))];
    const deviceSeqs = [...new Set(batch.map((v) => v.doc.deviceSeq))];
    const query = this.trx
      .selectFrom('sales')
      .select(['id', 'content_hash', 'applied_seq', 'device_id', 'device_seq'])
      .where((eb) =>
        eb.or([
          eb('id', 'in', saleIds),
          eb.and([eb('device_id', 'in', deviceIds), eb('device_seq', 'in', deviceSeqs)]),
        ]),
      );
    return read(query, (known) => {
      const ids = new Set(saleIds);
      this.received = new Map(
        known.filter((r) => ids.has(r.id)).map((r) => [r.id, { ...r, applied_seq: Number(r.applied_seq) }]),
      );
      const seqs = new Set(deviceSeqs);
      this.usedNumbers = new Map(
        known
          .filter((r) => deviceIds.includes(r.device_id) && seqs.has(Number(r.device_seq)))
          .map((r) => [numberKey(r.device_id, Number(r.device_seq)), r.id]),
      );
    });
  }

  private async applyOne({ doc: sale, hash, body, author }: ValidRow<SaleDoc>): Promise<void> {
    const existing = this.received.get(sale.id);
    if (existing?.content_hash === hash) {
      this.outcome.acks.push({ id: sale.id, appliedSeq: existing.applied_seq });
      await recordRelay(this.trx, 'sales', sale.id, author, existing.applied_seq, this.now);
      return;
    }
    const refused = existing
      ? refusal(
          sale.id,
          'SALE_ID_REUSED',
          `Sale id ${sale.id} was already received with other content; this version was not applied.`,
        )
      : this.refusalOf(sale, author);
    if (refused) return this.refuse(refused, body);
    if (sale.kind === 'refund') await this.flushSales();
    const refund = sale.kind === 'refund' ? await checkRefund(this.trx, sale, this.device.branchId) : null;
    if (refund && 'code' in refund) return this.refuse(refund, body);

    const appliedSeq = this.seq.next();
    this.received.set(sale.id, { content_hash: hash, applied_seq: appliedSeq });
    this.usedNumbers.set(numberKey(author.deviceId, sale.deviceSeq), sale.id);
    this.write(sale, hash, body, author, appliedSeq);
    await this.applyMovements(sale, author, appliedSeq);
    await this.openItems(sale, refund, appliedSeq);
    await recordRelay(this.trx, 'sales', sale.id, author, appliedSeq, this.now);
    this.outcome.acks.push({ id: sale.id, appliedSeq });
    this.outcome.appliedUpTo = appliedSeq;
  }

  /** The checks that need what the database holds: the receipt number, the currency, the products. */
  private refusalOf(sale: SaleDoc, author: DocumentAuthor): Rejection | null {
    const sameNumber = this.usedNumbers.get(numberKey(author.deviceId, sale.deviceSeq));
    if (sameNumber)
      return refusal(
        sale.id,
        'CONFLICT',
        `Receipt ${sale.receiptNumber} was already used by sale ${sameNumber}; this sale was not applied.`,
      );
    if (sale.currency !== this.currency)
      return refusal(
        sale.id,
        'BAD_REQUEST',
        `Sale ${sale.id} is in ${sale.currency}, but branch ${this.device.branchId} sells in ${this.currency}; the sale was not applied.`,
      );
    const missing = sale.lines.find((l) => this.catalogue.name(l.productId) === undefined);
    if (missing)
      return refusal(
        sale.id,
        'NOT_FOUND',
        `Sale ${sale.id} sells product ${missing.productId}, which the catalogue does not have.`,
      );
    return null;
  }

  private async refuse(rejection: Rejection, body: string): Promise<void> {
    this.outcome.rejectedInTransaction.push(rejection);
    await recordRefusal(this.trx, 'sales', this.device.deviceId, rejection, body, this.now);
  }

  private write(sale: SaleDoc, hash: string, body: string, author: DocumentAuthor, appliedSeq: number): void {
    const rows = saleRows(sale, {
      branchId: this.device.branchId,
      deviceId: author.deviceId,
      hash,
      body,
      appliedSeq,
      receivedAt: this.now,
    });
    this.pendingSales.push(rows.sale);
    this.pendingLines.push(...rows.lines);
  }

  /** Writes the pending sales, their lines and summaries, or adds them to `writes` for the caller to flush. */
  private async flushSales(writes?: WriteBatch): Promise<void> {
    const batch = writes ?? new WriteBatch();
    await addSaleRows(this.trx, this.pendingSales.splice(0), this.pendingLines.splice(0), batch, this.group);
    if (!writes) await batch.flush(this.trx);
  }

  /** Invariants 3 and 7: one movement per line; a sale that takes a level below zero opens (or updates) an oversell item. */
  private async applyMovements(sale: SaleDoc, author: DocumentAuthor, appliedSeq: number): Promise<void> {
    const { device } = this;
    const { actor, relayNote } = actorOf(author);
    for (const [i, line] of sale.lines.entries()) {
      const quantity = await this.stockQuantity(sale, i + 1, appliedSeq);
      if (quantity === null) continue;
      const level = this.movements.apply(
        {
          locationId: device.locationId,
          productId: line.productId,
          delta: lineStockDelta(sale.kind, { quantity }),
          kind: sale.kind,
          saleId: sale.id,
          actor,
          reason: `${sale.kind} ${sale.receiptNumber}${relayNote}`,
        },
        appliedSeq,
      );
      if (sale.kind !== 'sale' || level >= 0) continue;
      await recordOversell(
        this.trx,
        {
          branchId: device.branchId,
          locationId: device.locationId,
          productId: line.productId,
          productName: this.catalogue.name(line.productId) ?? line.name,
          counted: this.catalogue.counted(line.productId),
          level,
          saleId: sale.id,
          receiptNumber: sale.receiptNumber,
        },
        appliedSeq,
        this.now,
      );
      this.outcome.reconciliationChanged = true;
    }
  }

  /**
   * How much stock line `lineNo` moves, in the product's own unit: its quantity when the line counts
   * as the catalogue does. A line in another unit or precision (a tablet with a stale catalogue, or
   * a wrong one) is never taken as it stands: converted when it measures the same thing (kg and g,
   * other decimals), else it moves nothing (null); either way one unit_mismatch item is opened.
   */
  private async stockQuantity(sale: SaleDoc, lineNo: number, appliedSeq: number): Promise<number | null> {
    const line = sale.lines[lineNo - 1]!;
    const product = this.catalogue.counted(line.productId);
    const sold = countedOf(line);
    if (!product || sameCounting(sold, product)) return line.quantity;
    const moved = convertQuantity(line.quantity, sold, product);
    const at = { branchId: this.device.branchId, locationId: this.device.locationId };
    const productName = this.catalogue.name(line.productId) ?? line.name;
    const opened = await recordUnitMismatch(
      this.trx,
      { ...at, sale, lineNo, productName, sold, product, moved },
      appliedSeq,
      this.now,
    );
    this.outcome.reconciliationChanged ||= opened;
    return moved;
  }

  /**
   * Invariant 7: a line charged at another price than the master price at sale time (a changed price
   * from the master price is the approval's matter, not a mismatch); approvals that do not stand; a
   * refund returning more than remained.
   */
  private async openItems(sale: SaleDoc, refund: RefundCheck | null, appliedSeq: number): Promise<void> {
    const at = { branchId: this.device.branchId, locationId: this.device.locationId };
    if (sale.kind === 'sale') {
      const time = saleTime(sale.createdAt, this.now);
      for (const [i, line] of sale.lines.entries()) {
        const expectedUnitCents = this.catalogue.priceAt(line.productId, time);
        // A changed price is judged by the price it was changed from: the approval (or, when it does
        // not stand, the unapproved_ticket item) is the record of the change, one item per cause.
        const catalogueCents = line.overriddenFromCents ?? line.unitPriceCents;
        if (expectedUnitCents === undefined || expectedUnitCents === catalogueCents) continue;
        const opened = await recordPriceMismatch(
          this.trx,
          { ...at, sale, lineNo: i + 1, expectedUnitCents, saleTime: time },
          appliedSeq,
          this.now,
        );
        this.outcome.reconciliationChanged ||= opened;
      }
    }
    const findings = approvalFindings(sale, this.approvalPolicy);
    if (findings) {
      const policy = this.approvalPolicy;
      const opened = await recordUnapprovedTicket(this.trx, { ...at, sale, findings, policy }, appliedSeq, this.now);
      this.outcome.reconciliationChanged ||= opened;
    }
    if (refund && refund.overRefunded.length > 0) {
      await recordDoubleRefund(
        this.trx,
        { ...at, refund: sale, originalReceipt: refund.originalReceipt, overRefunded: refund.overRefunded },
        appliedSeq,
        this.now,
      );
      this.outcome.reconciliationChanged = true;
    }
  }
}
