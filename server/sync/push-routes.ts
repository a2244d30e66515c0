import express, { Router } from 'express';
import type { Logger } from 'pino';
import { PUSHED_COLLECTIONS, pushRequestSchema, type PushedCollection, type PushResult } from '../../shared/protocol';
import { deviceOf, requireDevice } from '../auth/device-auth';
import type { DeviceIdentity } from '../auth/device-identity';
import { pushProductEdits } from '../catalogue/device-product-push';
import type { Db } from '../db/database';
import { parseOrThrow } from '../http/api-error';
import { countsKind } from '../ledger/ingest-counts';
import { ingestDocuments, type DocumentIngestResult } from '../ledger/ingest-documents';
import { ingestSales } from '../ledger/ingest-sales';
import { currentSequence } from '../ledger/server-sequence';
import { shiftEventsKind } from '../ledger/ingest-shift-events';
import { transferReceiptsKind } from '../ledger/ingest-transfer-receipts';
import type { ChangeBus, ChangeEvent } from '../live/change-bus';
import { sendPushAnswer } from './push-answer';
import { pushedVersion, upgradedRows } from './schema-version';

export interface PushRouteDeps {
  db: Db;
  bus: ChangeBus;
  logger: Logger;
}

type Rows = readonly { newDocumentState: unknown; assumedMasterState?: unknown }[];

/** What a push did: the answer for the device, and the change every concerned device hears of (null: none). */
interface Ingested {
  result: PushResult;
  change: ChangeEvent | null;
}

interface Ingest {
  /** What one document is, for logs and error messages. */
  what: string;
  bodyLimit: string;
  ingest(db: Db, device: DeviceIdentity, rows: Rows): Promise<Ingested>;
}

/** Counts, shift events and transfer receipts: immutable device documents other than sales. */
function documentChange(
  collection: PushedCollection,
  device: DeviceIdentity,
  applied: DocumentIngestResult,
): ChangeEvent | null {
  if (applied.appliedUpTo === null) return null;
  const collections: ChangeEvent['collections'] = [];
  if (applied.stockLocationIds.length > 0) collections.push('stock');
  if (applied.transfers) collections.push('transfers');
  if (applied.reconciliation) collections.push('reconciliation');
  if (collection === 'shiftevents') collections.push('shifts');
  if (collections.length === 0) return null;
  return { seq: applied.appliedUpTo, collections, locationIds: applied.stockLocationIds, branchIds: [device.branchId] };
}

/**
 * The ingest behind each pushed collection of shared/protocol's table (REPLICATED); the push
 * routes are made from it. A new pushed collection needs its entry here.
 */
const INGESTS: Record<PushedCollection, Ingest> = {
  products: {
    what: 'product edit',
    bodyLimit: '1mb',
    async ingest(db, device, rows) {
      const pushed = await pushProductEdits(db, device, rows);
      const { conflicts, acks, rejected } = pushed;
      const change: ChangeEvent | null =
        pushed.writtenUpTo === null
          ? null
          : { seq: pushed.writtenUpTo, collections: ['products', 'conflicts', 'reconciliation'], locationIds: [] };
      return { result: { conflicts, acks, rejected }, change };
    },
  },
  sales: {
    what: 'sale',
    bodyLimit: '2mb',
    async ingest(db, device, rows) {
      const applied = await ingestSales(db, device, rows);
      const collections: ChangeEvent['collections'] = ['stock', 'sales'];
      if (applied.reconciliationChanged) collections.push('reconciliation');
      const change: ChangeEvent | null =
        applied.appliedUpTo === null
          ? null
          : { seq: applied.appliedUpTo, collections, locationIds: [device.locationId], branchIds: [device.branchId] };
      return { result: { conflicts: [], acks: applied.acks, rejected: applied.rejected }, change };
    },
  },
  counts: deviceDocuments('counts', 'count', countsKind),
  shiftevents: deviceDocuments('shiftevents', 'shift event', shiftEventsKind),
  transferreceipts: deviceDocuments('transferreceipts', 'transfer receipt', transferReceiptsKind),
};

function deviceDocuments(
  collection: PushedCollection,
  what: string,
  kind: Parameters<typeof ingestDocuments>[2],
): Ingest {
  return {
    what,
    bodyLimit: '2mb',
    async ingest(db, device, rows) {
      const applied = await ingestDocuments(db, device, kind, rows);
      const change = documentChange(collection, device, applied);
      return { result: { conflicts: [], acks: applied.acks, rejected: applied.rejected }, change };
    },
  };
}

/**
 * Device pushes, one route per pushed collection of the protocol table: per-document acks and
 * refusals (SPEC S2), live events after commit (SPEC S6), the answer in the shape the client asked
 * for (push-answer.ts).
 */
export function pushRoutes({ db, bus, logger }: PushRouteDeps): Router {
  const router = Router();
  for (const collection of PUSHED_COLLECTIONS) {
    const { what, bodyLimit, ingest } = INGESTS[collection];
    router.post(
      `/${collection}/:version/push`,
      requireDevice(db),
      express.json({ limit: bodyLimit }),
      async (req, res) => {
        const version = pushedVersion(collection, (req.params as { version?: string }).version);
        const rows = upgradedRows(collection, version, parseOrThrow(pushRequestSchema, req.body, `${what}s push`));
        const device = deviceOf(req);
        const { result, change } = await ingest(db, device, rows);
        for (const r of result.rejected)
          logger.warn({ deviceId: device.deviceId, collection, ...r }, `${what} refused`);
        if (change) bus.publish(change);
        // A refused document opened (or found) its reconciliation item: consoles re-read the queue.
        if (result.rejected.length > 0 && !change?.collections.includes('reconciliation'))
          bus.publish({
            seq: await currentSequence(db),
            collections: ['reconciliation'],
            locationIds: [],
            branchIds: [device.branchId],
          });
        sendPushAnswer(req, res, rows.length, result);
      },
    );
  }
  return router;
}
