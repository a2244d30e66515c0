import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertQuantity } from './stock-quantity';

const kg3 = { unit: 'kg', quantityDecimals: 3 } as const;
const g0 = { unit: 'g', quantityDecimals: 0 } as const;
const each = { unit: 'each', quantityDecimals: 0 } as const;

describe('a line quantity in the product’s own unit (the server moves stock by it)', () => {
  it('converts within one dimension, exactly when the target is finer', () => {
    expect(convertQuantity(1250, kg3, g0)).toBe(1250);
    expect(convertQuantity(125, { unit: 'kg', quantityDecimals: 2 }, kg3)).toBe(1250);
    expect(convertQuantity(3, { unit: 'kg', quantityDecimals: 0 }, g0)).toBe(3000);
    expect(convertQuantity(1500, g0, { unit: 'kg', quantityDecimals: 1 })).toBe(15);
  });

  it('rounds half up to a coarser unit', () => {
    expect(convertQuantity(1255, kg3, { unit: 'kg', quantityDecimals: 2 })).toBe(126);
    expect(convertQuantity(1254, kg3, { unit: 'kg', quantityDecimals: 2 })).toBe(125);
  });

  it('has no answer between pieces and weights or volumes', () => {
    expect(convertQuantity(2, each, kg3)).toBeNull();
    expect(convertQuantity(2000, kg3, each)).toBeNull();
    expect(convertQuantity(2, { unit: 'l', quantityDecimals: 0 }, g0)).toBeNull();
  });

  it('to a finer unit and back is the same quantity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 3 }), (q, d) => {
        const from = { unit: 'kg' as const, quantityDecimals: d };
        expect(convertQuantity(convertQuantity(q, from, g0)!, g0, from)).toBe(q);
      }),
    );
  });
});
