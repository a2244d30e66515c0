import { z } from 'zod';

/** Position in the server's change order: the server sequence, then the id to break ties. */
export const checkpointSchema = z.object({
  seq: z.number().int().nonnegative(),
  id: z.string(),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const MAX_PULL_LIMIT = 1000;

export const pullQuerySchema = z.object({
  seq: z.coerce.number().int().nonnegative().default(0),
  id: z.string().max(200).default(''),
  /** Documents per page; above MAX_PULL_LIMIT the server gives its most, as RxDB asks for what it likes. */
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .default(200)
    .transform((n) => Math.min(n, MAX_PULL_LIMIT)),
});
export type PullQuery = z.infer<typeof pullQuerySchema>;
