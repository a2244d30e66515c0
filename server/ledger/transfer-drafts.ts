import type { TransferDraftRequest } from '../../shared/console/ledger-api';
import type { ManagerIdentity } from '../auth/manager-session';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import {
  actorOf,
  assertCanManageLocation,
  assertProducts,
  locationInfo,
  transferEnds,
  type LocationInfo,
} from './manager-movements';
import { atNextSequence } from './server-sequence';
import { dispatchMovements } from './transfer-dispatch';

async function draftOf(db: Db, manager: ManagerIdentity, id: string): Promise<LocationInfo> {
  const { from } = await transferEnds(db, id);
  assertCanManageLocation(manager, from);
  return from;
}

const notDraft = (id: string, status: string) =>
  new ApiError(
    'CONFLICT',
    `Transfer ${id} is ${status === 'sent' ? 'already in transit' : `already ${status}`}; only a draft can be changed or sent.`,
  );

/** A draft rewritten: route, lines and note; still no stock moves. The manager must manage both sources. */
export async function updateDraft(
  db: Db,
  manager: ManagerIdentity,
  id: string,
  t: TransferDraftRequest,
): Promise<{ seq: number; from: LocationInfo; to: LocationInfo }> {
  await draftOf(db, manager, id);
  const from = await locationInfo(db, t.fromLocationId);
  const to = await locationInfo(db, t.toLocationId);
  assertCanManageLocation(manager, from);
  await assertProducts(db, t.lines);
  const seq = await atNextSequence(db, async (trx, s) => {
    const row = await trx.selectFrom('transfers').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    if (row.status !== 'draft') throw notDraft(id, row.status);
    await trx
      .updateTable('transfers')
      .set({ from_location_id: from.id, to_location_id: to.id, lines: JSON.stringify(t.lines), note: t.note, seq: s })
      .where('id', '=', id)
      .execute();
    return s;
  });
  return { seq, from, to };
}

/** A draft sent: the stock leaves the source now and the transfer is in transit, on the destination's tablets. */
export async function sendDraft(
  db: Db,
  manager: ManagerIdentity,
  id: string,
  now = new Date().toISOString(),
): Promise<{ seq: number; from: LocationInfo; to: LocationInfo }> {
  await draftOf(db, manager, id);
  const sent = await atNextSequence(db, async (trx, s) => {
    const row = await trx.selectFrom('transfers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    if (row.status !== 'draft') throw notDraft(id, row.status);
    await dispatchMovements(trx, row, actorOf(manager), s, now);
    await trx
      .updateTable('transfers')
      .set({ status: 'sent', sent_at: now, sent_seq: s, seq: s })
      .where('id', '=', id)
      .execute();
    return { seq: s, fromId: row.from_location_id, toId: row.to_location_id };
  });
  return { seq: sent.seq, from: await locationInfo(db, sent.fromId), to: await locationInfo(db, sent.toId) };
}
