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

/**
 * Response header of a live stream: the server's heartbeat period in milliseconds (its
 * SSE_HEARTBEAT_SECONDS). A client that hears nothing on the stream (no event, no heartbeat) for
 * STREAM_SILENT_HEARTBEATS of these periods takes the connection for dead (half-open: the server
 * killed mid-stream, a Wi-Fi that dropped without a reset) and opens a new one.
 */
export const STREAM_HEARTBEAT_HEADER = 'x-stream-heartbeat-ms';
/** Heartbeat periods of silence after which a client reopens its live stream (see STREAM_HEARTBEAT_HEADER). */
export const STREAM_SILENT_HEARTBEATS = 3;
