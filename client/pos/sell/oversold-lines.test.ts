import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DraftCart, DraftLine } from './draft-cart';
import { oversoldLines } from './oversold-lines';

const line = (productId: string, quantity: number): DraftLine => ({
  productId,
  sku: productId,
  name: `Producto ${productId}`,
  priceCents: 100,
  taxRateBp: 0,
  quantity,
  discount: null,
  discountReason: '',
});

describe('oversoldLines (invariant 7: what a cart sells beyond the displayed stock)', () => {
  it('names the lines that sell more than the stock shown, with the stock they leave; an unknown product has none', () => {
    const cart: DraftCart = { id: 'c', lines: [line('a', 3), line('b', 2), line('c', 1)] };
    const stock = new Map([
      ['a', 5],
      ['b', 1],
    ]);
    expect(oversoldLines(cart, stock)).toEqual([
      { name: 'Producto b', after: -1 },
      { name: 'Producto c', after: -1 },
    ]);
  });

  it('a line is listed exactly when its quantity is above its stock, in the cart’s order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ id: fc.string({ minLength: 1 }), qty: fc.nat(50), stock: fc.integer({ min: -5, max: 50 }) }),
          {
            selector: (r) => r.id,
          },
        ),
        (rows) => {
          const cart: DraftCart = { id: 'c', lines: rows.map((r) => line(r.id, r.qty)) };
          const stock = new Map(rows.map((r) => [r.id, r.stock]));
          const over = rows.filter((r) => r.qty > r.stock);
          expect(oversoldLines(cart, stock)).toEqual(
            over.map((r) => ({ name: `Producto ${r.id}`, after: r.stock - r.qty })),
          );
        },
      ),
    );
  });
});
