import { useState } from 'react';
import type { LineDiscountInput } from '../../../shared/sale/cart-math';
import { CartLineRow, type LineEditor } from './CartLineRow';
import type { CartTotals, DraftCart } from './draft-cart';
import { TicketTotals } from './TicketTotals';

export interface CartActions {
  add: (productId: string, delta: number) => void;
  setQuantity: (productId: string, quantity: number) => void;
  setDiscount: (productId: string, discount: LineDiscountInput | null, reason: string) => void;
  setPrice: (productId: string, cents: number) => void;
}

/**
 * Lines of the ticket with quantity, discount and remove; the totals with tax broken out. One editor
 * and one quantity problem are shown at a time, on the line they belong to.
 */
export function CartPanel({ cart, totals, actions }: { cart: DraftCart; totals: CartTotals; actions: CartActions }) {
  const [editing, setEditing] = useState<{ productId: string; editor: LineEditor } | null>(null);
  const [quantityProblem, setQuantityProblem] = useState<{ productId: string; message: string } | null>(null);
  return (
    <>
      <ul className="cart-lines">
        {cart.lines.map((l, i) => (
          <CartLineRow
            key={l.productId}
            line={l}
            sold={totals.lines[i]!}
            actions={actions}
            editor={editing?.productId === l.productId ? editing.editor : null}
            onEdit={(editor) => setEditing(editor && { productId: l.productId, editor })}
            quantityProblem={quantityProblem?.productId === l.productId ? quantityProblem.message : null}
            onQuantityProblem={(message) => setQuantityProblem(message ? { productId: l.productId, message } : null)}
          />
        ))}
      </ul>
      <TicketTotals totals={totals} />
    </>
  );
}
