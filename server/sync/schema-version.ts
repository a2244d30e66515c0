import type { RequestHandler } from 'express';
import { COLLECTION_SCHEMA_VERSIONS, upgradeDocument, type ReplicatedCollection } from '../../shared/protocol';
import { ApiError } from '../http/api-error';

function outdated(collection: ReplicatedCollection, version: string | undefined): ApiError {
  const current = COLLECTION_SCHEMA_VERSIONS[collection];
  return new ApiError(
    'CLIENT_OUTDATED',
    `This app speaks version ${version} of ${collection}; the server speaks version ${current}. Update the app (it updates itself when the cart is empty).`,
  );
}

/** SPEC S9: 426 when the device's schema of a collection is not the server's: the app must update. */
export function checkSchemaVersion(collection: ReplicatedCollection, version: string | undefined): void {
  if (String(COLLECTION_SCHEMA_VERSIONS[collection]) !== version) throw outdated(collection, version);
}

/** The version check of every route under `/<collection>/:version/`. */
export function schemaVersionOf(collection: ReplicatedCollection): RequestHandler {
  return (req, _res, next) => {
    checkSchemaVersion(collection, (req.params as { version?: string }).version);
    next();
  };
}

/**
 * SPEC S9 for pushes: a device that has not updated yet still delivers what it made, so a push of
 * any older version of the collection is taken, each document upgraded by the collection's upgrades
 * (shared/protocol's table) before its ingest. A newer version than the server's is refused (426).
 */
export function pushedVersion(collection: ReplicatedCollection, version: string | undefined): number {
  const current = COLLECTION_SCHEMA_VERSIONS[collection];
  const n = version !== undefined && /^\d{1,4}$/.test(version) ? Number(version) : NaN;
  if (!(n >= 0 && n <= current)) throw outdated(collection, version);
  return n;
}

type Rows = { newDocumentState: unknown; assumedMasterState?: unknown }[];

/** The rows of a push of `version`, their documents brought to the current version (objects only; the ingest refuses the rest). */
export function upgradedRows(collection: ReplicatedCollection, version: number, rows: Rows): Rows {
  if (version === COLLECTION_SCHEMA_VERSIONS[collection]) return rows;
  const upgrade = (doc: unknown) =>
    doc !== null && typeof doc === 'object' && !Array.isArray(doc)
      ? upgradeDocument(collection, version, doc as Record<string, unknown>)
      : doc;
  return rows.map((r) => ({
    newDocumentState: upgrade(r.newDocumentState),
    ...(r.assumedMasterState === undefined ? {} : { assumedMasterState: upgrade(r.assumedMasterState) }),
  }));
}
