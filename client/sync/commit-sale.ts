import { v7 as uuidv7 } from 'uuid';
import type { Payment, SaleDoc, SaleLine } from '../../shared/protocol';
import { lineTotal, saleArithmeticProblems, saleTotal } from '../../shared/sale/sale-arithmetic';
import { receiptNumber } from '../../shared/sale/receipt-number';
import type { PosDatabase, ProductRow, SaleRow } from './collections';
import type { DevicePairing } from './device-pairing';
import { withSaleNumberLock } from './sale-number-lock';

export interface CartLine {
  product: Pick<ProductRow, 'id' | 'name' | 'priceCents' | 'taxRateBp'>;
  quantity: number;
  discountCents?: number;
  discountReason?: string | null;
}

export interface TicketDraft {
  /** The id the ticket will have (UUIDv7); the cart's own id, so committing it twice saves it once. */
  id?: string;
  kind?: SaleDoc['kind'];
  /** The sale a refund gives back; null for a sale. */
  refundOf?: string | null;
  lines: readonly CartLine[];
  payments: readonly Payment[];
  cashierId?: string | null;
  cashierName: string;
  shiftId?: string | null;
}

export function toSaleLine(l: CartLine): SaleLine {
  const discountCents = l.discountCents ?? 0;
  return {
    productId: l.product.id,
    name: l.product.name,
    quantity: l.quantity,
    unitPriceCents: l.product.priceCents,
    taxRateBp: l.product.taxRateBp,
    discountCents,
    discountReason: discountCents > 0 ? (l.discountReason ?? null) : null,
    lineTotalCents: lineTotal({ unitPriceCents: l.product.priceCents, quantity: l.quantity, discountCents }),
  };
}

/**
 * DESIGN invariant 1: the whole ticket (lines, payments, cashier, numbers) is one document,
 * written in one IndexedDB transaction. When this resolves the ticket is durable; until it
 * does, nothing of it exists.
 */
export async function commitSale(db: PosDatabase, pairing: DevicePairing, draft: TicketDraft, now = new Date()): Promise<SaleRow> {
  const lines = draft.lines.filter((l) => l.quantity > 0).map(toSaleLine);
  if (lines.length === 0) throw new Error('The cart is empty.');
  const kind = draft.kind ?? 'sale';
  const base = { lines, totalCents: saleTotal(lines), payments: [...draft.payments] };
  const problems = saleArithmeticProblems(base);
  if (problems.length > 0) throw new Error(problems.join('; '));

  return withSaleNumberLock(async () => {
    const last = await db.sales.findOne({ selector: { deviceId: pairing.deviceId }, sort: [{ deviceSeq: 'desc' }] }).exec();
    const deviceSeq = (last?.deviceSeq ?? 0) + 1;
    const sale: SaleRow = {
      id: draft.id ?? uuidv7(),
      kind,
      refundOf: kind === 'refund' ? (draft.refundOf ?? null) : null,
      branchId: pairing.branch.id,
      deviceId: pairing.deviceId,
      deviceSeq,
      receiptNumber: receiptNumber(pairing.branch.receiptPrefix, pairing.deviceNumber, deviceSeq),
      cashierId: draft.cashierId ?? null,
      cashierName: draft.cashierName,
      shiftId: draft.shiftId ?? null,
      createdAt: now.toISOString(),
      currency: pairing.branch.currency,
      ...base,
    };
    try {
      await db.sales.insert(sale);
    } catch (err) {
      // Already committed (a retry after a crash or a double tap): the same ticket, not a second one.
      const existing = draft.id && (err as { code?: string }).code === 'CONFLICT' ? await db.sales.findOne(draft.id).exec() : null;
      if (existing) return existing.toJSON() as SaleRow;
      throw err;
    }
    return sale;
  });
}
