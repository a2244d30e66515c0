import { useCallback, useEffect, useRef, useState } from 'react';
import type { Approval, Payment } from '../../../shared/protocol';
import type { SaleRow } from '../../sync/collections';
import { chargeSale, prepareSaleNumbering } from '../../sync/commit-sale';
import type { DevicePairing } from '../../sync/device-pairing';
import type { PosStore } from '../../sync/pos-database';
import { emptyCart, toCartLine, type DraftCart } from './draft-cart';
import type { DraftStore, ParkedCart } from './draft-store';

export type Stage =
  | { kind: 'loading' }
  /** `restored`: this cart outlived a restart and was not charged. */
  | { kind: 'cart'; restored?: boolean }
  | { kind: 'payment' }
  /** `recovered`: charged before a restart, found in the ticket journal at start. */
  | { kind: 'paid'; sale: SaleRow; recovered?: boolean };

export interface Author {
  cashierId: string | null;
  cashierName: string;
  shiftId: string | null;
}

export interface Checkout {
  cart: DraftCart;
  stage: Stage;
  /** Why the last charge failed, or the warning that a saved ticket is not in the sales list yet. */
  problem: CheckoutProblem | null;
  setCart(update: (c: DraftCart) => DraftCart): void;
  setStage(stage: Stage): void;
  clearProblem(): void;
  /** Charges the cart; `approvals` are the supervisors' approvals it needed (asked before). */
  charge(payments: Payment[], author: Author, approvals?: Approval[]): Promise<void>;
  newSale(): void;
  /** Carts set aside on this tablet, oldest first; they survive reloads and crashes. */
  parked: ParkedCart[];
  /** Sets the current cart aside under `name` and starts an empty one. */
  park(name: string): Promise<void>;
  /** Takes a parked cart back; only when the current cart is empty. */
  resume(cartId: string): Promise<void>;
}

export type CheckoutProblem =
  | { kind: 'saleFailed'; message: string }
  | { kind: 'saleNotStored'; receipt: string; message: string }
  | { kind: 'parkFailed'; message: string };

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The ticket charged with this id, if any: the journal decides (RxDB for tickets pruned from it). */
async function chargedTicket({ db, journal }: PosStore, id: string): Promise<SaleRow | null> {
  const journaled = (await journal.all()).find((t) => t.id === id);
  if (journaled) return journaled;
  const stored = await db.sales.findOne(id).exec();
  return stored ? (stored.toJSON() as SaleRow) : null;
}

/**
 * The cart being rung up and its charge, for the selling screen. At start it answers what became
 * of the last charge: the cart's id in the ticket journal means it was charged (the cashier sees
 * that sale, never the cart again), otherwise the cart comes back exactly as it was. The draft is
 * kept in IndexedDB (draft-store.ts) and every write is durable before a charge starts, so a
 * restart shows one of the two states and never neither.
 */
export function useCheckout(store: PosStore, drafts: DraftStore, pairing: DevicePairing): Checkout {
  const { deviceId } = pairing;
  const [cart, setCartState] = useState<DraftCart>(emptyCart);
  const [stage, setStage] = useState<Stage>({ kind: 'loading' });
  const [problem, setProblem] = useState<CheckoutProblem | null>(null);
  const committing = useRef(false);
  const [parked, setParked] = useState<ParkedCart[]>([]);
  const refreshParked = useCallback(
    () =>
      drafts
        .parked(deviceId)
        .then(setParked, (err: unknown) => setProblem({ kind: 'parkFailed', message: messageOf(err) })),
    [drafts, deviceId],
  );
  useEffect(() => void refreshParked(), [refreshParked]);

  useEffect(() => {
    let live = true;
    // The receipt counter is read now rather than on the first tap of "charge".
    prepareSaleNumbering(store, deviceId).catch((err: unknown) =>
      setProblem({ kind: 'saleFailed', message: messageOf(err) }),
    );
    void (async () => {
      const saved = await drafts.load(deviceId);
      if (!saved || saved.lines.length === 0) return { kind: 'cart' } as const;
      const sale = await chargedTicket(store, saved.id);
      if (sale) return { kind: 'paid', sale, recovered: true } as const;
      if (live) setCartState(saved);
      return { kind: 'cart', restored: true } as const;
    })()
      .catch((err: unknown) => {
        setProblem({ kind: 'saleFailed', message: messageOf(err) });
        return { kind: 'cart' } as const;
      })
      .then((next) => live && setStage(next));
    return () => {
      live = false;
    };
  }, [store, drafts, deviceId]);

  const setCart = useCallback(
    (update: (c: DraftCart) => DraftCart) =>
      setCartState((c) => {
        const next = update(c);
        if (next !== c) drafts.save(deviceId, next);
        return next;
      }),
    [drafts, deviceId],
  );

  async function charge(payments: Payment[], author: Author, approvals: Approval[] = []) {
    const start = performance.now();
    // No re-render before the write: a render here would delay the commit by its own length.
    // A second tap meanwhile is harmless: the cart id makes it the same ticket.
    if (committing.current) return;
    committing.current = true;
    try {
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
      // The ticket is safe in the journal; if copying it into the sales database fails, the next
      // start copies it, and the cashier is told now.
      stored.catch((err: unknown) =>
        setProblem({ kind: 'saleNotStored', receipt: sale.receiptNumber, message: messageOf(err) }),
      );
      // Only now, with the ticket durable, does the cashier see "paid". The draft on disk keeps the
      // charged cart until the next one starts, so a restart from here shows this sale.
      setCartState(emptyCart());
      setProblem(null);
      setStage({ kind: 'paid', sale });
    } catch (err) {
      setProblem({ kind: 'saleFailed', message: messageOf(err) });
    } finally {
      committing.current = false;
    }
  }

  async function park(name: string) {
    if (cart.lines.length === 0 || stage.kind !== 'cart') return;
    const next = emptyCart();
    try {
      await drafts.park({ deviceId, name, parkedAt: new Date().toISOString(), cart }, next);
      setCartState(next);
      setStage({ kind: 'cart' });
      setProblem(null);
    } catch (err) {
      setProblem({ kind: 'parkFailed', message: messageOf(err) });
    }
    await refreshParked();
  }

  async function resume(cartId: string) {
    if (cart.lines.length > 0 || stage.kind === 'payment' || stage.kind === 'loading') return;
    try {
      setCartState(await drafts.resume(deviceId, cartId));
      setStage({ kind: 'cart' });
      setProblem(null);
    } catch (err) {
      setProblem({ kind: 'parkFailed', message: messageOf(err) });
    }
    await refreshParked();
  }

  function newSale() {
    setCart(() => emptyCart());
    setStage({ kind: 'cart' });
  }

  return {
    cart,
    stage,
    problem,
    setCart,
    setStage,
    clearProblem: () => setProblem(null),
    charge,
    newSale,
    parked,
    park,
    resume,
  };
}
