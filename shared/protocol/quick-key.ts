import { z } from 'zod';

/** The most quick keys a branch's page holds: a 10" screen of big buttons, scrolled a little. */
export const MAX_QUICK_KEYS = 48;

/**
 * One quick key of a branch's favourites page (branch settings, schema version 1): a product sold
 * without a barcode (bread, loose fruit) and an optional short label for its button.
 */
export const quickKeySchema = z.object({
  productId: z.string().min(1).max(64),
  /** Shown on the button instead of the product's name; '' = the name. */
  label: z.string().max(24),
});
export type QuickKey = z.infer<typeof quickKeySchema>;
