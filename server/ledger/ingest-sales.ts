import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { lineStockDelta, saleDocSchema, type Ack, type Rejection, type SaleDoc } from '../../shared/protocol';
import { saleArithmeticProblems } from '../../shared/sale/sale-arithmetic';
import { receiptNumber } from '../../shared/sale/receipt-number';
import type { Db } from '../db/database';
import { SequenceAllocator } from './server-sequence';
import { applyMovement } from './stock-movements';
import type { DeviceIdentity } from '../auth/device-identity';

export interface IngestResult {
  acks: Ack[];
  rejected: Rejection[];
  /** Highest sequence written, or null when nothing new was applied. */
  appliedUpTo: number | null;
}

function issuesText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'sale'}: ${i.message}`).join('; ');
}


function reject(saleId: string, code: Rejection['code'], status: number, message: string): Rejection {
  return { id: saleId, code, status, message };
}

/**
 * DESIGN invariants 2 and 3: a sale is stored and its movements applied in one transaction, at
 * most once per id. The same id with the same content gets the same ack again; the same id with
 * other content is refused and logged, never applied. One bad sale does not stop the others.
 */
export async function ingestSales(db: Db, device: DeviceIdentity, rows: readonly { newDocumentState: unknown }[], now = new Date().toISOString()): Promise<IngestResult> {
  const rejected: Rejection[] = [];
  const valid: { sale: SaleDoc; hash: string; body: string }[] = [];

  for (const row of rows) {
    const rawId = (row.newDocumentState as { id?: unknown } | null)?.id;
    const saleId = typeof rawId === 'string' ? rawId.slice(0, 100) : '(no id)';
    const parsed = saleDocSchema.safeParse(row.newDocumentState);
    if (!parsed.success) {
      rejected.push(reject(saleId, 'BAD_REQUEST', 400, `Sale ${saleId} is malformed: ${issuesText(parsed.error)}`));
      continue;
    }
    const sale = parsed.data;
    if (sale.branchId !== device.branchId || sale.deviceId !== device.deviceId) {
      rejected.push(reject(sale.id, 'FORBIDDEN', 403, `Sale ${sale.id} names branch ${sale.branchId} and device ${sale.deviceId}, but this device is ${device.deviceId} of ${device.branchId}.`));
      continue;
    }
    const expectedReceipt = receiptNumber(device.receiptPrefix, device.deviceNumber, sale.deviceSeq);
    if (sale.receiptNumber !== expectedReceipt) {
      rejected.push(reject(sale.id, 'BAD_REQUEST', 400, `Sale ${sale.id} has receipt number ${sale.receiptNumber}; this device's sale ${sale.deviceSeq} must be ${expectedReceipt}.`));
      continue;
    }
    if ((sale.kind === 'refund') !== (sale.refundOf !== null)) {
      rejected.push(reject(sale.id, 'BAD_REQUEST', 400, `Sale ${sale.id}: a refund must name the sale it refunds (refundOf), and a sale must not.`));
      continue;
    }
    const problems = saleArithmeticProblems(sale);
    if (problems.length > 0) {
      rejected.push(reject(sale.id, 'BAD_REQUEST', 400, `Sale ${sale.id} does not add up: ${problems.join('; ')}`));
      continue;
    }
    if (sale._deleted) {
      rejected.push(reject(sale.id, 'BAD_REQUEST', 400, `Sale ${sale.id} is marked deleted; sales cannot be deleted, refund them instead.`));
      continue;
    }
    // Hash of the sale as validated (schema key order), to tell a retry from a reused id.
    const body = JSON.stringify(sale);
    valid.push({ sale, hash: createHash('sha256').update(body).digest('hex'), body });
  }

  const acks: Ack[] = [];
  let appliedUpTo: number | null = null;
  if (valid.length === 0) return { acks, rejected, appliedUpTo };

  await db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    const productIds = [...new Set(valid.flatMap((v) => v.sale.lines.map((l) => l.productId)))];
    const known = new Set(
      (await trx.selectFrom('products').select('id').where('id', 'in', productIds).execute()).map((r) => r.id),
    );
    const logRejection = async (r: Rejection, body: string) => {
      rejected.push(r);
      await trx
        .insertInto('rejected_sales')
        .values({ id: uuidv7(), device_id: device.deviceId, sale_id: r.id, code: r.code, message: r.message, body, created_at: now })
        .execute();
    };

    for (const { sale, hash, body } of valid) {
      const existing = await trx
        .selectFrom('sales')
        .select(['content_hash', 'applied_seq'])
        .where('id', '=', sale.id)
        .executeTakeFirst();
      if (existing) {
        if (existing.content_hash === hash) acks.push({ id: sale.id, appliedSeq: Number(existing.applied_seq) });
        else await logRejection(reject(sale.id, 'SALE_ID_REUSED', 409, `Sale id ${sale.id} was already received with other content; this version was not applied.`), body);
        continue;
      }
      const sameNumber = await trx
        .selectFrom('sales')
        .select('id')
        .where('device_id', '=', device.deviceId)
        .where('device_seq', '=', sale.deviceSeq)
        .executeTakeFirst();
      if (sameNumber) {
        await logRejection(reject(sale.id, 'CONFLICT', 409, `Receipt ${sale.receiptNumber} was already used by sale ${sameNumber.id}; this sale was not applied.`), body);
        continue;
      }
      const missing = sale.lines.find((l) => !known.has(l.productId));
      if (missing) {
        await logRejection(reject(sale.id, 'NOT_FOUND', 404, `Sale ${sale.id} sells product ${missing.productId}, which the catalogue does not have.`), body);
        continue;
      }

      const appliedSeq = seq.next();
      await trx
        .insertInto('sales')
        .values({
          id: sale.id,
          kind: sale.kind,
          refund_of: sale.refundOf,
          cashier_id: sale.cashierId,
          shift_id: sale.shiftId,
          branch_id: device.branchId,
          device_id: device.deviceId,
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
        })
        .execute();
      await trx
        .insertInto('sale_lines')
        .values(
          sale.lines.map((l, i) => ({
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
        )
        .execute();
      for (const line of sale.lines) {
        await applyMovement(
          trx,
          { locationId: device.locationId, productId: line.productId, delta: lineStockDelta(sale.kind, line), kind: sale.kind, saleId: sale.id, actor: `device:${device.deviceId}`, reason: `${sale.kind} ${sale.receiptNumber}` },
          appliedSeq,
          now,
        );
      }
      acks.push({ id: sale.id, appliedSeq });
      appliedUpTo = appliedSeq;
    }
    await seq.save();
  });
  return { acks, rejected, appliedUpTo };
}
