import { z } from 'zod';

/**
 * How a branch's scales print in-store EAN-13 labels (GS1 prefixes 20–29): which prefixes this rule
 * reads, how many digits name the item and how many carry the value, whether the value is a weight
 * or a price, and its decimals. The two digit counts fill the ten digits between prefix and check
 * digit. A weight is in the product's unit (kg with 3 decimals: 01250 = 1,250 kg); a price is in the
 * branch currency (2 decimals: 00399 = 3,99).
 */
export const scaleLabelRuleSchema = z
  .object({
    prefixes: z.array(z.string().regex(/^2\d$/, 'A scale-label prefix is two digits from 20 to 29.')).min(1).max(10),
    itemDigits: z.number().int().min(1).max(9),
    valueDigits: z.number().int().min(1).max(9),
    embedded: z.enum(['weight', 'price']),
    decimals: z.number().int().min(0).max(3),
  })
  .refine((r) => r.itemDigits + r.valueDigits === 10, {
    message: 'Item-code digits and value digits must add up to 10.',
  });
export type ScaleLabelRule = z.infer<typeof scaleLabelRuleSchema>;

export const scaleLabelLayoutSchema = z.array(scaleLabelRuleSchema).max(10);
export type ScaleLabelLayout = z.infer<typeof scaleLabelLayoutSchema>;

/** Most European scales: 20–24 carry the weight in grams, 25–29 the price in cents; 5 + 5 digits. */
export const DEFAULT_SCALE_LABEL_LAYOUT: ScaleLabelLayout = [
  { prefixes: ['20', '21', '22', '23', '24'], itemDigits: 5, valueDigits: 5, embedded: 'weight', decimals: 3 },
  { prefixes: ['25', '26', '27', '28', '29'], itemDigits: 5, valueDigits: 5, embedded: 'price', decimals: 2 },
];
