import type { DraftCart } from './draft-cart';

export interface OversoldLine {
  name: string;
  /** The displayed stock left once this line is sold: below zero. */
  after: number;
}

/** The cart's lines that sell more than the displayed stock of their product. */
export function oversoldLines(cart: DraftCart, stock: ReadonlyMap<string, number>): OversoldLine[] {
  return cart.lines
    .map((l) => ({ name: l.name, after: (stock.get(l.productId) ?? 0) - l.quantity }))
    .filter((l) => l.after < 0);
}
