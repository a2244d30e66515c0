import { z } from 'zod';

/**
 * The server's stock level of one product at one location. `seq` is the server sequence of the
 * last movement applied to it: the watermark the device compares its own movements against.
 */
export const stockLevelDocSchema = z.object({
  id: z.string().min(1).max(140),
  locationId: z.string().min(1).max(64),
  productId: z.string().min(1).max(64),
  quantity: z.number().int(),
  /** At or below this the POS highlights the product as low; null when none is set. */
  reorderLevel: z.number().int().nonnegative().nullable(),
  seq: z.number().int().nonnegative(),
  _deleted: z.boolean(),
});
export type StockLevelDoc = z.infer<typeof stockLevelDocSchema>;

/**
 * A level at another location, read-only on the device ("available at other stores").
 * updatedAt is the server's time of the last movement, so the POS can show how old it is.
 */
export const otherStockLevelDocSchema = stockLevelDocSchema.extend({
  locationName: z.string().max(200),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type OtherStockLevelDoc = z.infer<typeof otherStockLevelDocSchema>;

export function stockLevelId(locationId: string, productId: string): string {
  return `${locationId}:${productId}`;
}
