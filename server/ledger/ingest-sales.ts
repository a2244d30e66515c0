import { saleDocSchema, type Ack, type Rejection, type SaleDoc } from '../../shared/protocol';
import { fastSaleDoc } from '../../shared/protocol/sale-doc-fast-path';
import { exchangeProblems } from '../../shared/sale/exchange';
import { saleArithmeticProblems } from '../../shared/sale/sale-arithmetic';
import { receiptNumber } from '../../shared/sale/receipt-number';
import type { DeviceIdentity } from '../auth/device-identity';
import type { Db } from '../db/database';
import type { DocumentAuthor } from './document-author';
import { groupCommitter, type GroupWork } from './group-commit';
import { refusal, storeFailed } from './refusals';
import { SalesBatch, type SalesOutcome } from './sales-batch';
import { validateRows, type RowRules, type ValidRow } from './validate-rows';

export interface IngestResult {
  acks: Ack[];
  rejected: Rejection[];
  /** Highest sequence written, or null when nothing new was applied. */
  appliedUpTo: number | null;
  /** Whether a reconciliation item was opened or updated (consoles are told). */
  reconciliationChanged: boolean;
}

/** A sale's own checks before the transaction: its receipt number, refundOf, and its sums. */
function saleRules(device: DeviceIdentity): RowRules<SaleDoc> {
  return {
    what: 'Sale',
    schema: saleDocSchema,
    fastParse: fastSaleDoc,
    whyNotDeleted: 'sales cannot be deleted, refund them instead.',
    check: (sale: SaleDoc, author: DocumentAuthor) => {
      const expectedReceipt = receiptNumber(device.receiptPrefix, author.deviceNumber, sale.deviceSeq);
      if (sale.receiptNumber !== expectedReceipt)
        return refusal(
          sale.id,
          'BAD_REQUEST',
          `Sale ${sale.id} has receipt number ${sale.receiptNumber}; sale ${sale.deviceSeq} of device ${author.deviceId} must be ${expectedReceipt}.`,
        );
      if (sale.kind === 'sale' && sale.refundOf !== null)
        return refusal(sale.id, 'BAD_REQUEST', `Sale ${sale.id}: only a refund names a sale it refunds (refundOf).`);
      const problems = [...saleArithmeticProblems(sale), ...exchangeProblems(sale)];
      if (problems.length > 0)
        return refusal(sale.id, 'BAD_REQUEST', `Sale ${sale.id} does not add up: ${problems.join('; ')}`);
      return null;
    },
  };
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
  const { valid, rejected } = await validateRows(db, device, rows, saleRules(device));
  if (valid.length === 0) return { acks: [], rejected, appliedUpTo: null, reconciliationChanged: false };
  // Group commit: pushes that arrive while another is being written share its transaction (one
  // commit for all), each in a savepoint of its own (group-commit.ts).
  const applied = await runIsolatingFailures(
    db,
    valid,
    (batch): GroupWork<SalesOutcome> =>
      (trx, seq, group) =>
        new SalesBatch(trx, seq, group, device, now).apply(batch),
  );
  return {
    acks: applied.acks,
    rejected: [...rejected, ...applied.rejectedInTransaction],
    appliedUpTo: applied.appliedUpTo,
    reconciliationChanged: applied.reconciliationChanged,
  };
}

/**
 * SPEC S2 when the database itself fails a write (a value no check foresaw): the batch is applied
 * again one sale per work, each in its own savepoint of one group, so only the sale the database
 * refuses is refused. When every sale fails alone too, the cause is not in the sales (a lost
 * connection): the push fails as a whole and the device retries it.
 */
async function runIsolatingFailures(
  db: Db,
  valid: readonly ValidRow<SaleDoc>[],
  applyBatch: (batch: readonly ValidRow<SaleDoc>[]) => GroupWork<SalesOutcome>,
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
        outcome.rejectedInTransaction.push(storeFailed('Sale', valid[i]!.doc.id, o.reason));
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
