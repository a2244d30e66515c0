import { z } from 'zod';
import { checkpointSchema } from './checkpoint';
import { productDocSchema } from './product-doc';
import { stockLevelDocSchema } from './stock-level-doc';
import { saleAckSchema } from './sale-ack';

export const productsPullResponseSchema = z.object({
  documents: z.array(productDocSchema),
  checkpoint: checkpointSchema.nullable(),
});
export type ProductsPullResponse = z.infer<typeof productsPullResponseSchema>;

/**
 * Stock pull also carries the acks of this device's sales applied up to the returned checkpoint,
 * so the device records them before it stores levels that already include those sales (SPEC S4).
 */
export const stockPullResponseSchema = z.object({
  documents: z.array(stockLevelDocSchema),
  checkpoint: checkpointSchema.nullable(),
  acks: z.array(saleAckSchema),
});
export type StockPullResponse = z.infer<typeof stockPullResponseSchema>;
