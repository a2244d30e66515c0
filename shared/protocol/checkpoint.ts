import { z } from 'zod';

/** Position in the server's change order: the server sequence, then the id to break ties. */
export const checkpointSchema = z.object({
  seq: z.number().int().nonnegative(),
  id: z.string(),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const pullQuerySchema = z.object({
  seq: z.coerce.number().int().nonnegative().default(0),
  id: z.string().max(200).default(''),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type PullQuery = z.infer<typeof pullQuerySchema>;
