import type { DeviceIdentity } from '../auth/device-identity';
import type { Db } from '../db/database';
import { countsKind } from './ingest-counts';
import { ingestDocuments } from './ingest-documents';
import { shiftEventsKind } from './ingest-shift-events';
import { transferReceiptsKind } from './ingest-transfer-receipts';

type Rows = readonly { newDocumentState: unknown }[];

export const ingestCounts = (db: Db, device: DeviceIdentity, rows: Rows, now?: string) =>
  ingestDocuments(db, device, countsKind, rows, now);
export const ingestShiftEvents = (db: Db, device: DeviceIdentity, rows: Rows, now?: string) =>
  ingestDocuments(db, device, shiftEventsKind, rows, now);
export const ingestTransferReceipts = (db: Db, device: DeviceIdentity, rows: Rows, now?: string) =>
  ingestDocuments(db, device, transferReceiptsKind, rows, now);
