import { describe, expect, it } from 'vitest';
import type { ProductRow } from '../../sync/collections';
import { CatalogueIndex } from '../catalogue-search/search-index';
import { quickKeyProducts } from './QuickKeys';

const product = (id: string, name: string): ProductRow =>
  ({
    id,
    name,
    sku: `SKU-${id}`,
    barcode: null,
    barcodes: [],
    category: 'Panadería',
    priceCents: 100,
    taxRateBp: 0,
    legacyId: null,
    unit: 'each',
    quantityDecimals: 0,
  }) satisfies ProductRow;

describe('quick keys on the sell screen', () => {
  it("keep the centre's order and labels, show the name without a label, and leave out a product not on the tablet", () => {
    const index = new CatalogueIndex<ProductRow>();
    index.upsert(product('p1', 'Pan Integral'));
    index.upsert(product('p2', 'Manzanas Orgánicas'));
    const keys = quickKeyProducts(
      [
        { productId: 'p2', label: 'Manzana' },
        { productId: 'withdrawn', label: 'Ya no' },
        { productId: 'p1', label: '' },
      ],
      index,
    );
    expect(keys.map((k) => [k.product.id, k.label])).toEqual([
      ['p2', 'Manzana'],
      ['p1', 'Pan Integral'],
    ]);
  });
});
