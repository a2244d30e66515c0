import type { Transaction, Updateable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Page, ReconciliationItem } from '../../shared/console/ledger-api';
import type { ReconciliationHistory, ResolveRequest } from '../../shared/console/reconciliation';
import { canManageBranch, type ManagerIdentity } from '../auth/manager-session';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { ReconciliationKind, ReconciliationStatus } from '../db/schema-ledger';
import { ApiError } from '../http/api-error';
import { splitCursor } from '../ledger/ledger-queries';
import { assertCanManageLocation, locationInfo, type LocationInfo } from '../ledger/manager-movements';
import { SequenceAllocator } from '../ledger/server-sequence';
import { applyMovement } from '../ledger/stock-movements';
import { oversellKey } from './open-items';
import { keysetPage, seqIdCursor } from '../http/keyset-page';

type Row = Database['reconciliation_items'];

function itemOf(r: Row): ReconciliationItem {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    branchId: r.branch_id,
    locationId: r.location_id,
    productId: r.product_id,
    saleId: r.sale_id,
    documentId: r.document_id,
    summary: r.summary,
    details: JSON.parse(r.details) as Record<string, unknown>,
    assignedTo: r.assigned_to,
    assignedToName: r.assigned_to_name,
    assignedAt: r.assigned_at,
    resolvedBy: r.resolved_by,
    resolvedByName: r.resolved_by_name,
    resolutionNote: r.resolution_note,
    resolvedAt: r.resolved_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    seq: Number(r.seq),
  };
}

/** The item as the transaction has just left it. */
async function itemNow(trx: Transaction<Database>, id: string): Promise<ReconciliationItem> {
  return itemOf(
    await trx.selectFrom('reconciliation_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  );
}

/** Changes an item unless it is resolved, at server sequence `seq`; false when it was (resolved meanwhile). */
async function changeUnresolved(
  trx: Transaction<Database>,
  id: string,
  changes: Updateable<Row>,
  seq: number,
  now: string,
): Promise<boolean> {
  const done = await trx
    .updateTable('reconciliation_items')
    .set({ ...changes, updated_at: now, seq })
    .where('id', '=', id)
    .where('status', '!=', 'resolved')
    .executeTakeFirst();
  return (done.numUpdatedRows ?? 0n) > 0n;
}

export interface ItemFilter {
  status?: ReconciliationStatus;
  kind?: ReconciliationKind;
  branchId?: string;
  /** A manager id, 'me' or 'nobody'. */
  assignedTo?: string;
  cursor?: string;
  limit: number;
}

/**
 * The list's query, newest first; each filter has an index ending in (seq, id) (migrations 0003
 * and 0011). null when the manager manages no branch.
 */
export function itemsQuery(db: Db, manager: ManagerIdentity, q: ItemFilter) {
  let query = db.selectFrom('reconciliation_items').selectAll();
  if (q.status) query = query.where('status', '=', q.status);
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.assignedTo === 'nobody') query = query.where('assigned_to', 'is', null);
  else if (q.assignedTo) query = query.where('assigned_to', '=', q.assignedTo === 'me' ? manager.id : q.assignedTo);
  if (q.branchId) query = query.where('branch_id', '=', q.branchId);
  else if (manager.branchIds !== 'all') {
    if (manager.branchIds.length === 0) return null;
    query = query.where('branch_id', 'in', manager.branchIds);
  }
  if (q.cursor) {
    const c = splitCursor(q.cursor);
    query = query.where((eb) => eb.or([eb('seq', '<', c.seq), eb.and([eb('seq', '=', c.seq), eb('id', '<', c.id)])]));
  }
  return query
    .orderBy('seq', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit + 1);
}

/**
 * Newest first. A branch manager sees the items of the branches they manage only (items of the
 * central location, branch null, are for administrators).
 */
export async function listItems(db: Db, manager: ManagerIdentity, q: ItemFilter): Promise<Page<ReconciliationItem>> {
  if (q.branchId && !canManageBranch(manager, q.branchId)) {
    throw new ApiError(
      'FORBIDDEN',
      `You do not manage branch ${q.branchId}; ask an administrator or that branch's manager.`,
    );
  }
  const query = itemsQuery(db, manager, q);
  if (!query) return { items: [], nextCursor: null };
  const rows = await query.execute();
  const { page, nextCursor } = keysetPage(rows, q.limit, seqIdCursor);
  return { items: page.map(itemOf), nextCursor };
}

/** The item if this manager may act on it: 404 when it does not exist, 403 when it is another branch's. */
async function itemFor(db: Db, manager: ManagerIdentity, id: string): Promise<Row> {
  const row = await db.selectFrom('reconciliation_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `There is no reconciliation item ${id}; reload the list.`);
  const allowed = row.branch_id === null ? manager.branchIds === 'all' : canManageBranch(manager, row.branch_id);
  if (!allowed)
    throw new ApiError(
      'FORBIDDEN',
      `Item ${id} belongs to ${row.branch_id ?? 'the central warehouse'}, which you do not manage.`,
    );
  return row;
}

export async function getItem(db: Db, manager: ManagerIdentity, id: string): Promise<ReconciliationItem> {
  return itemOf(await itemFor(db, manager, id));
}

/** open|assigned → assigned to a manager of the item's branch (default: the one asking). */
export async function assignItem(
  db: Db,
  manager: ManagerIdentity,
  id: string,
  managerId: string | undefined,
  now = new Date().toISOString(),
): Promise<{ item: ReconciliationItem; seq: number }> {
  const row = await itemFor(db, manager, id);
  if (row.status === 'resolved')
    throw new ApiError('CONFLICT', `Item ${id} is already resolved; it cannot be assigned.`);
  let assignee = { id: manager.id, name: manager.name };
  if (managerId && managerId !== manager.id) {
    const other = await db
      .selectFrom('managers')
      .select(['id', 'name', 'role', 'branch_ids', 'disabled_at'])
      .where('id', '=', managerId)
      .executeTakeFirst();
    if (!other || other.disabled_at)
      throw new ApiError('NOT_FOUND', `There is no active manager ${managerId}; choose another.`);
    const branches = other.role === 'admin' ? 'all' : (JSON.parse(other.branch_ids ?? '[]') as string[]);
    const canSee = row.branch_id === null ? branches === 'all' : branches === 'all' || branches.includes(row.branch_id);
    if (!canSee)
      throw new ApiError(
        'BAD_REQUEST',
        `${other.name} does not manage ${row.branch_id ?? 'the central warehouse'}; assign the item to one of its managers.`,
      );
    assignee = { id: other.id, name: other.name };
  }
  return db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    const s = seq.next();
    const assignment = { assigned_to: assignee.id, assigned_to_name: assignee.name, assigned_at: now };
    await changeUnresolved(trx, id, { status: 'assigned', ...assignment }, s, now);
    await recordEvent(trx, {
      itemId: id,
      kind: 'assigned',
      actor: manager,
      note: assignee.name,
      details: { managerId: assignee.id, managerName: assignee.name },
      seq: s,
      now,
    });
    await seq.save();
    return { item: await itemNow(trx, id), seq: s };
  });
}

/**
 * → resolved with the note and the resolving manager's name, and where it applies a correcting
 * ledger movement in the same transaction (both or neither). A resolved oversell gives its cause
 * key up (renamed), so the next oversell of that product opens a new item.
 */
export async function resolveItem(
  db: Db,
  manager: ManagerIdentity,
  id: string,
  request: ResolveRequest,
  now = new Date().toISOString(),
): Promise<{ item: ReconciliationItem; seq: number; corrected: LocationInfo | null }> {
  const row = await itemFor(db, manager, id);
  if (row.status === 'resolved')
    throw new ApiError('CONFLICT', `Item ${id} was already resolved by ${row.resolved_by_name ?? 'another manager'}.`);
  const correction = request.correction ? await correctionTarget(db, manager, row, request.correction) : null;
  return db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    const s = seq.next();
    const causeKey =
      row.kind === 'oversell' && row.cause_key === oversellKey(row.location_id, row.product_id ?? '')
        ? `${row.cause_key}:resolved:${uuidv7()}`
        : row.cause_key;
    const resolution = {
      cause_key: causeKey,
      resolved_by: manager.id,
      resolved_by_name: manager.name,
      resolution_note: request.note,
      resolved_at: now,
    };
    if (!(await changeUnresolved(trx, id, { status: 'resolved', ...resolution }, s, now)))
      throw new ApiError('CONFLICT', `Item ${id} was resolved meanwhile by another manager.`);
    if (correction) await applyCorrection(trx, manager, id, request.note, correction, s, now);
    await recordEvent(trx, {
      itemId: id,
      kind: 'resolved',
      actor: manager,
      note: request.note,
      details: {},
      seq: s,
      now,
    });
    await seq.save();
    return { item: await itemNow(trx, id), seq: s, corrected: correction?.location ?? null };
  });
}

interface CorrectionTarget {
  location: LocationInfo;
  productId: string;
  delta: number;
}

/** Where the correction goes (default: the item's location and product), checked before the transaction. */
async function correctionTarget(
  db: Db,
  manager: ManagerIdentity,
  row: Row,
  c: NonNullable<ResolveRequest['correction']>,
): Promise<CorrectionTarget> {
  const productId = c.productId ?? row.product_id;
  if (!productId)
    throw new ApiError('BAD_REQUEST', 'This item concerns no product: name the product the correction is for.');
  const location = await locationInfo(db, c.locationId ?? row.location_id);
  assertCanManageLocation(manager, location);
  const product = await db.selectFrom('products').select('id').where('id', '=', productId).executeTakeFirst();
  if (!product) throw new ApiError('NOT_FOUND', `There is no product ${productId}; choose one from the catalogue.`);
  return { location, productId, delta: c.delta };
}

async function applyCorrection(
  trx: Transaction<Database>,
  manager: ManagerIdentity,
  itemId: string,
  note: string,
  c: CorrectionTarget,
  seq: number,
  now: string,
): Promise<void> {
  const reason = `reconciliation ${itemId}: ${note}`;
  const level = await applyMovement(
    trx,
    {
      locationId: c.location.id,
      productId: c.productId,
      delta: c.delta,
      kind: 'correction',
      saleId: null,
      actor: `manager:${manager.id}`,
      reason,
    },
    seq,
    now,
  );
  await recordEvent(trx, {
    itemId,
    kind: 'corrected',
    actor: manager,
    note: reason,
    details: { locationId: c.location.id, productId: c.productId, delta: c.delta, level },
    seq,
    now,
  });
}

async function recordEvent(
  trx: Transaction<Database>,
  e: {
    itemId: string;
    kind: Database['reconciliation_events']['kind'];
    actor: ManagerIdentity;
    note: string | null;
    details: Record<string, unknown>;
    seq: number;
    now: string;
  },
): Promise<void> {
  await trx
    .insertInto('reconciliation_events')
    .values({
      id: uuidv7(),
      item_id: e.itemId,
      kind: e.kind,
      actor_id: e.actor.id,
      actor_name: e.actor.name,
      note: e.note,
      details: JSON.stringify(e.details),
      created_at: e.now,
      seq: e.seq,
    })
    .execute();
}

/**
 * An item's history, oldest first: its opening (the server's own act, with the figures it was
 * opened with; later oversells of the same product update those figures) and what managers did.
 */
export async function itemHistory(db: Db, manager: ManagerIdentity, id: string): Promise<ReconciliationHistory> {
  const row = await itemFor(db, manager, id);
  const events = await db
    .selectFrom('reconciliation_events')
    .selectAll()
    .where('item_id', '=', id)
    .orderBy('seq')
    .orderBy('id')
    .execute();
  return {
    itemId: id,
    events: [
      {
        kind: 'opened',
        at: row.created_at,
        actorId: null,
        actorName: null,
        note: row.summary,
        details: JSON.parse(row.details) as Record<string, unknown>,
        seq: Number(row.seq),
      },
      ...events.map((e) => ({
        kind: e.kind,
        at: e.created_at,
        actorId: e.actor_id,
        actorName: e.actor_name,
        note: e.note,
        details: JSON.parse(e.details) as Record<string, unknown>,
        seq: Number(e.seq),
      })),
    ],
  };
}
