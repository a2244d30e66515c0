import { z } from 'zod';

/**
 * The server's stock level of one product at one location. `seq` is the server sequence of the
 * last movement applied to it: the watermark the device compares its own sales against.
 */
export const stockLevelDocSchema = z.object({
  id: z.string().min(1).max(140),
  locationId: z.string().min(1).max(64),
  productId: z.string().min(1).max(64),
  quantity: z.number().int(),
  seq: z.number().int().nonnegative(),
  _deleted: z.boolean(),
});
export type StockLevelDoc = z.infer<typeof stockLevelDocSchema>;

export function stockLevelId(locationId: string, productId: string): string {
  return `${locationId}:${productId}`;
}
