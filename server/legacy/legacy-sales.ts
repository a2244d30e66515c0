import type { Db } from '../db/database';
import { groupCommitter } from '../ledger/group-commit';
import { LegacyBatch, type TimedNotification } from './legacy-batch';
import type { LegacyKeyIdentity } from './legacy-keys';

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
}

/**
 * The seed's POST /sale-notification as a sale in our ledger: kind 'sale' for the key's branch,
 * one line, a sale movement at the branch's location, a receipt number from the key's own
 * sequence. The prototype retries without an id, so (branch, timestamp, product) identifies a
 * notification: a retry gets the first answer again and changes nothing (invariant 2).
 * `sale_price` is the total charged; a total that differs from master price × quantity opens a
 * price_mismatch item, and a level below zero an oversell item (invariant 7).
 */
export async function recordSaleNotification(
  db: Db,
  key: LegacyKeyIdentity,
  n: SaleNotification,
  now = new Date().toISOString(),
): Promise<SaleNotificationResult> {
  if (n.branchId !== key.branchId) {
    // Invariant 8: the key's branch is the only one it may report for.
    return {
      answer: {
        status: 403,
        body: {
          detail: `Esta clave es de la sucursal ${key.branchId}; la notificación dice ${n.branchId}. Use la URL de la clave de esa sucursal.`,
        },
      },
      applied: null,
    };
  }
  return submit(db, key, { n, now });
}

/** Most notifications of one key in one batch; a group's other works still join it (group-commit.ts). */
const MAX_BATCH = 500;

interface Waiting extends TimedNotification {
  resolve(result: SaleNotificationResult): void;
  reject(error: unknown): void;
}

/** Per database, per key: the batch still taking notifications (its work has not started). */
const openBatches = new WeakMap<Db, Map<string, Waiting[]>>();

/**
 * Group commit for the seed's one-sale-per-request path. A notification joins its key's batch
 * while that batch waits for the group committer; the batch is one work (legacy-batch.ts) of the
 * next group transaction, so a busy server applies many notifications with a few statements and
 * one commit instead of a transaction each. Answers go out after the commit.
 */
function submit(db: Db, key: LegacyKeyIdentity, t: TimedNotification): Promise<SaleNotificationResult> {
  let byKey = openBatches.get(db);
  if (!byKey) openBatches.set(db, (byKey = new Map()));
  return new Promise((resolve, reject) => {
    let batch = byKey.get(key.keyId);
    if (!batch || batch.length >= MAX_BATCH) {
      const waiting: Waiting[] = [];
      batch = waiting;
      byKey.set(key.keyId, waiting);
      void runBatch(db, key, waiting, () => {
        if (byKey.get(key.keyId) === waiting) byKey.delete(key.keyId);
      });
    }
    batch.push({ ...t, resolve, reject });
  });
}

async function runBatch(db: Db, key: LegacyKeyIdentity, waiting: Waiting[], close: () => void): Promise<void> {
  let results: SaleNotificationResult[];
  try {
    results = await groupCommitter(db).run((trx, seq, group) => {
      close();
      const now = waiting.reduce((latest, w) => (w.now > latest ? w.now : latest), waiting[0]!.now);
      return new LegacyBatch(trx, seq, group, key, now).apply(waiting);
    }, waiting.length);
  } catch (error) {
    // The batch failed as a whole: each notification again on its own, so only the culprit fails.
    if (waiting.length === 1) return waiting[0]!.reject(error);
    for (const w of waiting) void runBatch(db, key, [w], () => {});
    return;
  }
  for (const [i, w] of waiting.entries()) w.resolve(results[i]!);
}
