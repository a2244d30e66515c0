import express, { Router } from 'express';
import type { Logger } from 'pino';
import { pushRequestSchema } from '../../shared/protocol';
import { deviceOf, requireDevice } from '../auth/device-auth';
import type { Db } from '../db/database';
import { parseOrThrow } from '../http/api-error';
import { checkSchemaVersion } from './schema-version';
import { sendPushAnswer } from './push-answer';
import { ingestCounts, ingestShiftEvents, ingestTransferReceipts } from '../ledger/ingest-device-documents';
import { ingestSales } from '../ledger/ingest-sales';
import type { ChangeBus, ChangeEvent } from '../live/change-bus';

export interface PushRouteDeps {
  db: Db;
  bus: ChangeBus;
  logger: Logger;
}

/**
 * Device pushes of immutable documents (sales and refunds, counts, shift events, transfer
 * receipts): per-document acks and refusals (SPEC S2), live events after commit (SPEC S6).
 */
export function pushRoutes({ db, bus, logger }: PushRouteDeps): Router {
  const router = Router();
  router.use(['/sales', '/counts', '/shiftevents', '/transferreceipts'], requireDevice(db));
  const json = express.json({ limit: '2mb' });

  router.post('/sales/:version/push', json, async (req, res) => {
    checkSchemaVersion('sales', req.params.version);
    const rows = parseOrThrow(pushRequestSchema, req.body, 'sales push');
    const device = deviceOf(req);
    const result = await ingestSales(db, device, rows);
    for (const r of result.rejected) logger.warn({ deviceId: device.deviceId, ...r }, 'sale refused');
    if (result.appliedUpTo !== null) {
      const collections: ChangeEvent['collections'] = ['stock', 'sales'];
      if (result.reconciliationChanged) collections.push('reconciliation');
      bus.publish({
        seq: result.appliedUpTo,
        collections,
        locationIds: [device.locationId],
        branchIds: [device.branchId],
      });
    }
    sendPushAnswer(req, res, rows.length, { conflicts: [], acks: result.acks, rejected: result.rejected });
  });

  const documents = [
    { collection: 'counts', ingest: ingestCounts, what: 'count' },
    { collection: 'shiftevents', ingest: ingestShiftEvents, what: 'shift event' },
    { collection: 'transferreceipts', ingest: ingestTransferReceipts, what: 'transfer receipt' },
  ] as const;
  for (const { collection, ingest, what } of documents) {
    router.post(`/${collection}/:version/push`, json, async (req, res) => {
      checkSchemaVersion(collection, req.params.version);
      const rows = parseOrThrow(pushRequestSchema, req.body, `${what} push`);
      const device = deviceOf(req);
      const result = await ingest(db, device, rows);
      for (const r of result.rejected) logger.warn({ deviceId: device.deviceId, collection, ...r }, `${what} refused`);
      if (result.appliedUpTo !== null) {
        const collections: ChangeEvent['collections'] = [];
        if (result.stockLocationIds.length > 0) collections.push('stock');
        if (result.transfers) collections.push('transfers');
        if (result.reconciliation) collections.push('reconciliation');
        if (collection === 'shiftevents') collections.push('shifts');
        if (collections.length > 0)
          bus.publish({
            seq: result.appliedUpTo,
            collections,
            locationIds: result.stockLocationIds,
            branchIds: [device.branchId],
          });
      }
      sendPushAnswer(req, res, rows.length, { conflicts: [], acks: result.acks, rejected: result.rejected });
    });
  }
  return router;
}
