import { z } from 'zod';
import { checkpointSchema } from './checkpoint';
import { productDocSchema } from './product-doc';
import { otherStockLevelDocSchema, stockLevelDocSchema } from './stock-level-doc';
import { ackSchema } from './push-result';
import { saleDocSchema } from './sale-doc';
import { cashierDocSchema } from './cashier-doc';
import { branchSettingsDocSchema } from './branch-settings-doc';
import { transferDocSchema } from './transfer-doc';

/** Pull answer of any collection: documents after the checkpoint, and the new checkpoint (null: nothing new). */
export function pullResponseSchema<D extends z.ZodType>(doc: D) {
  return z.object({ documents: z.array(doc), checkpoint: checkpointSchema.nullable() });
}

/** `remaining`: products after this page still to pull, for the first download's "N of total" (servers before protocol 3 leave it out). */
export const productsPullResponseSchema = pullResponseSchema(productDocSchema).extend({
  remaining: z.number().int().nonnegative().optional(),
});
export type ProductsPullResponse = z.infer<typeof productsPullResponseSchema>;

/**
 * Stock pull also carries the acks of this device's movements applied up to the returned
 * checkpoint, so the device records them before it stores levels that already include them (SPEC S4).
 */
export const stockPullResponseSchema = pullResponseSchema(stockLevelDocSchema).extend({ acks: z.array(ackSchema) });
export type StockPullResponse = z.infer<typeof stockPullResponseSchema>;

export const otherStockPullResponseSchema = pullResponseSchema(otherStockLevelDocSchema);
export const salesPullResponseSchema = pullResponseSchema(saleDocSchema);
export const cashiersPullResponseSchema = pullResponseSchema(cashierDocSchema);
export const settingsPullResponseSchema = pullResponseSchema(branchSettingsDocSchema);
export const transfersPullResponseSchema = pullResponseSchema(transferDocSchema);
