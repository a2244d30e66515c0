import express, { Router, type Response } from 'express';
import type { Logger } from 'pino';
import {
  COLLECTION_SCHEMA_VERSIONS,
  PULLED_COLLECTIONS,
  pullQuerySchema,
  type ReplicatedCollection,
  type StreamChanged,
} from '../../shared/protocol';
import { deviceOf, isStillPaired, requireDevice } from '../auth/device-auth';
import type { Db } from '../db/database';
import { ApiError, parseOrThrow } from '../http/api-error';
import { checkSchemaVersion, schemaVersionOf } from './schema-version';
import type { ChangeBus } from '../live/change-bus';
import type { DeviceIdentity } from '../auth/device-identity';
import type { ChangeEvent } from '../live/change-bus';
import { serveChangeStream } from '../live/change-stream';
import { pullQueries, type PullRequest } from './pull-queries';
import { openDeviceLink } from '../reports/device-links';
import { sendJson } from './send-json';

export interface SyncRouteDeps {
  db: Db;
  bus: ChangeBus;
  logger: Logger;
  heartbeatMs: number;
  /** Days of the branch's sales a device pulls (for refunds across tablets); server/config.ts SALES_PULL_DAYS. */
  salesPullDays?: number;
}

export function syncRoutes({ db, bus, heartbeatMs, salesPullDays = 30 }: SyncRouteDeps): Router {
  const router = Router();
  router.use(requireDevice(db));

  const queries = pullQueries({ salesPullDays });
  for (const collection of PULLED_COLLECTIONS) {
    router.get(`/${collection}/:version/pull`, schemaVersionOf(collection), async (req, res) => {
      const q = parseOrThrow(pullQuerySchema, req.query, 'pull query');
      const query = queries[collection] as (pull: PullRequest) => Promise<unknown>;
      sendJson(res, await query({ db, device: deviceOf(req), since: { seq: q.seq, id: q.id }, limit: q.limit }));
    });
  }

  // One stream for every collection (what the POS opens: browsers allow six connections per host)…
  router.get('/stream', (req, res) => streamChanges(req, res, null));
  // …and one per collection, as RxDB's pullStream is shaped, for clients that replicate one at a time.
  router.get('/:collection/:version/stream', (req, res) => {
    const collection = req.params.collection as ReplicatedCollection;
    if (!(collection in COLLECTION_SCHEMA_VERSIONS)) {
      throw new ApiError('NOT_FOUND', `There is no replicated collection "${req.params.collection}".`);
    }
    checkSchemaVersion(collection, req.params.version);
    streamChanges(req, res, collection);
  });

  function streamChanges(req: express.Request, res: Response, only: ReplicatedCollection | null): void {
    const device = deviceOf(req);
    // The record of when the device could reach the server (the console's offline periods).
    const link = openDeviceLink(db, device);
    req.on('close', () => void link.end());
    serveChangeStream(
      req,
      res,
      bus,
      heartbeatMs,
      (event): StreamChanged | null => {
        const collections = collectionsFor(device, event).filter((c) => only === null || c === only);
        return collections.length === 0 ? null : { seq: event.seq, collections };
      },
      () => isStillPaired(db, device.deviceId),
      // What a device hears depends only on its branch, its location and the collection asked for.
      `${device.branchId}\u0000${device.locationId}\u0000${only ?? ''}`,
    );
  }

  return router;
}

/**
 * SPEC S6: what of a change concerns this device. Products and other locations' stock concern
 * every device; its own stock only the devices of that location; branch collections (sales,
 * cashiers, settings, transfers, …) only the branch named by branchIds, or, without branchIds,
 * the branch whose location is in locationIds (every branch when none is named).
 */
export function collectionsFor(
  device: Pick<DeviceIdentity, 'branchId' | 'locationId'>,
  event: ChangeEvent,
): ReplicatedCollection[] {
  const out = new Set<ReplicatedCollection>();
  const atOwnLocation = event.locationIds.includes(device.locationId);
  const forBranch = event.branchIds
    ? event.branchIds.includes(device.branchId)
    : event.locationIds.length === 0 || atOwnLocation;
  for (const c of event.collections) {
    if (!(c in COLLECTION_SCHEMA_VERSIONS)) continue;
    const collection = c as ReplicatedCollection;
    if (collection === 'products' || collection === 'otherstock') out.add(collection);
    else if (collection === 'stock') {
      if (atOwnLocation) out.add('stock');
      if (event.locationIds.some((l) => l !== device.locationId)) out.add('otherstock');
    } else if (forBranch) out.add(collection);
  }
  return [...out];
}
