import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeChanged } from './change-stream';

const changed = fc.record({
  seq: fc.nat(),
  collections: fc.uniqueArray(fc.constantFrom('products', 'stock', 'sales', 'otherstock', 'reconciliation')),
  locationIds: fc.uniqueArray(fc.constantFrom('sucursal-001', 'sucursal-002', 'central')),
  branchIds: fc.uniqueArray(fc.constantFrom('sucursal-001', 'sucursal-002')),
});

describe('changes gathered into one stream event', () => {
  it('keep the highest seq and everything either change named, once', () => {
    fc.assert(
      fc.property(changed, changed, (a, b) => {
        const merged = mergeChanged(a, b) as typeof a;
        expect(merged.seq).toBe(Math.max(a.seq, b.seq));
        for (const key of ['collections', 'locationIds', 'branchIds'] as const) {
          expect(new Set(merged[key])).toEqual(new Set([...a[key], ...b[key]]));
          expect(merged[key]).toHaveLength(new Set(merged[key]).size);
        }
      }),
    );
  });

  it('a device payload (seq and collections only) stays that shape', () => {
    expect(mergeChanged({ seq: 4, collections: ['stock'] }, { seq: 9, collections: ['sales', 'stock'] })).toEqual({
      seq: 9,
      collections: ['stock', 'sales'],
    });
  });
});
