import type { Approval, Payment } from '../../../shared/protocol';
import { chargeExchange, chargeSale, type ChargedSale } from '../../sync/commit-sale';
import type { PaidExchange } from '../exchange/cart-exchange';
import type { DevicePairing } from '../../sync/device-pairing';
import type { PosStore } from '../../sync/pos-database';
import { toCartLine, type DraftCart } from './draft-cart';
import type { DraftStore } from './draft-store';
import type { Author } from './use-checkout';

/**
 * Charges a draft cart: once its draft is on disk, the ticket is made durable in the journal. Resolves
 * when it is; `stored` settles when the ticket is in the sales database too. `start` is the tap's time,
 * for the POS benchmark's measures. A cart with an exchange is charged as its refund and its sale
 * together (SPEC S14); `payments` are then the difference's only.
 */
export async function chargeDraft(
  { store, pairing, drafts }: { store: PosStore; pairing: DevicePairing; drafts: DraftStore },
  cart: DraftCart,
  payments: Payment[],
  author: Author,
  approvals: Approval[],
  start: number,
): Promise<Pick<ChargedSale, 'sale' | 'stored'> & { exchange: PaidExchange | null }> {
  // The draft must be on disk before its ticket can be: a restart then finds the cart's id either
  // charged in the journal or still in the draft. A draft that could not be saved does not stop the sale.
  await drafts.settled().catch(() => undefined);
  const draft = {
    id: cart.id,
    lines: cart.lines.map(toCartLine),
    ticketDiscount: cart.ticketDiscount ?? null,
    approvals,
    ...author,
  };
  const x = cart.exchange;
  const charged = x
    ? await chargeExchange(store, pairing, { ...draft, ...x, payments })
    : { ...(await chargeSale(store, pairing, { ...draft, payments })), refund: null };
  const { sale, stored, durableAt, refund } = charged;
  // For the POS benchmark: tap → durable in IndexedDB (in the journal's worker), and tap → this
  // thread knows it (after the frame the tap itself makes the browser render).
  performance.measure('pos:commit', { start, end: durableAt - performance.timeOrigin });
  performance.measure('pos:commit-seen', { start, end: performance.now() });
  return { sale, stored, exchange: refund && x ? { refund, originalReceipt: x.receiptNumber } : null };
}
