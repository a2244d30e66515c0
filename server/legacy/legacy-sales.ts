import type { Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { groupCommitter, type GroupScope } from '../ledger/group-commit';
import type { SequenceAllocator } from '../ledger/server-sequence';
import { LegacyBatch, type TimedNotification } from './legacy-batch';
import { readLegacyKey, type LegacyKeyIdentity } from './legacy-keys';

/** The seed's SaleNotification, validated: quantities and money already integers. */
export interface SaleNotification {
  branchId: string;
  productLegacyId: number;
  quantity: number;
  /** The timestamp as the prototype sent it: part of the dedup key. */
  timestampText: string;
  timestamp: Date;
  salePriceCents: number;
}

export interface LegacyAnswer {
  status: number;
  body: unknown;
}

export interface SaleNotificationResult {
  answer: LegacyAnswer;
  /** Set when this call applied a sale (not for a retry or a refusal). */
  applied: { seq: number; locationId: string; reconciliationChanged: boolean } | null;
  /** The key the notification came with (for the log of a refusal). */
  keyId: string;
}

/**
 * The seed's POST /sale-notification as a sale in our ledger: kind 'sale' for the key's branch,
 * one line, a sale movement at the branch's location, a receipt number from the key's own
 * sequence. The prototype retries without an id, so (branch, timestamp, product) identifies a
 * notification: a retry gets the first answer again and changes nothing (invariant 2).
 * `sale_price` is the total charged; a total that differs from master price × quantity opens a
 * price_mismatch item, and a level below zero an oversell item (invariant 7).
 *
 * The key (by its hash, legacy-keys.ts) is read inside the batch's transaction, once per batch
 * rather than once per request: null when no valid key has that hash (unknown or revoked).
 */
export function recordSaleNotification(
  db: Db,
  keyHash: string,
  n: SaleNotification,
  now = new Date().toISOString(),
): Promise<SaleNotificationResult | null> {
  return submit(db, keyHash, { n, now });
}

/** Invariant 8: the key's branch is the only one it may report for. */
function otherBranch(key: LegacyKeyIdentity, n: SaleNotification): SaleNotificationResult {
  return {
    answer: {
      status: 403,
      body: {
        detail: `Esta clave es de la sucursal ${key.branchId}; la notificación dice ${n.branchId}. Use la URL de la clave de esa sucursal.`,
      },
    },
    applied: null,
    keyId: key.keyId,
  };
}

/** Most notifications of one key in one batch; a group's other works still join it (group-commit.ts). */
const MAX_BATCH = 500;

interface Waiting extends TimedNotification {
  resolve(result: SaleNotificationResult | null): void;
  reject(error: unknown): void;
}

/** Per database, per key hash: the batch still taking notifications (its work has not started). */
const openBatches = new WeakMap<Db, Map<string, Waiting[]>>();

/**
 * Group commit for the seed's one-sale-per-request path. A notification joins its key's batch
 * while that batch waits for the group committer; the batch is one work (legacy-batch.ts) of the
 * next group transaction, so a busy server applies many notifications with a few statements and
 * one commit instead of a transaction each. Answers go out after the commit.
 */
function submit(db: Db, keyHash: string, t: TimedNotification): Promise<SaleNotificationResult | null> {
  let byKey = openBatches.get(db);
  if (!byKey) openBatches.set(db, (byKey = new Map()));
  return new Promise((resolve, reject) => {
    let batch = byKey.get(keyHash);
    if (!batch || batch.length >= MAX_BATCH) {
      const waiting: Waiting[] = [];
      batch = waiting;
      byKey.set(keyHash, waiting);
      void runBatch(db, keyHash, waiting, () => {
        if (byKey.get(keyHash) === waiting) byKey.delete(keyHash);
      });
    }
    batch.push({ n: t.n, now: t.now, resolve, reject });
  });
}

/** The batch's work in the group transaction: the key read there, then its branch's notifications applied. */
async function applyBatch(
  trx: Transaction<Database>,
  seq: SequenceAllocator,
  group: GroupScope,
  keyHash: string,
  waiting: readonly Waiting[],
): Promise<(SaleNotificationResult | null)[]> {
  const key = await readLegacyKey(trx, keyHash);
  if (!key) return waiting.map(() => null);
  const ours = waiting.filter((w) => w.n.branchId === key.branchId);
  let applied: SaleNotificationResult[] = [];
  if (ours.length > 0) {
    const now = ours.reduce((latest, w) => (w.now > latest ? w.now : latest), ours[0]!.now);
    applied = await new LegacyBatch(trx, seq, group, key, now).apply(ours);
  }
  let next = 0;
  return waiting.map((w) => (w.n.branchId === key.branchId ? applied[next++]! : otherBranch(key, w.n)));
}

async function runBatch(db: Db, keyHash: string, waiting: Waiting[], close: () => void): Promise<void> {
  let results: (SaleNotificationResult | null)[];
  try {
    results = await groupCommitter(db).run((trx, seq, group) => {
      close();
      return applyBatch(trx, seq, group, keyHash, waiting);
    }, waiting.length);
  } catch (error) {
    // The batch failed as a whole: each notification again on its own, so only the culprit fails.
    if (waiting.length === 1) return waiting[0]!.reject(error);
    for (const w of waiting) void runBatch(db, keyHash, [w], () => {});
    return;
  }
  for (const [i, w] of waiting.entries()) w.resolve(results[i] ?? null);
}
