import { createHash } from 'node:crypto';
import { uuidv7 } from '../db/uuid-v7';
import type { z } from 'zod';
import { lineStockDelta, saleDocSchema, type Ack, type Rejection, type SaleDoc } from '../../shared/protocol';
import { saleArithmeticProblems } from '../../shared/sale/sale-arithmetic';
import { receiptNumber } from '../../shared/sale/receipt-number';
import { BulkInsert } from '../db/bulk-insert';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { groupCommitter, type GroupWork } from './group-commit';
import { storeFailed } from './ingest-documents';
import { MovementBatch } from './stock-movements';
import type { DeviceIdentity } from '../auth/device-identity';
import { openItem, recordOversell } from '../reconciliation/open-items';
import { actorOf, authorLookup, isRejection, type DocumentAuthor } from './document-author';
import { CatalogueReads, saleTime } from './master-price';
import { checkRefund } from './refund-check';
import { summarizeSales } from '../reports/summary-writer';
import { nulRefusal } from './validate-rows';

export interface IngestResult {
  acks: Ack[];
  rejected: Rejection[];
  /** Highest sequence written, or null when nothing new was applied. */
  appliedUpTo: number | null;
  /** Whether a reconciliation item was opened or updated (consoles are told). */
  reconciliationChanged: boolean;
}

function issuesText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'sale'}: ${i.message}`).join('; ');
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

interface ValidSale {
  sale: SaleDoc;
  hash: string;
  body: string;
  author: DocumentAuthor;
}

interface SalesOutcome {
  acks: Ack[];
  rejectedInTransaction: Rejection[];
  appliedUpTo: number | null;
  reconciliationChanged: boolean;
}

/**
 * SPEC S2 when the database itself fails a write (a value no check foresaw): the batch is applied
 * again one sale per work, each in its own savepoint of one group, so only the sale the database
 * refuses is refused. When every sale fails alone too, the cause is not in the sales (a lost
 * connection): the push fails as a whole and the device retries it.
 */
async function runIsolatingFailures(
  db: Db,
  valid: readonly ValidSale[],
  applyBatch: (batch: readonly ValidSale[]) => GroupWork<SalesOutcome>,
): Promise<SalesOutcome> {
  try {
    return await groupCommitter(db).run(applyBatch(valid), valid.length);
  } catch (batchError) {
    if (valid.length === 1) throw batchError;
    const alone = await Promise.allSettled(valid.map((v) => groupCommitter(db).run(applyBatch([v]), 1)));
    if (alone.every((o) => o.status === 'rejected')) throw batchError;
    const outcome: SalesOutcome = {
      acks: [],
      rejectedInTransaction: [],
      appliedUpTo: null,
      reconciliationChanged: false,
    };
    for (const [i, o] of alone.entries()) {
      if (o.status === 'rejected') {
        outcome.rejectedInTransaction.push(storeFailed('Sale', valid[i]!.sale.id, o.reason));
        continue;
      }
      outcome.acks.push(...o.value.acks);
      outcome.rejectedInTransaction.push(...o.value.rejectedInTransaction);
      if (o.value.appliedUpTo !== null) outcome.appliedUpTo = Math.max(outcome.appliedUpTo ?? 0, o.value.appliedUpTo);
      outcome.reconciliationChanged ||= o.value.reconciliationChanged;
    }
    return outcome;
  }
}

function reject(saleId: string, code: Rejection['code'], status: number, message: string): Rejection {
  return { id: saleId, code, status, message };
}

/**
 * DESIGN invariants 2 and 3: a sale is stored and its movements applied in one transaction, at
 * most once per id. The same id with the same content gets the same ack again; the same id with
 * other content is refused and logged, never applied. One bad sale does not stop the others.
 */
export async function ingestSales(
  db: Db,
  device: DeviceIdentity,
  rows: readonly { newDocumentState: unknown }[],
  now = new Date().toISOString(),
): Promise<IngestResult> {
  const rejected: Rejection[] = [];
  const valid: ValidSale[] = [];
  const authorOf = await authorLookup(
    db,
    device,
    rows
      .map((r) => (r.newDocumentState as { deviceId?: unknown } | null)?.deviceId)
      .filter((id): id is string => typeof id === 'string'),
  );

  for (const row of rows) {
    const rawId = (row.newDocumentState as { id?: unknown } | null)?.id;
    const saleId = typeof rawId === 'string' ? rawId.slice(0, 100) : '(no id)';
    const withNul = nulRefusal('Sale', saleId, row.newDocumentState);
    if (withNul) {
      rejected.push(withNul);
      continue;
    }
    const parsed = saleDocSchema.safeParse(row.newDocumentState);
    if (!parsed.success) {
      rejected.push(reject(saleId, 'BAD_REQUEST', 400, `Sale ${saleId} is malformed: ${issuesText(parsed.error)}`));
      continue;
    }
    const sale = parsed.data;
    const author = authorOf(sale, 'Sale');
    if (isRejection(author)) {
      rejected.push(author);
      continue;
    }
    const expectedReceipt = receiptNumber(device.receiptPrefix, author.deviceNumber, sale.deviceSeq);
    if (sale.receiptNumber !== expectedReceipt) {
      rejected.push(
        reject(
          sale.id,
          'BAD_REQUEST',
          400,
          `Sale ${sale.id} has receipt number ${sale.receiptNumber}; sale ${sale.deviceSeq} of device ${author.deviceId} must be ${expectedReceipt}.`,
        ),
      );
      continue;
    }
    if ((sale.kind === 'refund') !== (sale.refundOf !== null)) {
      rejected.push(
        reject(
          sale.id,
          'BAD_REQUEST',
          400,
          `Sale ${sale.id}: a refund must name the sale it refunds (refundOf), and a sale must not.`,
        ),
      );
      continue;
    }
    const problems = saleArithmeticProblems(sale);
    if (problems.length > 0) {
      rejected.push(reject(sale.id, 'BAD_REQUEST', 400, `Sale ${sale.id} does not add up: ${problems.join('; ')}`));
      continue;
    }
    if (sale._deleted) {
      rejected.push(
        reject(
          sale.id,
          'BAD_REQUEST',
          400,
          `Sale ${sale.id} is marked deleted; sales cannot be deleted, refund them instead.`,
        ),
      );
      continue;
    }
    // Hash of the sale as validated (schema key order), to tell a retry from a reused id.
    const body = JSON.stringify(sale);
    valid.push({ sale, hash: createHash('sha256').update(body).digest('hex'), body, author });
  }

  if (valid.length === 0) return { acks: [], rejected, appliedUpTo: null, reconciliationChanged: false };

  // Group commit: pushes that arrive while another is being written share its transaction (one
  // commit for all), each in a savepoint of its own. The work may run twice (group-commit.ts), so
  // it keeps its results to itself and returns them.
  const applyBatch =
    (batch: readonly ValidSale[]): GroupWork<SalesOutcome> =>
    async (trx, seq, group) => {
      const acks: Ack[] = [];
      const rejectedInTransaction: Rejection[] = [];
      let appliedUpTo: number | null = null;
      let reconciliationChanged = false;
      const productIds = [...new Set(batch.flatMap((v) => v.sale.lines.map((l) => l.productId)))];
      // Products and prices read once for the whole batch (and group) instead of once per sale (bench/server-bench.ts).
      const catalogue = group.memo(CatalogueReads, () => new CatalogueReads());
      await catalogue.load(trx, productIds);
      // Read in the transaction, so the check costs a push no round trip before it joins a group.
      const currency = await group.memo(`currency:${device.branchId}`, () =>
        trx.selectFrom('branches').select('currency').where('id', '=', device.branchId).executeTakeFirstOrThrow(),
      );
      const movements = new MovementBatch(trx, now);
      await movements.load(device.locationId, productIds);
      const saleIds = batch.map((v) => v.sale.id);
      const received = new Map(
        (
          await trx
            .selectFrom('sales')
            .select(['id', 'content_hash', 'applied_seq'])
            .where('id', 'in', saleIds)
            .execute()
        ).map((r) => [r.id, r]),
      );
      const numberKey = (deviceId: string, deviceSeq: number) => `${deviceId}\u0000${deviceSeq}`;
      const usedNumbers = new Map(
        (
          await trx
            .selectFrom('sales')
            .select(['id', 'device_id', 'device_seq'])
            .where('device_id', 'in', [...new Set(batch.map((v) => v.author.deviceId))])
            .where('device_seq', 'in', [...new Set(batch.map((v) => v.sale.deviceSeq))])
            .execute()
        ).map((r) => [numberKey(r.device_id, Number(r.device_seq)), r.id]),
      );
      // Sales and their lines are written in a few multi-row inserts: before anything reads them
      // back (a refund's check of its sale) and at the end of the batch.
      const pendingSales: Database['sales'][] = [];
      const pendingLines: Database['sale_lines'][] = [];
      const flushSales = async () => {
        await insertSales.execute(trx, pendingSales);
        await insertLines.execute(trx, pendingLines);
        await summarizeSales(trx, pendingSales, pendingLines);
        pendingSales.length = 0;
        pendingLines.length = 0;
      };
      const logRejection = async (r: Rejection, body: string) => {
        rejectedInTransaction.push(r);
        await trx
          .insertInto('rejected_sales')
          .values({
            id: uuidv7(),
            device_id: device.deviceId,
            sale_id: r.id,
            code: r.code,
            message: r.message,
            body,
            created_at: now,
          })
          .execute();
      };

      const recordRelay = async (sale: SaleDoc, author: DocumentAuthor, appliedSeq: number) => {
        if (!author.relayedBy) return;
        await trx
          .insertInto('document_relays')
          .values({
            document_id: sale.id,
            collection: 'sales',
            author_device_id: author.deviceId,
            relayed_by_device_id: author.relayedBy,
            applied_seq: appliedSeq,
            created_at: now,
          })
          .onConflict((oc) => oc.columns(['document_id', 'relayed_by_device_id']).doNothing())
          .execute();
      };

      for (const { sale, hash, body, author } of batch) {
        const existing = received.get(sale.id);
        if (existing) {
          if (existing.content_hash === hash) {
            acks.push({ id: sale.id, appliedSeq: Number(existing.applied_seq) });
            await recordRelay(sale, author, Number(existing.applied_seq));
          } else
            await logRejection(
              reject(
                sale.id,
                'SALE_ID_REUSED',
                409,
                `Sale id ${sale.id} was already received with other content; this version was not applied.`,
              ),
              body,
            );
          continue;
        }
        const sameNumber = usedNumbers.get(numberKey(author.deviceId, sale.deviceSeq));
        if (sameNumber) {
          await logRejection(
            reject(
              sale.id,
              'CONFLICT',
              409,
              `Receipt ${sale.receiptNumber} was already used by sale ${sameNumber}; this sale was not applied.`,
            ),
            body,
          );
          continue;
        }
        if (sale.currency !== currency.currency) {
          await logRejection(
            reject(
              sale.id,
              'BAD_REQUEST',
              400,
              `Sale ${sale.id} is in ${sale.currency}, but branch ${device.branchId} sells in ${currency.currency}; the sale was not applied.`,
            ),
            body,
          );
          continue;
        }
        const missing = sale.lines.find((l) => catalogue.name(l.productId) === undefined);
        if (missing) {
          await logRejection(
            reject(
              sale.id,
              'NOT_FOUND',
              404,
              `Sale ${sale.id} sells product ${missing.productId}, which the catalogue does not have.`,
            ),
            body,
          );
          continue;
        }
        if (sale.kind === 'refund') await flushSales();
        const refund = sale.kind === 'refund' ? await checkRefund(trx, sale, device.branchId) : null;
        if (refund && 'code' in refund) {
          await logRejection(refund, body);
          continue;
        }

        const appliedSeq = seq.next();
        received.set(sale.id, { id: sale.id, content_hash: hash, applied_seq: appliedSeq });
        usedNumbers.set(numberKey(author.deviceId, sale.deviceSeq), sale.id);
        pendingSales.push({
          id: sale.id,
          kind: sale.kind,
          refund_of: sale.refundOf,
          cashier_id: sale.cashierId,
          shift_id: sale.shiftId,
          branch_id: device.branchId,
          device_id: author.deviceId,
          device_seq: sale.deviceSeq,
          receipt_number: sale.receiptNumber,
          cashier_name: sale.cashierName,
          device_created_at: sale.createdAt,
          received_at: now,
          currency: sale.currency,
          total_cents: sale.totalCents,
          content_hash: hash,
          body,
          applied_seq: appliedSeq,
          seq: appliedSeq,
        });
        pendingLines.push(
          ...sale.lines.map((l, i) => ({
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
        );
        const { actor, relayNote } = actorOf(author);
        for (const line of sale.lines) {
          const level = movements.apply(
            {
              locationId: device.locationId,
              productId: line.productId,
              delta: lineStockDelta(sale.kind, line),
              kind: sale.kind,
              saleId: sale.id,
              actor,
              reason: `${sale.kind} ${sale.receiptNumber}${relayNote}`,
            },
            appliedSeq,
          );
          if (sale.kind === 'sale' && level < 0) {
            const productName = catalogue.name(line.productId) ?? line.name;
            await recordOversell(
              trx,
              {
                branchId: device.branchId,
                locationId: device.locationId,
                productId: line.productId,
                productName,
                level,
                saleId: sale.id,
                receiptNumber: sale.receiptNumber,
              },
              appliedSeq,
              now,
            );
            reconciliationChanged = true;
          }
        }
        if (sale.kind === 'sale') {
          const at = saleTime(sale.createdAt, now);
          for (const [i, line] of sale.lines.entries()) {
            const expectedUnit = catalogue.priceAt(line.productId, at);
            if (expectedUnit === undefined || expectedUnit === line.unitPriceCents) continue;
            const expectedTotalCents = expectedUnit * line.quantity;
            const chargedTotalCents = line.unitPriceCents * line.quantity;
            const opened = await openItem(
              trx,
              {
                kind: 'price_mismatch',
                causeKey: `price_mismatch:${sale.id}:${i + 1}`,
                branchId: device.branchId,
                locationId: device.locationId,
                productId: line.productId,
                saleId: sale.id,
                documentId: sale.id,
                summary: `${line.name} on receipt ${sale.receiptNumber}: charged ${chargedTotalCents} for ${line.quantity}, master price says ${expectedTotalCents} (difference ${chargedTotalCents - expectedTotalCents})`,
                details: {
                  receiptNumber: sale.receiptNumber,
                  lineNo: i + 1,
                  productName: line.name,
                  quantity: line.quantity,
                  chargedUnitCents: line.unitPriceCents,
                  expectedUnitCents: expectedUnit,
                  expectedTotalCents,
                  chargedTotalCents,
                  differenceCents: chargedTotalCents - expectedTotalCents,
                  saleTime: at,
                  deviceCreatedAt: sale.createdAt,
                },
              },
              appliedSeq,
              now,
            );
            reconciliationChanged ||= opened;
          }
        }
        if (refund && refund.overRefunded.length > 0) {
          await openItem(
            trx,
            {
              kind: 'double_refund',
              causeKey: `double_refund:${sale.id}`,
              branchId: device.branchId,
              locationId: device.locationId,
              productId: refund.overRefunded[0]!.productId,
              saleId: sale.refundOf,
              documentId: sale.id,
              summary: `Refund ${sale.receiptNumber} returns more than remained of sale ${refund.originalReceipt}: ${refund.overRefunded.map((o) => `${o.name} ${o.refunded} of ${o.remaining} left`).join(', ')}`,
              details: {
                refundReceiptNumber: sale.receiptNumber,
                originalReceiptNumber: refund.originalReceipt,
                refundTotalCents: sale.totalCents,
                lines: refund.overRefunded,
              },
            },
            appliedSeq,
            now,
          );
          reconciliationChanged = true;
        }
        await recordRelay(sale, author, appliedSeq);
        acks.push({ id: sale.id, appliedSeq });
        appliedUpTo = appliedSeq;
      }
      await flushSales();
      await movements.flush();
      return { acks, rejectedInTransaction, appliedUpTo, reconciliationChanged };
    };
  const applied = await runIsolatingFailures(db, valid, applyBatch);
  return {
    acks: applied.acks,
    rejected: [...rejected, ...applied.rejectedInTransaction],
    appliedUpTo: applied.appliedUpTo,
    reconciliationChanged: applied.reconciliationChanged,
  };
}
