import { z } from 'zod';

/** The server's word that a sale is in the ledger: its movements were applied at appliedSeq. */
export const saleAckSchema = z.object({
  saleId: z.string(),
  appliedSeq: z.number().int().positive(),
});
export type SaleAck = z.infer<typeof saleAckSchema>;

/** A sale the server refused; it is never applied. The device keeps it and shows it. */
export const saleRejectionSchema = z.object({
  saleId: z.string(),
  code: z.string(),
  status: z.number().int(),
  message: z.string(),
});
export type SaleRejection = z.infer<typeof saleRejectionSchema>;
