import { z } from 'zod';
import {
  deviceStatusReportSchema,
  DEVICE_STATUS_PATH,
  healthResponseSchema,
  pairRequestSchema,
  pairResponseSchema,
  pullQuerySchema,
  pushResultSchema,
  streamChangedSchema,
  syncPath,
  SYNC_STREAM_PATH,
  STREAM_HEARTBEAT_HEADER,
  STREAM_SILENT_HEARTBEATS,
  REPLICATED_COLLECTIONS,
  PULLED_COLLECTIONS,
  PUSHED_COLLECTIONS,
  REPLICATED,
} from '../../shared/protocol';
import { registerOperation } from './openapi';

/** The device API (shared/protocol), described from the same schemas the routes parse with. */
registerOperation({
  method: 'get',
  path: '/api/health',
  summary: 'Server health, version and protocol version',
  tags: ['device'],
  responses: { 200: { description: 'The server is up.', body: healthResponseSchema } },
});

registerOperation({
  method: 'post',
  path: '/api/devices/pair',
  summary: 'Pair a device with a one-time code from the operator',
  description:
    'Spends the code (once) and returns the device token. Failed attempts are rate limited per IP (429 with Retry-After).',
  tags: ['device'],
  request: { body: pairRequestSchema },
  responses: { 201: { description: 'Paired: keep the token secret.', body: pairResponseSchema } },
});

registerOperation({
  method: 'post',
  path: DEVICE_STATUS_PATH,
  summary: "Report the device's sync health",
  description:
    'The server keeps the latest report per device with its own receive time; managers see it in the console.',
  tags: ['device'],
  auth: 'device',
  request: { body: deviceStatusReportSchema },
  responses: { 200: { description: 'Stored.', body: z.object({ receivedAt: z.string() }) } },
});

// Every pulled and pushed collection of shared/protocol's table, with its own schemas.
for (const collection of PULLED_COLLECTIONS) {
  const response = REPLICATED[collection].pullResponse;
  registerOperation({
    method: 'get',
    path: syncPath(collection, 'pull'),
    summary: `Pull ${collection} changed after a checkpoint`,
    description:
      'Documents in server-sequence order after {seq, id}; pass the returned checkpoint to the next pull. 426 when the path carries an outdated schema version.',
    tags: ['sync'],
    auth: 'device',
    request: { query: pullQuerySchema },
    responses: {
      200: { description: 'A page of documents and the next checkpoint (null: nothing new).', body: response },
    },
  });
}

for (const collection of PUSHED_COLLECTIONS) {
  const doc: z.ZodType = REPLICATED[collection].doc;
  registerOperation({
    method: 'post',
    path: syncPath(collection, 'push'),
    summary: `Push ${collection} (RxDB push rows)`,
    description:
      "Idempotent: the same id with the same content gets the same ack; each row is checked on its own. With the header `x-push-answer: detailed` (what the POS sends) the answer is the object below, refusals in `rejected`. Without it the answer is RxDB's: the array of conflicting master states, or, when a row was refused, a 4xx for the batch naming each refused id in `details` (the good rows are applied). At most 500 rows and 2 MB.",
    tags: ['sync'],
    auth: 'device',
    request: {
      body: z
        .array(z.object({ newDocumentState: doc, assumedMasterState: doc.optional() }))
        .min(1)
        .max(500),
    },
    responses: {
      200: { description: 'Per-document acks and refusals (with `x-push-answer: detailed`).', body: pushResultSchema },
    },
  });
}

registerOperation({
  method: 'get',
  path: SYNC_STREAM_PATH,
  summary: 'Live changes (Server-Sent Events)',
  description:
    'text/event-stream. Events: `resync` on every (re)connect (pull from your checkpoints), `changed` with data `{seq, collections}` (the schema below), `heartbeat` every SSE_HEARTBEAT_SECONDS. ' +
    `The \`${STREAM_HEARTBEAT_HEADER}\` response header gives that period in milliseconds: a client that hears nothing for ${STREAM_SILENT_HEARTBEATS} periods should take the connection for dead and open a new one.`,
  tags: ['sync'],
  auth: 'device',
  responses: {
    200: {
      description: 'An endless event stream; `changed` events carry this data.',
      body: streamChangedSchema,
      contentType: 'text/event-stream',
    },
  },
});

registerOperation({
  method: 'get',
  path: '/api/sync/v1/{collection}/{version}/stream',
  summary: 'Live changes of one collection (Server-Sent Events)',
  description:
    "As /api/sync/v1/stream, with only the named collection in `changed` events. 426 when the version is not the server's, 404 for an unknown collection.",
  tags: ['sync'],
  auth: 'device',
  request: { params: z.object({ collection: z.enum(REPLICATED_COLLECTIONS), version: z.string() }) },
  responses: {
    200: { description: 'An endless event stream.', body: streamChangedSchema, contentType: 'text/event-stream' },
  },
});
