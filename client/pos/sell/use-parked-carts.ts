import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../error-message';
import { emptyCart, type DraftCart } from './draft-cart';
import type { DraftStore, ParkedCart } from './draft-store';
import type { Stage } from './use-checkout';

export interface ParkedCarts {
  /** Carts set aside on this tablet, oldest first; they survive reloads and crashes. */
  parked: ParkedCart[];
  /** Sets the current cart aside under `name` and starts an empty one. */
  park(name: string): Promise<void>;
  /** Takes a parked cart back; only when the current cart is empty. */
  resume(cartId: string): Promise<void>;
}

/**
 * The carts set aside on this tablet. `replaceCart` makes a cart the one being rung up (an empty one
 * after parking, the parked one on resuming); a failure is told through `onFailure`
 * (kept stable by the caller: a new one reloads the list).
 */
export function useParkedCarts(
  drafts: DraftStore,
  deviceId: string,
  current: { cart: DraftCart; stage: Stage },
  replaceCart: (cart: DraftCart) => void,
  onFailure: (message: string) => void,
): ParkedCarts {
  const { cart, stage } = current;
  const [parked, setParked] = useState<ParkedCart[]>([]);
  const refresh = useCallback(
    () => drafts.parked(deviceId).then(setParked, (err: unknown) => onFailure(errorMessage(err))),
    [drafts, deviceId, onFailure],
  );
  useEffect(() => void refresh(), [refresh]);

  async function park(name: string) {
    if (cart.lines.length === 0 || stage.kind !== 'cart') return;
    const next = emptyCart();
    try {
      await drafts.park({ deviceId, name, parkedAt: new Date().toISOString(), cart }, next);
      replaceCart(next);
    } catch (err) {
      onFailure(errorMessage(err));
    }
    await refresh();
  }

  async function resume(cartId: string) {
    if (cart.lines.length > 0 || cart.exchange || stage.kind === 'payment' || stage.kind === 'loading') return;
    try {
      replaceCart(await drafts.resume(deviceId, cartId));
    } catch (err) {
      onFailure(errorMessage(err));
    }
    await refresh();
  }

  return { parked, park, resume };
}
