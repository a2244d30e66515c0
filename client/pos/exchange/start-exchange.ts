import type { SaleLine } from '../../../shared/protocol';
import { refundableUnits } from '../../../shared/sale/refund-math';
import type { PosDatabase, SaleRow } from '../../sync/collections';
import { findSaleForRefund } from '../refund/find-sale';
import { chosenRefundLines, type FoundSale } from '../refund/refund-ticket';
import type { Checkout } from '../sell/use-checkout';
import { newCartExchange } from './cart-exchange';

/**
 * The lines an exchange takes back, counted again from the database (a refund made meanwhile in
 * another tab is not given twice); null when some of the chosen units are no longer there.
 */
export async function exchangeLines(
  db: PosDatabase,
  found: FoundSale,
  units: readonly number[],
): Promise<SaleLine[] | null> {
  const fresh = await findSaleForRefund(db, found.sale.receiptNumber);
  const left = fresh ? refundableUnits(fresh.sale, fresh.refunds) : found.left;
  if (found.sale.lines.some((_, i) => units[i]! > left[i]!)) return null;
  return chosenRefundLines({ ...found, left }, units);
}

/**
 * Puts what comes back from `original` on the cart being rung up (a sale just paid gives way to a new
 * cart), so the selling screen's own tools add what the customer takes instead (SPEC S14).
 */
export function startExchange(checkout: Checkout, original: SaleRow, returned: SaleLine[]): boolean {
  if (checkout.stage.kind === 'loading') return false;
  if (checkout.stage.kind === 'paid') checkout.newSale();
  else if (checkout.stage.kind === 'payment') checkout.setStage({ kind: 'cart' });
  checkout.setCart((c) => ({ ...c, exchange: newCartExchange(original, returned) }));
  return true;
}
