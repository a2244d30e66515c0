import { z } from 'zod';
import { saleDocSchema } from './sale-doc';
import { saleAckSchema, saleRejectionSchema } from './sale-ack';

/**
 * RxDB's push rows. Each row is validated on its own so that one bad sale does not sink the
 * batch, hence `unknown` here and saleDocSchema applied per row by the server.
 */
export const salesPushRequestSchema = z
  .array(
    z.object({
      newDocumentState: z.unknown(),
      assumedMasterState: z.unknown().optional(),
    }),
  )
  .min(1)
  .max(500);
export type SalesPushRequest = z.infer<typeof salesPushRequestSchema>;

export const salesPushResponseSchema = z.object({
  /** Sales never conflict (DESIGN 6); kept for RxDB's push contract, always empty. */
  conflicts: z.array(saleDocSchema),
  acks: z.array(saleAckSchema),
  rejected: z.array(saleRejectionSchema),
});
export type SalesPushResponse = z.infer<typeof salesPushResponseSchema>;
