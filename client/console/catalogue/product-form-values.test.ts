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
      barcodes: [],
      unit: 'each' as const,
      quantityDecimals: 0,
      priceCents: 12050,
      taxRateBp: 1600,
      legacyId: 7,
    };
    expect(formToFields(fieldsToForm(fields))).toEqual(fields);
  });

  it('a product sold by weight with two barcodes: both kept in order, spaces or commas between them', () => {
    const fields = {
      sku: 'MANZ-KG',
      name: 'Manzana a granel',
      category: 'Frutas',
      barcodes: ['2000123000002', '7501000099991'],
      unit: 'kg' as const,
      quantityDecimals: 3,
      priceCents: 320,
      taxRateBp: 0,
      legacyId: null,
    };
    expect(formToFields(fieldsToForm(fields))).toEqual(fields);
    expect(formToFields({ ...fieldsToForm(fields), barcodes: ' 2000123000002, 7501000099991 ' }).barcodes).toEqual(
      fields.barcodes,
    );
  });
});
