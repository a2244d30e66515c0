import { v7 as uuidv7 } from 'uuid';
import type {
  CorrectionRequest,
  ReceiptRequest,
  TransferArrivalRequest,
  TransferRequest,
} from '../../shared/console/ledger-api';
import { canManageBranch, type ManagerIdentity } from '../auth/manager-session';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import { atNextSequence } from './server-sequence';
import { applyMovement } from './stock-movements';
import { applyTransferArrival } from './transfer-arrival';
import { dispatchMovements } from './transfer-dispatch';
import { parseTransferLines } from './transfer-lines';

export interface LocationInfo {
  id: string;
  name: string;
  /** Branch whose location it is; null for the central warehouse. */
  branchId: string | null;
}

export async function locationInfo(db: Db, locationId: string): Promise<LocationInfo> {
  const row = await db
    .selectFrom('locations')
    .leftJoin('branches', 'branches.location_id', 'locations.id')
    .select(['locations.id', 'locations.name', 'branches.id as branch_id'])
    .where('locations.id', '=', locationId)
    .executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `There is no location ${locationId}; choose one from the list.`);
  return { id: row.id, name: row.name, branchId: row.branch_id };
}

/** DESIGN invariant 8: a branch manager acts on their branches' locations; the central warehouse is for administrators. */
export function assertCanManageLocation(manager: ManagerIdentity, location: LocationInfo): void {
  const ok = location.branchId === null ? manager.branchIds === 'all' : canManageBranch(manager, location.branchId);
  if (!ok)
    throw new ApiError(
      'FORBIDDEN',
      `You do not manage ${location.name}; ask an administrator or that branch's manager.`,
    );
}

/** Location ids a manager may read; 'all' for an administrator. */
export async function visibleLocations(db: Db, manager: ManagerIdentity): Promise<'all' | string[]> {
  if (manager.branchIds === 'all') return 'all';
  if (manager.branchIds.length === 0) return [];
  return (await db.selectFrom('branches').select('location_id').where('id', 'in', manager.branchIds).execute()).map(
    (r) => r.location_id,
  );
}

export async function assertProducts(db: Db, lines: readonly { productId: string }[]): Promise<void> {
  const unique = [...new Set(lines.map((l) => l.productId))];
  const known = new Set(
    (await db.selectFrom('products').select('id').where('id', 'in', unique).execute()).map((r) => r.id),
  );
  const missing = unique.find((p) => !known.has(p));
  if (missing)
    throw new ApiError('NOT_FOUND', `There is no product ${missing} in the catalogue; choose products from the list.`);
}

/** How the ledger names a manager as the actor of what they did in the console. */
export const actorOf = (manager: ManagerIdentity) => `manager:${manager.id}`;

/** Where a transfer goes from and to, or 404. */
export async function transferEnds(db: Db, transferId: string): Promise<{ from: LocationInfo; to: LocationInfo }> {
  const found = await db
    .selectFrom('transfers')
    .select(['from_location_id', 'to_location_id'])
    .where('id', '=', transferId)
    .executeTakeFirst();
  if (!found) throw new ApiError('NOT_FOUND', `There is no transfer ${transferId}; reload the list.`);
  return { from: await locationInfo(db, found.from_location_id), to: await locationInfo(db, found.to_location_id) };
}

/** Goods received at a location: one `receipt` movement per line. Returns the sequence it was applied at. */
export async function recordReceipt(
  db: Db,
  manager: ManagerIdentity,
  r: ReceiptRequest,
  now = new Date().toISOString(),
): Promise<{ seq: number; location: LocationInfo }> {
  const location = await locationInfo(db, r.locationId);
  assertCanManageLocation(manager, location);
  await assertProducts(db, r.lines);
  const seq = await atNextSequence(db, async (trx, s) => {
    for (const line of r.lines) {
      await applyMovement(
        trx,
        {
          locationId: location.id,
          productId: line.productId,
          delta: line.quantity,
          kind: 'receipt',
          saleId: null,
          actor: actorOf(manager),
          reason: `received: ${r.supplierNote}`,
        },
        s,
        now,
      );
    }
    return s;
  });
  return { seq, location };
}

/** A manager's correction by a delta, with the reason. */
export async function recordCorrection(
  db: Db,
  manager: ManagerIdentity,
  c: CorrectionRequest,
  now = new Date().toISOString(),
): Promise<{ seq: number; level: number; location: LocationInfo }> {
  const location = await locationInfo(db, c.locationId);
  assertCanManageLocation(manager, location);
  await assertProducts(db, [c]);
  return atNextSequence(db, async (trx, s) => {
    const level = await applyMovement(
      trx,
      {
        locationId: location.id,
        productId: c.productId,
        delta: c.delta,
        kind: 'correction',
        saleId: null,
        actor: actorOf(manager),
        reason: c.reason,
      },
      s,
      now,
    );
    return { seq: s, level, location };
  });
}

/**
 * Sends stock: `transfer_out` at the source now, and a transfers row (status sent: in transit)
 * that the receiving branch's devices pull as a TransferDoc; the branch's receipt applies
 * `transfer_in`. A draft moves nothing and stays off the tablets (sent_seq null) until sent.
 */
export async function createTransfer(
  db: Db,
  manager: ManagerIdentity,
  t: Omit<TransferRequest, 'draft'> & { draft?: boolean },
  now = new Date().toISOString(),
): Promise<{ id: string; seq: number; from: LocationInfo; to: LocationInfo }> {
  const from = await locationInfo(db, t.fromLocationId);
  const to = await locationInfo(db, t.toLocationId);
  assertCanManageLocation(manager, from);
  await assertProducts(db, t.lines);
  const id = uuidv7();
  const seq = await atNextSequence(db, async (trx, s) => {
    const row = {
      id,
      from_location_id: from.id,
      to_location_id: to.id,
      lines: JSON.stringify(t.lines),
      status: t.draft ? ('draft' as const) : ('sent' as const),
      note: t.note,
      sent_at: now,
      sent_seq: t.draft ? null : s,
      created_at: now,
      received_at: null,
      seq: s,
      created_by: actorOf(manager),
    };
    await trx.insertInto('transfers').values(row).execute();
    if (!t.draft) await dispatchMovements(trx, row, actorOf(manager), s, now);
    return s;
  });
  return { id, seq, from, to };
}

/**
 * A manager confirms in the console what arrived of a transfer to a location they manage (the
 * central warehouse has no tablets). Same effect as a branch device's transfer receipt.
 */
export async function receiveTransfer(
  db: Db,
  manager: ManagerIdentity,
  transferId: string,
  r: TransferArrivalRequest,
  now = new Date().toISOString(),
): Promise<{ seq: number; to: LocationInfo; discrepancy: boolean }> {
  const { to } = await transferEnds(db, transferId);
  assertCanManageLocation(manager, to);
  await assertProducts(db, r.lines);
  return atNextSequence(db, async (trx, s) => {
    // Read again under the lock: a branch device may have confirmed it meanwhile.
    const transfer = await trx
      .selectFrom('transfers')
      .selectAll()
      .where('id', '=', transferId)
      .executeTakeFirstOrThrow();
    if (transfer.status === 'draft')
      throw new ApiError('CONFLICT', `Transfer ${transferId} is still a draft: send it before confirming its arrival.`);
    if (transfer.status !== 'sent')
      throw new ApiError('CONFLICT', `Transfer ${transferId} is already ${transfer.status}; nothing was applied.`);
    const { discrepancy } = await applyTransferArrival(
      trx,
      transfer,
      r.lines,
      {
        branchId: to.branchId,
        actor: actorOf(manager),
        reasonTail: ' (confirmed in the console)',
        receiptId: `console:${manager.id}`,
      },
      s,
      now,
    );
    return { seq: s, to, discrepancy };
  });
}

/**
 * Calls back a transfer that has not arrived: the units return to the source (transfer_in there,
 * the reverse of its transfer_out) and the transfer becomes `cancelled`, which the receiving
 * branch's devices pull, so they can no longer confirm it.
 */
export async function cancelTransfer(
  db: Db,
  manager: ManagerIdentity,
  transferId: string,
  reason: string,
  now = new Date().toISOString(),
): Promise<{ seq: number; from: LocationInfo; to: LocationInfo }> {
  const { from, to } = await transferEnds(db, transferId);
  assertCanManageLocation(manager, from);
  const seq = await atNextSequence(db, async (trx, s) => {
    const transfer = await trx
      .selectFrom('transfers')
      .selectAll()
      .where('id', '=', transferId)
      .executeTakeFirstOrThrow();
    if (transfer.status !== 'sent' && transfer.status !== 'draft')
      throw new ApiError(
        'CONFLICT',
        `Transfer ${transferId} is already ${transfer.status}; it can no longer be cancelled.`,
      );
    // A draft moved nothing: nothing goes back.
    const back = transfer.status === 'sent' ? parseTransferLines(transfer.lines) : [];
    for (const line of back) {
      await applyMovement(
        trx,
        {
          locationId: from.id,
          productId: line.productId,
          delta: line.quantity,
          kind: 'transfer_in',
          saleId: null,
          actor: actorOf(manager),
          reason: `transfer ${transferId} cancelled: ${reason}`,
        },
        s,
        now,
      );
    }
    await trx.updateTable('transfers').set({ status: 'cancelled', seq: s }).where('id', '=', transferId).execute();
    return s;
  });
  return { seq, from, to };
}
