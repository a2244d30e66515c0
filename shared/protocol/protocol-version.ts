/**
 * Version of the wire protocol between devices and the central server.
 * Bump it with a history line whenever a message in shared/protocol changes shape;
 * protocol-version.test.ts hashes the schemas so an unversioned change fails the build.
 *
 * History:
 * 1 — walking skeleton: products and stock pull with {seq,id} checkpoints, sales push with acks,
 *     one SSE stream per device, pairing with one-time codes.
 */
export const PROTOCOL_VERSION = 1;

/** Schema version of each replicated collection; it is part of the replication path. */
export const COLLECTION_SCHEMA_VERSIONS = {
  products: 0,
  stock: 0,
  sales: 0,
} as const;

export type ReplicatedCollection = keyof typeof COLLECTION_SCHEMA_VERSIONS;

export function syncPath(collection: ReplicatedCollection, action: 'pull' | 'push'): string {
  return `/api/sync/v1/${collection}/${COLLECTION_SCHEMA_VERSIONS[collection]}/${action}`;
}

export const SYNC_STREAM_PATH = '/api/sync/v1/stream';
