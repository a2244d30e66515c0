import type { Rejection } from '../../shared/protocol';
import type { DeviceIdentity } from '../auth/device-identity';
import type { Db } from '../db/database';
import { refusal } from './refusals';

/** The device that made a pushed document, and the device that delivered it when that is another one. */
export interface DocumentAuthor {
  deviceId: string;
  deviceNumber: number;
  /** The pushing device when it relays another device's document (recovery of a broken tablet), else null. */
  relayedBy: string | null;
}

export type AuthorLookup = (
  doc: { id: string; branchId: string; deviceId: string },
  what: string,
) => DocumentAuthor | Rejection;

/**
 * DESIGN invariant 8 and the recovery relay: a device may deliver documents made by any device of
 * its own branch (revoked or not, e.g. a broken tablet whose queue was exported), keeping their
 * ids and deviceId. Anything naming another branch, or a device of another branch, is refused.
 * Devices named by the batch are read once, before the writing transaction.
 */
export async function authorLookup(
  db: Db,
  pusher: DeviceIdentity,
  deviceIds: readonly string[],
): Promise<AuthorLookup> {
  // An id with U+0000 names no device (and PostgreSQL could not even compare it); its row is refused later.
  const others = [...new Set(deviceIds.filter((id) => id !== pusher.deviceId && !id.includes('\u0000')))];
  const rows =
    others.length === 0
      ? []
      : await db
          .selectFrom('devices')
          .select(['id', 'number'])
          .where('branch_id', '=', pusher.branchId)
          .where('id', 'in', others)
          .execute();
  const sameBranch = new Map(rows.map((r) => [r.id, Number(r.number)]));
  return (doc, what) => {
    const forbidden = (why: string): Rejection =>
      refusal(
        doc.id,
        'FORBIDDEN',
        `${what} ${doc.id} names branch ${doc.branchId} and device ${doc.deviceId}, but this device is ${pusher.deviceId} of ${pusher.branchId}: ${why}`,
      );
    if (doc.branchId !== pusher.branchId) return forbidden('a device only delivers documents of its own branch.');
    if (doc.deviceId === pusher.deviceId)
      return { deviceId: pusher.deviceId, deviceNumber: pusher.deviceNumber, relayedBy: null };
    const number = sameBranch.get(doc.deviceId);
    if (number === undefined) return forbidden(`device ${doc.deviceId} is not a device of this branch.`);
    return { deviceId: doc.deviceId, deviceNumber: number, relayedBy: pusher.deviceId };
  };
}

export function isRejection(value: DocumentAuthor | Rejection): value is Rejection {
  return 'code' in value;
}

/** The movement's "who" and the tail of its "why" for a document, naming the relaying device if any. */
export function actorOf(author: DocumentAuthor): { actor: string; relayNote: string } {
  return {
    actor: `device:${author.deviceId}`,
    relayNote: author.relayedBy ? ` (relayed by device:${author.relayedBy})` : '',
  };
}
