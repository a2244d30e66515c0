import { z } from 'zod';

/** A catalogue product as replicated to devices. Prices are tax-inclusive, in cents. */
export const productDocSchema = z.object({
  id: z.string().min(1).max(64),
  sku: z.string().min(1).max(64),
  barcode: z.string().max(64).nullable(),
  name: z.string().min(1).max(200),
  category: z.string().max(100),
  priceCents: z.number().int().nonnegative(),
  /** Tax rate in basis points (1000 = 10 %), included in the price. */
  taxRateBp: z.number().int().min(0).max(10000),
  /** The seed prototype's integer product id, kept for its API. */
  legacyId: z.number().int().nullable(),
  _deleted: z.boolean(),
});
export type ProductDoc = z.infer<typeof productDocSchema>;
