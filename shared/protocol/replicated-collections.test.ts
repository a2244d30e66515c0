import { describe, expect, it } from 'vitest';
import { branchSettingsDocSchema } from './branch-settings-doc';
import { productDocSchema } from './product-doc';
import { REPLICATED, REPLICATED_COLLECTIONS, type CollectionSpec, upgradeDocument } from './replicated-collections';

describe('[S9] collection schema versions', () => {
  it.each(REPLICATED_COLLECTIONS)('%s has one upgrade function per version step, 1 to its version', (c) => {
    const spec: CollectionSpec = REPLICATED[c];
    const steps = Object.keys(spec.upgrades)
      .map(Number)
      .sort((a, b) => a - b);
    expect(steps).toEqual(Array.from({ length: spec.version }, (_, i) => i + 1));
  });

  it('a version 0 product and settings document upgrade to documents the current schemas accept', () => {
    const product = upgradeDocument('products', 0, {
      id: 'p1',
      sku: 'A',
      barcode: '7501000000017',
      name: 'Pan',
      category: '',
      priceCents: 100,
      taxRateBp: 0,
      legacyId: null,
      _deleted: false,
    });
    expect(productDocSchema.parse(product)).toMatchObject({
      unit: 'each',
      quantityDecimals: 0,
      barcodes: ['7501000000017'],
    });
    const settings = upgradeDocument('settings', 0, {
      id: 'b1',
      name: 'Centro',
      locationId: 'b1',
      currency: 'USD',
      allowOversell: true,
      idleLockSeconds: 120,
      receiptHeader: '',
      receiptFooter: '',
      _deleted: false,
    });
    expect(branchSettingsDocSchema.safeParse(settings).success).toBe(true);
  });
});
