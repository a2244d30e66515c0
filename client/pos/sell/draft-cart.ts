import { v7 as uuidv7 } from 'uuid';
import type { SaleLine } from '../../../shared/protocol';
import { discountCents, taxBreakdown, type LineDiscountInput, type TaxGroup } from '../../../shared/sale/cart-math';
import { multiplyCents, sumCents } from '../../../shared/money';
import { MAX_LINE_QUANTITY } from '../../../shared/sale/quantity';
import type { ProductRow } from '../../sync/collections';
import { toSaleLine, type CartLine } from '../../sync/commit-sale';

export interface DraftLine {
  productId: string;
  sku: string;
  name: string;
  priceCents: number;
  taxRateBp: number;
  quantity: number;
  discount: LineDiscountInput | null;
  discountReason: string;
}

/**
 * The ticket being rung up. Its id becomes the sale's id at commit, so a cart that outlived a
 * crash right after its sale was saved is recognised and never charged twice.
 */
export interface DraftCart {
  id: string;
  lines: DraftLine[];
}

export const emptyCart = (): DraftCart => ({ id: uuidv7(), lines: [] });

export function addProduct(
  cart: DraftCart,
  p: Pick<ProductRow, 'id' | 'sku' | 'name' | 'priceCents' | 'taxRateBp'>,
  delta = 1,
): DraftCart {
  const existing = cart.lines.find((l) => l.productId === p.id);
  if (!existing) {
    if (delta <= 0) return cart;
    return {
      ...cart,
      lines: [
        ...cart.lines,
        {
          productId: p.id,
          sku: p.sku,
          name: p.name,
          priceCents: p.priceCents,
          taxRateBp: p.taxRateBp,
          quantity: delta,
          discount: null,
          discountReason: '',
        },
      ],
    };
  }
  return setQuantity(cart, p.id, existing.quantity + delta);
}

export function setQuantity(cart: DraftCart, productId: string, quantity: number): DraftCart {
  // Callers check the quantity first (parseQuantity, MAX_LINE_QUANTITY): nothing is rounded or capped here.
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > MAX_LINE_QUANTITY) return cart;
  const q = quantity;
  return {
    ...cart,
    lines: cart.lines.map((l) => (l.productId === productId ? { ...l, quantity: q } : l)).filter((l) => l.quantity > 0),
  };
}

export function setDiscount(
  cart: DraftCart,
  productId: string,
  discount: LineDiscountInput | null,
  reason: string,
): DraftCart {
  return {
    ...cart,
    lines: cart.lines.map((l) =>
      l.productId === productId ? { ...l, discount, discountReason: discount ? reason : '' } : l,
    ),
  };
}

export function toCartLine(l: DraftLine): CartLine {
  return {
    product: { id: l.productId, name: l.name, priceCents: l.priceCents, taxRateBp: l.taxRateBp },
    quantity: l.quantity,
    discountCents: discountCents(multiplyCents(l.priceCents, l.quantity), l.discount),
    discountReason: l.discountReason.trim() || null,
  };
}

export interface CartTotals {
  lines: SaleLine[];
  grossCents: number;
  discountCents: number;
  totalCents: number;
  taxes: TaxGroup[];
}

export function cartTotals(cart: DraftCart): CartTotals {
  const lines = cart.lines.map((l) => toSaleLine(toCartLine(l)));
  const grossCents = sumCents(lines.map((l) => multiplyCents(l.unitPriceCents, l.quantity)));
  const discount = sumCents(lines.map((l) => l.discountCents));
  return { lines, grossCents, discountCents: discount, totalCents: grossCents - discount, taxes: taxBreakdown(lines) };
}
