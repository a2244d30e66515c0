import { z } from 'zod';
import { MAX_QUICK_KEYS } from '../protocol/quick-key';

/** PUT /api/console/branches/:id/quick-keys — the whole page, in order. */
export const quickKeysRequestSchema = z.object({
  keys: z
    .array(
      z.object({
        productId: z.string().trim().min(1).max(64),
        label: z.string().trim().max(24, 'A quick key label has at most 24 characters; shorten it.'),
      }),
    )
    .max(MAX_QUICK_KEYS, `A page holds at most ${MAX_QUICK_KEYS} quick keys; remove some first.`)
    .refine(
      (keys) => new Set(keys.map((k) => k.productId)).size === keys.length,
      'A product is on the page twice; keep one key per product.',
    ),
});
export type QuickKeysRequest = z.infer<typeof quickKeysRequestSchema>;

/** A quick key as the console shows it: with the product's name and price. */
export const quickKeyViewSchema = z.object({
  productId: z.string(),
  label: z.string(),
  name: z.string(),
  sku: z.string(),
  priceCents: z.number().int(),
  /** Withdrawn at the centre since it was put on the page: the tablets leave it out. */
  withdrawn: z.boolean(),
});
export type QuickKeyView = z.infer<typeof quickKeyViewSchema>;

/** GET and PUT /api/console/branches/:id/quick-keys answer. */
export const quickKeysResponseSchema = z.object({
  branchId: z.string(),
  currency: z.string(),
  keys: z.array(quickKeyViewSchema),
});
export type QuickKeysResponse = z.infer<typeof quickKeysResponseSchema>;
