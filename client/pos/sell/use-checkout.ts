import { useCallback, useEffect, useRef, useState } from 'react';
import type { Approval, Payment } from '../../../shared/protocol';
import type { SaleRow } from '../../sync/collections';
import { prepareSaleNumbering } from '../../sync/commit-sale';
import type { DevicePairing } from '../../sync/device-pairing';
import type { PosStore } from '../../sync/pos-database';
import { errorMessage } from '../error-message';
import type { PaidExchange } from '../exchange/cart-exchange';
import { chargeDraft } from './charge-draft';
import { emptyCart, type DraftCart } from './draft-cart';
import type { DraftStore } from './draft-store';
import { restoreCheckout } from './restore-checkout';
import { useParkedCarts, type ParkedCarts } from './use-parked-carts';

export type Stage =
  | { kind: 'loading' }
  /** `restored`: this cart outlived a restart and was not charged. */
  | { kind: 'cart'; restored?: boolean }
  | { kind: 'payment' }
  /** `recovered`: charged before a restart, found in the ticket journal at start. */
  /** `exchange`: the refund charged with this sale (SPEC S14). */
  | { kind: 'paid'; sale: SaleRow; recovered?: boolean; exchange?: PaidExchange | null };

export interface Author {
  cashierId: string | null;
  cashierName: string;
  shiftId: string | null;
}

export interface Checkout extends ParkedCarts {
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
}

export type CheckoutProblem =
  | { kind: 'saleFailed'; message: string }
  | { kind: 'saleNotStored'; receipt: string; message: string }
  | { kind: 'parkFailed'; message: string };

/**
 * The cart being rung up and its charge, for the selling screen. At start it answers what became
 * of the last charge (restore-checkout.ts): the cashier sees either that sale or the cart exactly as it
 * was. The draft is kept in IndexedDB (draft-store.ts) and every write is durable before a charge
 * starts, so a restart shows one of the two states and never neither.
 */
export function useCheckout(store: PosStore, drafts: DraftStore, pairing: DevicePairing): Checkout {
  const { deviceId } = pairing;
  const [cart, setCartState] = useState<DraftCart>(emptyCart);
  const [stage, setStage] = useState<Stage>({ kind: 'loading' });
  const [problem, setProblem] = useState<CheckoutProblem | null>(null);
  const committing = useRef(false);
  const parkFailed = useCallback((message: string) => setProblem({ kind: 'parkFailed', message }), []);
  const replaceCart = (next: DraftCart) => {
    setCartState(next);
    setStage({ kind: 'cart' });
    setProblem(null);
  };
  const parking = useParkedCarts(drafts, deviceId, { cart, stage }, replaceCart, parkFailed);

  useEffect(() => {
    let live = true;
    // The receipt counter is read now rather than on the first tap of "charge".
    prepareSaleNumbering(store, deviceId).catch((err: unknown) =>
      setProblem({ kind: 'saleFailed', message: errorMessage(err) }),
    );
    restoreCheckout(store, drafts, deviceId)
      .catch((err: unknown) => {
        setProblem({ kind: 'saleFailed', message: errorMessage(err) });
        return { stage: { kind: 'cart' } as const, cart: undefined };
      })
      .then((restored) => {
        if (!live) return;
        if (restored.cart) setCartState(restored.cart);
        setStage(restored.stage);
      });
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
      const charged = await chargeDraft({ store, pairing, drafts }, cart, payments, author, approvals, start);
      const { sale, stored, exchange } = charged;
      // The ticket is safe in the journal; if copying it into the sales database fails, the next
      // start copies it, and the cashier is told now.
      stored.catch((err: unknown) =>
        setProblem({ kind: 'saleNotStored', receipt: sale.receiptNumber, message: errorMessage(err) }),
      );
      // Only now, with the ticket durable, does the cashier see "paid". The draft on disk keeps the
      // charged cart until the next one starts, so a restart from here shows this sale.
      setCartState(emptyCart());
      setProblem(null);
      setStage({ kind: 'paid', sale, exchange });
    } catch (err) {
      setProblem({ kind: 'saleFailed', message: errorMessage(err) });
    } finally {
      committing.current = false;
    }
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
    ...parking,
  };
}
