import { z } from 'zod';

/** How a product is counted: by the piece, or weighed or measured (kilograms, grams, litres). */
export const productUnitSchema = z.enum(['each', 'kg', 'g', 'l']);
export type ProductUnit = z.infer<typeof productUnitSchema>;

/** A product barcode: EAN/UPC digits, or a shop's own code. */
export const barcodeSchema = z.string().trim().min(1).max(64);

/** A catalogue product as replicated to devices. Prices are tax-inclusive, in cents. */
export const productDocSchema = z.object({
  id: z.string().min(1).max(64),
  sku: z.string().min(1).max(64),
  /** The first of `barcodes`, for readers of schema version 0. */
  barcode: z.string().max(64).nullable(),
  /** Every barcode of the product, each unique across the chain (schema version 1). */
  barcodes: z.array(barcodeSchema).max(20),
  name: z.string().min(1).max(200),
  category: z.string().max(100),
  /** Price of one unit (one piece, one kg, one l, one g), tax-inclusive. */
  priceCents: z.number().int().nonnegative(),
  /** Tax rate in basis points (1000 = 10 %), included in the price. */
  taxRateBp: z.number().int().min(0).max(10000),
  /** The seed prototype's integer product id, kept for its API. */
  legacyId: z.number().int().nullable(),
  /** Schema version 1. */
  unit: productUnitSchema,
  /**
   * Decimals a quantity of this product is sold with (0–3): sale quantities are integers of
   * 10^-quantityDecimals units (grams for kg with 3), so the stock ledger stays in integers.
   */
  quantityDecimals: z.number().int().min(0).max(3),
  _deleted: z.boolean(),
});
export type ProductDoc = z.infer<typeof productDocSchema>;

/** A product document of schema version 0 upgraded to version 1: sold by the piece, its one barcode. */
export function productV1(doc: Record<string, unknown>): Record<string, unknown> {
  const barcode = typeof doc.barcode === 'string' && doc.barcode !== '' ? doc.barcode : null;
  return { unit: 'each', quantityDecimals: 0, barcodes: barcode ? [barcode] : [], ...doc };
}
