import { v7 as uuidv7 } from 'uuid';
import { sumCents } from '../../../shared/money';
import type { SaleLine } from '../../../shared/protocol';
import type { SaleRow } from '../../sync/collections';

/**
 * What comes back in an exchange (SPEC S14), kept with the cart being rung up: the cart's lines are
 * what the customer takes instead. Saved with the draft, so a restart finds it as it was, and its
 * refund id is made once, so charging it twice writes it once.
 */
export interface CartExchange {
  refundId: string;
  /** The paid ticket the goods come back from. */
  refundOf: string;
  receiptNumber: string;
  /** The lines coming back, at the prices they were sold for (shared/sale/refund-math.ts refundLine). */
  returned: SaleLine[];
}

/** An exchange once charged: its refund, beside the sale the paid screen shows. */
export interface PaidExchange {
  refund: SaleRow;
  /** The number of the ticket the goods came back from. */
  originalReceipt: string;
}

export function newCartExchange(original: Pick<SaleRow, 'id' | 'receiptNumber'>, returned: SaleLine[]): CartExchange {
  return { refundId: uuidv7(), refundOf: original.id, receiptNumber: original.receiptNumber, returned };
}

export const returnedCents = (x: CartExchange) => sumCents(x.returned.map((l) => l.lineTotalCents));
