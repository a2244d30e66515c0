import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProductDoc } from '../../shared/protocol';
import { mergeProduct } from './merge-product';
import { EDITABLE_PRODUCT_FIELDS, MERGED_PRODUCT_FIELDS, type EditableProductField } from './product-fields';

// Small value domains so that both sides often pick the same or the base value.
const product = fc.record<ProductDoc>({
  id: fc.constant('p1'),
  sku: fc.constantFrom('A', 'B', 'C'),
  barcode: fc.constantFrom(null, '1', '2'),
  barcodes: fc.constantFrom([], ['1'], ['1', '3']),
  name: fc.constantFrom('Pan', 'Leche', 'Café'),
  category: fc.constantFrom('', 'Frutas', 'Despensa'),
  priceCents: fc.constantFrom(100, 250, 999),
  taxRateBp: fc.constantFrom(0, 1600),
  legacyId: fc.constantFrom(null, 1),
  unit: fc.constantFrom('each' as const, 'kg' as const),
  quantityDecimals: fc.constantFrom(0, 3),
  _deleted: fc.boolean(),
});
const allowed = fc.subarray([...EDITABLE_PRODUCT_FIELDS]) as fc.Arbitrary<EditableProductField[]>;

describe('mergeProduct (DESIGN invariant 6: field merge against the base, centre wins both-sided)', () => {
  it('[S10] when nobody changed anything the result is the base, with no conflict', () => {
    fc.assert(
      fc.property(product, allowed, (base, mayEdit) => {
        const r = mergeProduct({ base, centre: { ...base }, device: { ...base }, deviceMayEdit: mayEdit });
        expect(r.merged).toEqual(base);
        expect(r.conflicts).toEqual([]);
        expect(r.refused).toEqual([]);
      }),
    );
  });

  it('[S10] a field changed on one side only always keeps that side’s value (device side when allowed)', () => {
    fc.assert(
      fc.property(product, product, product, allowed, (base, centre, device, mayEdit) => {
        const r = mergeProduct({ base, centre, device, deviceMayEdit: mayEdit });
        for (const f of MERGED_PRODUCT_FIELDS) {
          const c = centre[f] !== base[f];
          const d = device[f] !== base[f];
          if (c && !d) expect(r.merged[f]).toBe(centre[f]);
          if (d && !c && (mayEdit as string[]).includes(f)) expect(r.merged[f]).toBe(device[f]);
          if (!c && !d) expect(r.merged[f]).toBe(base[f]);
        }
      }),
    );
  });

  it('[S10] a field changed on both sides takes the centre’s value and yields exactly one conflict entry', () => {
    fc.assert(
      fc.property(product, product, product, (base, centre, device) => {
        const r = mergeProduct({ base, centre, device, deviceMayEdit: EDITABLE_PRODUCT_FIELDS });
        for (const f of EDITABLE_PRODUCT_FIELDS) {
          const both = centre[f] !== base[f] && device[f] !== base[f] && centre[f] !== device[f];
          const entries = r.conflicts.filter((x) => x.field === f);
          if (both) {
            expect(r.merged[f]).toBe(centre[f]);
            expect(entries).toEqual([{ field: f, base: base[f], centre: centre[f], device: device[f] }]);
          } else {
            expect(entries).toEqual([]);
          }
        }
      }),
    );
  });

  it('[S10] a device change to a field the branch may not edit is refused and never reaches the result', () => {
    fc.assert(
      fc.property(product, product, product, allowed, (base, centre, device, mayEdit) => {
        const r = mergeProduct({ base, centre, device, deviceMayEdit: mayEdit });
        for (const f of MERGED_PRODUCT_FIELDS) {
          const notAllowed = !(mayEdit as string[]).includes(f);
          if (notAllowed) expect(r.merged[f]).toBe(centre[f]);
          expect(r.refused.includes(f)).toBe(notAllowed && device[f] !== base[f]);
        }
      }),
    );
  });

  it('[S10] the example of the issue: centre changes price and name, device changes name and barcode', () => {
    const base: ProductDoc = {
      id: 'p1',
      sku: 'A',
      barcode: '1',
      barcodes: ['1'],
      name: 'Pan',
      category: '',
      priceCents: 100,
      taxRateBp: 0,
      legacyId: null,
      unit: 'each',
      quantityDecimals: 0,
      _deleted: false,
    };
    const r = mergeProduct({
      base,
      centre: { ...base, priceCents: 120, name: 'Pan integral' },
      device: { ...base, name: 'Pan de caja', barcode: '2' },
      deviceMayEdit: ['name', 'barcode'],
    });
    expect(r.merged).toEqual({ ...base, priceCents: 120, name: 'Pan integral', barcode: '2' });
    expect(r.conflicts).toEqual([{ field: 'name', base: 'Pan', centre: 'Pan integral', device: 'Pan de caja' }]);
  });
});
