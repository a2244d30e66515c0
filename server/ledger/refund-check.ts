import type { Transaction } from 'kysely';
import type { ErrorCode, Rejection, SaleDoc } from '../../shared/protocol';
import type { Database } from '../db/schema';
import { refusal } from './refusals';

export interface OverRefundedLine {
  productId: string;
  name: string;
  unitPriceCents: number;
  sold: number;
  /** Returned by refunds the server applied before this one. */
  refundedBefore: number;
  remaining: number;
  refunded: number;
}

export interface RefundCheck {
  originalReceipt: string;
  /** Lines returning more than remained: accepted (the money already left the till) but a manager must look. */
  overRefunded: OverRefundedLine[];
}

/**
 * A refund must name a sale the server holds, of the same branch, and return only products at
 * the prices that sale charged, unless it is a refund without a receipt (approved by a supervisor). Returning more than remains (two devices refunding the same units
 * offline) is not refused: it is flagged as a double refund.
 */
export async function checkRefund(
  trx: Transaction<Database>,
  refund: SaleDoc,
  branchId: string,
): Promise<RefundCheck | Rejection> {
  const refused = (code: ErrorCode, message: string): Rejection => refusal(refund.id, code, message);
  // A refund without a receipt returns goods no sale names; ingest has checked its supervisor's approval.
  if (refund.refundOf === null) return { originalReceipt: '', overRefunded: [] };
  const original = refund.refundOf
    ? await trx
        .selectFrom('sales')
        .select(['id', 'kind', 'branch_id', 'receipt_number'])
        .where('id', '=', refund.refundOf)
        .executeTakeFirst()
    : undefined;
  if (original?.kind === 'refund') {
    return refused(
      'BAD_REQUEST',
      `Refund ${refund.receiptNumber} names refund ${original.receipt_number}, not a sale; a refund returns units of the original sale.`,
    );
  }
  if (!original) {
    return refused(
      'NOT_FOUND',
      `Refund ${refund.receiptNumber} returns sale ${refund.refundOf ?? '(none)'}, which the server has not received. The original sale must reach the server first; this refund was not applied.`,
    );
  }
  if (original.branch_id !== branchId) {
    return refused(
      'FORBIDDEN',
      `Refund ${refund.receiptNumber} returns sale ${original.receipt_number} of another branch; a branch only refunds its own sales.`,
    );
  }
  const { sold, refundedBefore } = await soldAndRefunded(trx, original.id);
  const returning = new Map<string, { productId: string; name: string; unitPriceCents: number; quantity: number }>();
  for (const line of refund.lines) {
    const k = key(line.productId, line.unitPriceCents);
    if (!sold.has(k)) {
      return refused(
        'BAD_REQUEST',
        `Refund ${refund.receiptNumber} returns ${line.name} at ${line.unitPriceCents}, but sale ${original.receipt_number} did not sell it at that price; refund only what the sale charged.`,
      );
    }
    const r = returning.get(k);
    if (r) r.quantity += line.quantity;
    else
      returning.set(k, {
        productId: line.productId,
        name: line.name,
        unitPriceCents: line.unitPriceCents,
        quantity: line.quantity,
      });
  }
  const overRefunded: OverRefundedLine[] = [];
  for (const [k, r] of returning) {
    const soldQty = sold.get(k) ?? 0;
    const before = refundedBefore.get(k) ?? 0;
    const remaining = Math.max(0, soldQty - before);
    if (r.quantity > remaining) {
      overRefunded.push({
        productId: r.productId,
        name: r.name,
        unitPriceCents: r.unitPriceCents,
        sold: soldQty,
        refundedBefore: before,
        remaining,
        refunded: r.quantity,
      });
    }
  }
  return { originalReceipt: original.receipt_number, overRefunded };
}

/** Product and unit price of a sale line, the unit a refund is checked in. */
const key = (productId: string, price: number) => `${productId}\u0000${price}`;

/** Units the sale sold and units earlier refunds of it returned, by product and price. */
async function soldAndRefunded(
  trx: Transaction<Database>,
  saleId: string,
): Promise<{ sold: Map<string, number>; refundedBefore: Map<string, number> }> {
  const sold = new Map<string, number>();
  for (const l of await trx
    .selectFrom('sale_lines')
    .select(['product_id', 'unit_price_cents', 'quantity'])
    .where('sale_id', '=', saleId)
    .execute()) {
    const k = key(l.product_id, Number(l.unit_price_cents));
    sold.set(k, (sold.get(k) ?? 0) + Number(l.quantity));
  }
  const refundedBefore = new Map<string, number>();
  const earlier = await trx
    .selectFrom('sale_lines')
    .innerJoin('sales', 'sales.id', 'sale_lines.sale_id')
    .select(['sale_lines.product_id', 'sale_lines.unit_price_cents', 'sale_lines.quantity'])
    .where('sales.refund_of', '=', saleId)
    .where('sales.kind', '=', 'refund')
    .execute();
  for (const l of earlier) {
    const k = key(l.product_id, Number(l.unit_price_cents));
    refundedBefore.set(k, (refundedBefore.get(k) ?? 0) + Number(l.quantity));
  }
  return { sold, refundedBefore };
}
