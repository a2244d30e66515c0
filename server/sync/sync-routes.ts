import express, { Router, type Response } from 'express';
import type { Logger } from 'pino';
import {
  COLLECTION_SCHEMA_VERSIONS,
  pullQuerySchema,
  pushRequestSchema,
  STREAM_EVENTS,
  type ReplicatedCollection,
  type PushResult,
  type StreamChanged,
} from '../../shared/protocol';
import { deviceOf, requireDevice } from '../auth/device-auth';
import type { Db } from '../db/database';
import { ApiError, parseOrThrow } from '../http/api-error';
import type { ChangeBus } from '../live/change-bus';
import { productsSince, stockSince } from './pull-queries';

export interface SyncRouteDeps {
  db: Db;
  bus: ChangeBus;
  logger: Logger;
  heartbeatMs: number;
}

/** 426 when the device's schema of a collection is not the server's: the app must update. */
function checkSchemaVersion(collection: ReplicatedCollection, version: string | undefined): void {
  const current = COLLECTION_SCHEMA_VERSIONS[collection];
  if (String(current) !== version) {
    throw new ApiError(
      'CLIENT_OUTDATED',
      `This app speaks version ${version} of ${collection}; the server speaks version ${current}. Update the app (it updates itself when the cart is empty).`,
    );
  }
}

export function syncRoutes({ db, bus, logger, heartbeatMs }: SyncRouteDeps): Router {
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

  router.get('/stream', (req, res) => {
    const device = deviceOf(req);
    openEventStream(res);
    send(res, STREAM_EVENTS.resync, {});
    const unsubscribe = bus.subscribe((event) => {
      const collections = event.collections.filter((c) => c !== 'stock' || event.locationIds.includes(device.locationId));
      if (collections.length === 0) return;
      const data: StreamChanged = { seq: event.seq, collections };
      send(res, STREAM_EVENTS.changed, data);
    });
    const heartbeat = setInterval(() => send(res, STREAM_EVENTS.heartbeat, { at: new Date().toISOString() }), heartbeatMs);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });

  return router;
}

function openEventStream(res: Response): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
}

function send(res: Response, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}
