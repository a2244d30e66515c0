import type { Approval, Payment } from '../../../shared/protocol';
import { chargeSale, type ChargedSale } from '../../sync/commit-sale';
import type { DevicePairing } from '../../sync/device-pairing';
import type { PosStore } from '../../sync/pos-database';
import { toCartLine, type DraftCart } from './draft-cart';
import type { DraftStore } from './draft-store';
import type { Author } from './use-checkout';

/**
 * Charges a draft cart: once its draft is on disk, the ticket is made durable in the journal. Resolves
 * when it is; `stored` settles when the ticket is in the sales database too. `start` is the tap's time,
 * for the POS benchmark's measures.
 */
export async function chargeDraft(
  { store, pairing, drafts }: { store: PosStore; pairing: DevicePairing; drafts: DraftStore },
  cart: DraftCart,
  payments: Payment[],
  author: Author,
  approvals: Approval[],
  start: number,
): Promise<Pick<ChargedSale, 'sale' | 'stored'>> {
  // The draft must be on disk before its ticket can be: a restart then finds the cart's id either
  // charged in the journal or still in the draft. A draft that could not be saved does not stop the sale.
  await drafts.settled().catch(() => undefined);
  const { sale, stored, durableAt } = await chargeSale(store, pairing, {
    id: cart.id,
    lines: cart.lines.map(toCartLine),
    ticketDiscount: cart.ticketDiscount ?? null,
    approvals,
    payments,
    ...author,
  });
  // For the POS benchmark: tap → durable in IndexedDB (in the journal's worker), and tap → this
  // thread knows it (after the frame the tap itself makes the browser render).
  performance.measure('pos:commit', { start, end: durableAt - performance.timeOrigin });
  performance.measure('pos:commit-seen', { start, end: performance.now() });
  return { sale, stored };
}
