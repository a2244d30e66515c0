import { describe, expect, it } from 'vitest';
import { fieldsToForm, formToFields, toMinorUnits } from './product-form-values';

describe('product form values', () => {
  it('turns typed money into integer minor units without float drift', () => {
    expect(toMinorUnits('0.29')).toBe(29);
    expect(toMinorUnits('12,5')).toBe(1250);
    expect(toMinorUnits('1099.99')).toBe(109999);
  });

  it('round-trips a product through the form', () => {
    const fields = {
      sku: 'ECO-9',
      name: 'Miel',
      category: 'Despensa',
      barcode: null,
      priceCents: 12050,
      taxRateBp: 1600,
      legacyId: 7,
    };
    expect(formToFields(fieldsToForm(fields))).toEqual(fields);
  });
});
