import { v7 as uuidv7 } from 'uuid';
import type { Payment, SaleDoc } from '../../shared/protocol';
import { lineTotal, saleArithmeticProblems, saleTotal } from '../../shared/sale/sale-arithmetic';
import { receiptNumber } from '../../shared/sale/receipt-number';
import type { PosDatabase, ProductRow, SaleRow } from './collections';
import type { DevicePairing } from './device-pairing';
import { withSaleNumberLock } from './sale-number-lock';

export interface CartLine {
  product: Pick<ProductRow, 'id' | 'name' | 'priceCents'>;
  quantity: number;
}

export interface SaleDraft {
  lines: readonly CartLine[];
  payments: readonly Payment[];
  cashierName: string;
}

/**
 * DESIGN invariant 1: the whole ticket is one document, written in one IndexedDB transaction.
 * When this resolves the sale is durable; until it does, nothing of it exists.
 */
export async function commitSale(db: PosDatabase, pairing: DevicePairing, draft: SaleDraft, now = new Date()): Promise<SaleRow> {
  const lines = draft.lines
    .filter((l) => l.quantity > 0)
    .map((l) => ({
      productId: l.product.id,
      name: l.product.name,
      quantity: l.quantity,
      unitPriceCents: l.product.priceCents,
      lineTotalCents: lineTotal({ unitPriceCents: l.product.priceCents, quantity: l.quantity }),
    }));
  if (lines.length === 0) throw new Error('The cart is empty.');
  const totalCents = saleTotal(lines);
  const base = { lines, totalCents, payments: [...draft.payments] };
  const problems = saleArithmeticProblems(base);
  if (problems.length > 0) throw new Error(problems.join('; '));

  return withSaleNumberLock(async () => {
    const last = await db.sales.findOne({ sort: [{ deviceSeq: 'desc' }] }).exec();
    const deviceSeq = (last?.deviceSeq ?? 0) + 1;
    const sale: SaleRow = {
      id: uuidv7(),
      branchId: pairing.branch.id,
      deviceId: pairing.deviceId,
      deviceSeq,
      receiptNumber: receiptNumber(pairing.branch.receiptPrefix, pairing.deviceNumber, deviceSeq),
      cashierName: draft.cashierName,
      createdAt: now.toISOString(),
      currency: pairing.branch.currency,
      ...base,
    };
    await db.sales.insert(sale);
    return sale satisfies Omit<SaleDoc, '_deleted'>;
  });
}
