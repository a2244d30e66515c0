import type { z } from 'zod';
import { branchSettingsDocSchema, SETTINGS_V1_DEFAULTS } from './branch-settings-doc';
import { cashierDocSchema } from './cashier-doc';
import { countDocSchema } from './count-doc';
import { productDocSchema, productV1 } from './product-doc';
import {
  cashiersPullResponseSchema,
  otherStockPullResponseSchema,
  productsPullResponseSchema,
  salesPullResponseSchema,
  settingsPullResponseSchema,
  stockPullResponseSchema,
  transfersPullResponseSchema,
} from './pull-response';
import { saleDocSchema } from './sale-doc';
import { shiftEventDocSchema } from './shift-event-doc';
import { otherStockLevelDocSchema, stockLevelDocSchema } from './stock-level-doc';
import { transferDocSchema, transferReceiptDocSchema } from './transfer-doc';
import type { Checkpoint } from './checkpoint';

/**
 * How a device stores a collection in RxDB, beyond what the zod schema says. The RxDB schema is
 * the zod schema's fields with their JSON types (client/sync/collections.ts); an installed tablet
 * refuses to open a database whose stored schema differs (RxDB error DB6), so these hints keep the
 * layout of schema version 0 exactly. A new collection needs none but its indexes.
 */
export interface DeviceStorage {
  /** RxDB indexes; every indexed string field needs a maxLength, every indexed number its bounds. */
  indexes?: (string | string[])[];
  maxLength?: Record<string, number>;
  bounds?: Record<string, { minimum: number; maximum: number; multipleOf: number }>;
  /** Fields version 0 left out of `required` (they are always written); a schema version bump may add them. */
  notRequired?: string[];
}

/** A document kind the device makes and the outbox delivers (SPEC S2), and the field it is sent in order of. */
export interface OutboxSpec {
  orderBy: string;
  /** Lower ranks are sent first. */
  rank: number;
}

/** Turns a document of the previous schema version into one of this version (defaults for the new fields). */
export type Upgrade = (doc: Record<string, unknown>) => Record<string, unknown>;

export interface CollectionSpec {
  /** Schema version: part of the replication path (SPEC S9). */
  version: number;
  /**
   * One function per version step, `{1: v0 → v1, 2: v1 → v2, …}`, so `version` is their number. The
   * tablet's RxDB migrates its stored documents with them (client/sync/collections.ts), and the
   * server upgrades a push of an older version with them, so a tablet not yet updated still
   * delivers its sales (SPEC S9). Bump a collection at most once per release.
   */
  upgrades: Readonly<Record<number, Upgrade>>;
  /** What one document is on the wire. */
  doc: z.ZodObject;
  /** pull: server → device; push: device → server; both. */
  direction: 'pull' | 'push' | 'both';
  /** The pull answer (pulled collections): documents, checkpoint, and what else the collection carries. */
  pullResponse?: z.ZodType<{ documents: unknown[]; checkpoint: Checkpoint | null }>;
  outbox?: OutboxSpec;
  storage?: DeviceStorage;
}

const DEVICE_DOCUMENT = { maxLength: { deviceId: 64 } };

/**
 * Every replicated collection, once. The server's pull and push routes, the device's pull
 * replications, its outbox and its RxDB schemas are built from this table, and the service
 * worker's push queue is checked against it. Adding a collection is an entry here plus its
 * queries: a pull query in server/sync/pull-queries.ts (pullQueries) or an ingest in
 * server/sync/push-routes.ts (INGESTS), and for a pushed one its name in client/sw/sw.ts;
 * `npm run typecheck` points at each. Keep the order: it is part of the protocol fingerprint.
 */
export const REPLICATED = {
  products: {
    version: 1,
    upgrades: { 1: productV1 },
    doc: productDocSchema,
    /** Pushed as product edits merged per field (DESIGN invariant 6); the POS does not push them yet. */
    direction: 'both',
    pullResponse: productsPullResponseSchema,
    storage: { maxLength: { sku: 64 } },
  },
  stock: {
    version: 0,
    upgrades: {},
    doc: stockLevelDocSchema,
    direction: 'pull',
    pullResponse: stockPullResponseSchema,
  },
  otherstock: {
    version: 0,
    upgrades: {},
    doc: otherStockLevelDocSchema,
    direction: 'pull',
    pullResponse: otherStockPullResponseSchema,
    storage: { indexes: ['productId'], maxLength: { productId: 64 }, notRequired: ['locationName'] },
  },
  cashiers: {
    version: 0,
    upgrades: {},
    doc: cashierDocSchema,
    direction: 'pull',
    pullResponse: cashiersPullResponseSchema,
  },
  settings: {
    version: 1,
    upgrades: { 1: (doc) => ({ ...SETTINGS_V1_DEFAULTS, ...doc }) },
    doc: branchSettingsDocSchema,
    direction: 'pull',
    pullResponse: settingsPullResponseSchema,
    storage: { notRequired: ['receiptHeader', 'receiptFooter'] },
  },
  transfers: {
    version: 0,
    upgrades: {},
    doc: transferDocSchema,
    direction: 'pull',
    pullResponse: transfersPullResponseSchema,
    storage: { notRequired: ['note'] },
  },
  /** Pushed by the device that made them; the branch's recent ones are pulled too (refunds across tablets). */
  sales: {
    version: 2,
    // Version 1 adds the optional ticketDiscount and approvals (absent = none): a version 0 ticket is unchanged.
    // Version 2 adds the optional exchangeWith and the 'exchange' tender (SPEC S14): a version 1 ticket is unchanged.
    upgrades: { 1: (doc) => doc, 2: (doc) => doc },
    doc: saleDocSchema,
    direction: 'both',
    pullResponse: salesPullResponseSchema,
    // Sales first: they carry the stock movements the cashier is waiting to see confirmed.
    outbox: { orderBy: 'deviceSeq', rank: 0 },
    storage: {
      ...DEVICE_DOCUMENT,
      indexes: ['deviceSeq', ['deviceId', 'deviceSeq']],
      bounds: { deviceSeq: { minimum: 1, maximum: 1e12, multipleOf: 1 } },
      notRequired: ['cashierName', 'createdAt', 'currency'],
    },
  },
  counts: {
    version: 0,
    upgrades: {},
    doc: countDocSchema,
    direction: 'push',
    outbox: { orderBy: 'countedAt', rank: 2 },
    storage: {
      indexes: [['deviceId', 'countedAt']],
      maxLength: { deviceId: 64, countedAt: 40 },
      notRequired: ['note'],
    },
  },
  shiftevents: {
    version: 1,
    // Version 1: no-sale opens, the notes and coins of a close, a supervisor's approval.
    upgrades: { 1: (doc) => ({ denominations: [], approval: null, ...doc }) },
    doc: shiftEventDocSchema,
    direction: 'push',
    // Before counts: a shift's report on the server needs them.
    outbox: { orderBy: 'at', rank: 1 },
    storage: {
      indexes: [['deviceId', 'at'], 'shiftId'],
      maxLength: { shiftId: 64, deviceId: 64, at: 40 },
      notRequired: ['cashierName', 'reason'],
    },
  },
  transferreceipts: {
    version: 0,
    upgrades: {},
    doc: transferReceiptDocSchema,
    direction: 'push',
    outbox: { orderBy: 'receivedAt', rank: 3 },
    storage: { indexes: [['deviceId', 'receivedAt']], maxLength: { deviceId: 64, receivedAt: 40 } },
  },
} as const satisfies Record<string, CollectionSpec>;

export type ReplicatedCollection = keyof typeof REPLICATED;
export const REPLICATED_COLLECTIONS = Object.keys(REPLICATED) as [ReplicatedCollection, ...ReplicatedCollection[]];

type Spec<K extends ReplicatedCollection> = (typeof REPLICATED)[K];
export type PulledCollection = {
  [K in ReplicatedCollection]: Spec<K>['direction'] extends 'push' ? never : K;
}[ReplicatedCollection];
export type PushedCollection = {
  [K in ReplicatedCollection]: Spec<K>['direction'] extends 'pull' ? never : K;
}[ReplicatedCollection];
/** The documents the device makes and its outbox delivers. */
export type OutboxCollection = {
  [K in ReplicatedCollection]: Spec<K> extends { outbox: OutboxSpec } ? K : never;
}[ReplicatedCollection];

/** What one document of the collection is on the wire. */
export type DocOf<K extends ReplicatedCollection> = z.infer<Spec<K>['doc']>;

export const PULLED_COLLECTIONS = REPLICATED_COLLECTIONS.filter(
  (c) => REPLICATED[c].direction !== 'push',
) as PulledCollection[];
export const PUSHED_COLLECTIONS = REPLICATED_COLLECTIONS.filter(
  (c) => REPLICATED[c].direction !== 'pull',
) as PushedCollection[];
/** In the order the outbox sends them. */
export const OUTBOX_COLLECTIONS = (
  REPLICATED_COLLECTIONS.filter((c) => 'outbox' in REPLICATED[c]) as OutboxCollection[]
)
  .map((c) => ({ collection: c, ...REPLICATED[c].outbox }))
  .sort((a, b) => a.rank - b.rank);

/** The pull answer of a pulled collection. */
export function pullResponseOf<K extends PulledCollection>(collection: K): Spec<K>['pullResponse'] {
  return REPLICATED[collection].pullResponse;
}

/** Schema version of each replicated collection; it is part of the replication path. */
export const COLLECTION_SCHEMA_VERSIONS = Object.fromEntries(
  REPLICATED_COLLECTIONS.map((c) => [c, REPLICATED[c].version]),
) as { [K in ReplicatedCollection]: Spec<K>['version'] };

/** A document of `fromVersion` of the collection, brought to the current version by its upgrades in order. */
export function upgradeDocument(
  collection: ReplicatedCollection,
  fromVersion: number,
  doc: Record<string, unknown>,
): Record<string, unknown> {
  const spec: CollectionSpec = REPLICATED[collection];
  let upgraded = doc;
  for (let v = fromVersion + 1; v <= spec.version; v++) upgraded = spec.upgrades[v]!(upgraded);
  return upgraded;
}

export function syncPath(collection: ReplicatedCollection, action: 'pull' | 'push'): string {
  return `/api/sync/v1/${collection}/${COLLECTION_SCHEMA_VERSIONS[collection]}/${action}`;
}

export const SYNC_STREAM_PATH = '/api/sync/v1/stream';
