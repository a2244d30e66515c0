import type { SaleRow } from '../../sync/collections';
import type { PosStore } from '../../sync/pos-database';
import type { DraftCart } from './draft-cart';
import type { DraftStore } from './draft-store';
import type { Stage } from './use-checkout';

/** The ticket charged with this id, if any: the journal decides (RxDB for tickets pruned from it). */
async function chargedTicket({ db, journal }: PosStore, id: string): Promise<SaleRow | null> {
  const journaled = (await journal.all()).find((t) => t.id === id);
  if (journaled) return journaled;
  const stored = await db.sales.findOne(id).exec();
  return stored ? (stored.toJSON() as SaleRow) : null;
}

/**
 * What became of the last cart, at start: its id in the ticket journal means it was charged (the
 * cashier sees that sale, never the cart again); otherwise the cart comes back exactly as it was.
 */
export async function restoreCheckout(
  store: PosStore,
  drafts: DraftStore,
  deviceId: string,
): Promise<{ stage: Stage; cart?: DraftCart }> {
  const saved = await drafts.load(deviceId);
  if (!saved || (saved.lines.length === 0 && !saved.exchange)) return { stage: { kind: 'cart' } };
  const sale = await chargedTicket(store, saved.id);
  // An exchange's refund was written by the same transaction as its sale (SPEC S14): both or neither.
  const refund = sale?.exchangeWith ? await chargedTicket(store, sale.exchangeWith) : null;
  const exchange = refund ? { refund, originalReceipt: saved.exchange?.receiptNumber ?? '' } : null;
  if (sale) return { stage: { kind: 'paid', sale, recovered: true, exchange } };
  return { stage: { kind: 'cart', restored: true }, cart: saved };
}
