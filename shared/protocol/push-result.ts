import { z } from 'zod';
import { errorCodeSchema } from './api-error';

/**
 * The server's word that a document the device pushed (sale, refund, count, shift event,
 * transfer receipt) is in the ledger; its stock movements, if any, carry appliedSeq.
 */
export const ackSchema = z.object({
  id: z.string(),
  appliedSeq: z.number().int().positive(),
});
export type Ack = z.infer<typeof ackSchema>;

/**
 * A pushed document the server refused; it is never applied. The device keeps it and shows it. `status` is
 * the HTTP status ERROR_CODES gives `code`. A code this device does not know yet (a newer server) reads as
 * INTERNAL, so the rest of the answer still counts; the server's message is kept as sent.
 */
export const rejectionSchema = z.object({
  id: z.string(),
  code: errorCodeSchema.catch('INTERNAL'),
  status: z.number().int(),
  message: z.string(),
});
export type Rejection = z.infer<typeof rejectionSchema>;

/**
 * RxDB's push rows. Each row is validated on its own so that one bad document does not sink the
 * batch, hence `unknown` here and the document's schema applied per row by the server.
 */
export const pushRequestSchema = z
  .array(
    z.object({
      newDocumentState: z.unknown(),
      assumedMasterState: z.unknown().optional(),
    }),
  )
  .min(1)
  .max(500);
export type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * The detailed answer (pushResultSchema below) is given to a push that carries this header with the
 * value DETAILED_PUSH_ANSWER: the POS's outbox sends it, and so does the service worker's replay,
 * which sends the very request it kept. Without it a push is answered as RxDB's replication
 * protocol documents it: the array of conflicting master states, and a 4xx for the whole batch when
 * a row was refused (after the good rows were applied), so a plain RxDB client sees it in `error$`.
 */
export const PUSH_ANSWER_HEADER = 'x-push-answer';
export const DETAILED_PUSH_ANSWER = 'detailed';

/** The detailed answer to a push: per-document acks and refusals. */
export const pushResultSchema = z.object({
  /** Immutable documents never conflict (DESIGN 6); kept for RxDB's push contract, always empty. */
  conflicts: z.array(z.unknown()),
  acks: z.array(ackSchema),
  rejected: z.array(rejectionSchema),
});
export type PushResult = z.infer<typeof pushResultSchema>;
