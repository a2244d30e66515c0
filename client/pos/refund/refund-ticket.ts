import type { SaleLine } from '../../../shared/protocol/sale-doc';
import { refundLine } from '../../../shared/sale/refund-math';
import type { SaleRow } from '../../sync/collections';
import type { TicketDraft } from '../../sync/commit-sale';

/** A ticket found for a refund: its units still refundable by line, and whether part already came back. */
export interface FoundSale {
  sale: SaleRow;
  left: number[];
  alreadyPartly: boolean;
}

export type RefundMethod = 'cash' | 'card';

/** The lines coming back: `units[i]` units of the sale's line i, with their share of its discount. */
export function chosenRefundLines(found: FoundSale, units: readonly number[]): SaleLine[] {
  return found.sale.lines
    .map((l, i) => (units[i]! > 0 ? refundLine(l, l.quantity - found.left[i]!, units[i]!) : null))
    .filter((l) => l !== null);
}

/** The refund as a ticket (kind 'refund', refundOf the sale), its money given back by one method. */
export function refundTicket(
  found: FoundSale,
  lines: readonly SaleLine[],
  totalCents: number,
  method: RefundMethod,
  cashier: { id: string | null; name: string; shiftId: string | null },
): TicketDraft {
  return {
    kind: 'refund',
    refundOf: found.sale.id,
    lines: lines.map((l) => ({
      product: { id: l.productId, name: l.name, priceCents: l.unitPriceCents, taxRateBp: l.taxRateBp },
      quantity: l.quantity,
      discountCents: l.discountCents,
      discountReason: l.discountReason,
    })),
    payments: [{ method, amountCents: totalCents, tenderedCents: method === 'cash' ? totalCents : null }],
    cashierId: cashier.id,
    cashierName: cashier.name,
    shiftId: cashier.shiftId,
  };
}
