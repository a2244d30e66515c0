import { v7 as uuidv7 } from 'uuid';
import {
  countDocSchema,
  shiftEventDocSchema,
  transferReceiptDocSchema,
  type CountDoc,
  type ShiftEventDoc,
  type TransferReceiptDoc,
} from '../../shared/protocol';
import type { CountRow, PosDatabase, ShiftEventRow, TransferReceiptRow } from './collections';
import type { DevicePairing } from './device-pairing';

/**
 * The documents a device makes besides sales. Each is immutable once written, has an id made
 * here, and is validated against the wire schema before it is stored, so the server never
 * refuses it for its shape. The outbox delivers them (SPEC S7).
 */

/** The fields every document of this device starts with: a new id, the branch and the device. */
function madeHere(pairing: DevicePairing): { id: string; branchId: string; deviceId: string } {
  return { id: uuidv7(), branchId: pairing.branch.id, deviceId: pairing.deviceId };
}

/** Checks `doc` against its wire schema and stores it as a row (without the wire-only `_deleted`). */
async function store<Doc extends { _deleted: boolean }>(
  collection: { insert(row: Omit<Doc, '_deleted'>): Promise<unknown> },
  schema: { parse(doc: unknown): Doc },
  doc: Doc,
): Promise<Omit<Doc, '_deleted'>> {
  const { _deleted: _, ...row } = schema.parse(doc);
  await collection.insert(row);
  return row;
}

export interface Author {
  cashierId: string | null;
  cashierName: string;
}

export async function recordShiftEvent(
  db: PosDatabase,
  pairing: DevicePairing,
  input: {
    shiftId: string;
    kind: ShiftEventDoc['kind'];
    amountCents: number;
    reason?: string;
    author: Author;
    denominations?: ShiftEventDoc['denominations'];
    approval?: ShiftEventDoc['approval'];
  },
): Promise<ShiftEventRow> {
  const { author, ...event } = input;
  return store<ShiftEventDoc>(db.shiftevents, shiftEventDocSchema, {
    ...madeHere(pairing),
    ...event,
    cashierId: author.cashierId,
    cashierName: author.cashierName,
    reason: input.reason ?? '',
    at: new Date().toISOString(),
    denominations: input.denominations ?? [],
    approval: input.approval ?? null,
    _deleted: false,
  });
}

/** A new shift: its id, and the open event with the float. */
export async function openShift(
  db: PosDatabase,
  pairing: DevicePairing,
  floatCents: number,
  author: Author,
): Promise<ShiftEventRow> {
  return recordShiftEvent(db, pairing, { shiftId: uuidv7(), kind: 'open', amountCents: floatCents, author });
}

/** The shift this device has open: the latest open with no close after it. */
export function currentShiftId(
  events: readonly Pick<ShiftEventRow, 'shiftId' | 'kind' | 'at' | 'deviceId'>[],
  deviceId: string,
): string | null {
  const own = events.filter((e) => e.deviceId === deviceId).sort((a, b) => a.at.localeCompare(b.at));
  const closed = new Set(own.filter((e) => e.kind === 'close').map((e) => e.shiftId));
  const open = own.filter((e) => e.kind === 'open' && !closed.has(e.shiftId)).at(-1);
  return open?.shiftId ?? null;
}

/**
 * DESIGN invariant 6: a count is a delta against what the device showed at that moment, never
 * an absolute level. `believedQuantity` is the displayed stock; `believedLevelSeq` the seq of the
 * pulled level it was built on.
 */
export async function recordCount(
  db: PosDatabase,
  pairing: DevicePairing,
  input: {
    productId: string;
    countedQuantity: number;
    believedQuantity: number;
    believedLevelSeq: number;
    note?: string;
    cashierId: string | null;
  },
): Promise<CountRow> {
  return store<CountDoc>(db.counts, countDocSchema, {
    ...madeHere(pairing),
    ...input,
    note: input.note ?? '',
    countedAt: new Date().toISOString(),
    _deleted: false,
  });
}

export async function recordTransferReceipt(
  db: PosDatabase,
  pairing: DevicePairing,
  input: { transferId: string; lines: { productId: string; quantity: number }[]; cashierId: string | null },
): Promise<TransferReceiptRow> {
  return store<TransferReceiptDoc>(db.transferreceipts, transferReceiptDocSchema, {
    ...madeHere(pairing),
    ...input,
    receivedAt: new Date().toISOString(),
    _deleted: false,
  });
}
