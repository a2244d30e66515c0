import type { RequestHandler } from 'express';
import { COLLECTION_SCHEMA_VERSIONS, type ReplicatedCollection } from '../../shared/protocol';
import { ApiError } from '../http/api-error';

/** SPEC S9: 426 when the device's schema of a collection is not the server's: the app must update. */
export function checkSchemaVersion(collection: ReplicatedCollection, version: string | undefined): void {
  const current = COLLECTION_SCHEMA_VERSIONS[collection];
  if (String(current) !== version) {
    throw new ApiError(
      'CLIENT_OUTDATED',
      `This app speaks version ${version} of ${collection}; the server speaks version ${current}. Update the app (it updates itself when the cart is empty).`,
    );
  }
}

/** The version check of every route under `/<collection>/:version/`. */
export function schemaVersionOf(collection: ReplicatedCollection): RequestHandler {
  return (req, _res, next) => {
    checkSchemaVersion(collection, (req.params as { version?: string }).version);
    next();
  };
}
