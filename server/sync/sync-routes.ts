import express, { Router, type Response } from 'express';
import type { Logger } from 'pino';
import {
  COLLECTION_SCHEMA_VERSIONS,
  pullQuerySchema,
  pushRequestSchema,
  type ReplicatedCollection,
  type StreamChanged,
} from '../../shared/protocol';
import { deviceOf, isStillPaired, requireDevice } from '../auth/device-auth';
import type { Db } from '../db/database';
import { ApiError, parseOrThrow } from '../http/api-error';
import { checkSchemaVersion } from './schema-version';
import { sendPushAnswer } from './push-answer';
import type { ChangeBus } from '../live/change-bus';
import { pushProductEdits } from '../catalogue/device-product-push';
import type { DeviceIdentity } from '../auth/device-identity';
import type { ChangeEvent } from '../live/change-bus';
import { serveChangeStream } from '../live/change-stream';
import {
  cashiersSince,
  otherStockSince,
  productsSince,
  salesSince,
  settingsSince,
  stockSince,
  transfersSince,
} from './pull-queries';

export interface SyncRouteDeps {
  db: Db;
  bus: ChangeBus;
  logger: Logger;
  heartbeatMs: number;
  /** Days of the branch's sales a device pulls (for refunds across tablets); server/config.ts SALES_PULL_DAYS. */
  salesPullDays?: number;
}

export function syncRoutes({ db, bus, logger, heartbeatMs, salesPullDays = 30 }: SyncRouteDeps): Router {
  const router = Router();
  router.use(requireDevice(db));

  router.get('/products/:version/pull', async (req, res) => {
    checkSchemaVersion('products', req.params.version);
    const q = parseOrThrow(pullQuerySchema, req.query, 'pull query');
    res.json(await productsSince(db, { seq: q.seq, id: q.id }, q.limit));
  });

  router.get('/stock/:version/pull', async (req, res) => {
    checkSchemaVersion('stock', req.params.version);
    const q = parseOrThrow(pullQuerySchema, req.query, 'pull query');
    const device = deviceOf(req);
    res.json(await stockSince(db, device.locationId, device.deviceId, { seq: q.seq, id: q.id }, q.limit));
  });

  router.get('/otherstock/:version/pull', async (req, res) => {
    checkSchemaVersion('otherstock', req.params.version);
    const q = parseOrThrow(pullQuerySchema, req.query, 'pull query');
    res.json(await otherStockSince(db, deviceOf(req).locationId, { seq: q.seq, id: q.id }, q.limit));
  });

  router.get('/sales/:version/pull', async (req, res) => {
    checkSchemaVersion('sales', req.params.version);
    const q = parseOrThrow(pullQuerySchema, req.query, 'pull query');
    const receivedSince = new Date(Date.now() - salesPullDays * 86_400_000).toISOString();
    res.json(await salesSince(db, deviceOf(req).branchId, receivedSince, { seq: q.seq, id: q.id }, q.limit));
  });

  router.get('/cashiers/:version/pull', async (req, res) => {
    checkSchemaVersion('cashiers', req.params.version);
    const q = parseOrThrow(pullQuerySchema, req.query, 'pull query');
    res.json(await cashiersSince(db, deviceOf(req).branchId, { seq: q.seq, id: q.id }, q.limit));
  });

  router.get('/settings/:version/pull', async (req, res) => {
    checkSchemaVersion('settings', req.params.version);
    const q = parseOrThrow(pullQuerySchema, req.query, 'pull query');
    res.json(await settingsSince(db, deviceOf(req).branchId, { seq: q.seq, id: q.id }));
  });

  router.get('/transfers/:version/pull', async (req, res) => {
    checkSchemaVersion('transfers', req.params.version);
    const q = parseOrThrow(pullQuerySchema, req.query, 'pull query');
    res.json(await transfersSince(db, deviceOf(req).locationId, { seq: q.seq, id: q.id }, q.limit));
  });

  router.post('/products/:version/push', express.json({ limit: '1mb' }), async (req, res) => {
    checkSchemaVersion('products', req.params.version);
    const rows = parseOrThrow(pushRequestSchema, req.body, 'products push');
    const device = deviceOf(req);
    const result = await pushProductEdits(db, device, rows);
    for (const r of result.rejected) logger.warn({ deviceId: device.deviceId, ...r }, 'product edit refused');
    if (result.writtenUpTo !== null)
      bus.publish({ seq: result.writtenUpTo, collections: ['products', 'conflicts'], locationIds: [] });
    sendPushAnswer(req, res, rows.length, result);
  });

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
