import { z } from 'zod';
import { REPLICATED_COLLECTIONS } from './replicated-collections';

/** SSE `data:` of a `changed` event: something the device replicates moved past `seq`. */
export const streamChangedSchema = z.object({
  seq: z.number().int().nonnegative(),
  collections: z.array(z.enum(REPLICATED_COLLECTIONS)),
});
export type StreamChanged = z.infer<typeof streamChangedSchema>;

/** SSE event names. A `resync` is sent on every (re)connect: the client must pull from its checkpoint. */
export const STREAM_EVENTS = { changed: 'changed', resync: 'resync', heartbeat: 'heartbeat' } as const;
