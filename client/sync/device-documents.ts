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

function strip<T extends { _deleted: boolean }>(doc: T): Omit<T, '_deleted'> {
  const { _deleted: _, ...row } = doc;
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
  const doc = shiftEventDocSchema.parse({
    id: uuidv7(),
    shiftId: input.shiftId,
    kind: input.kind,
    branchId: pairing.branch.id,
    deviceId: pairing.deviceId,
    cashierId: input.author.cashierId,
    cashierName: input.author.cashierName,
    amountCents: input.amountCents,
    reason: input.reason ?? '',
    at: new Date().toISOString(),
    denominations: input.denominations ?? [],
    approval: input.approval ?? null,
    _deleted: false,
  } satisfies ShiftEventDoc);
  const row = strip(doc);
  await db.shiftevents.insert(row);
  return row;
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
  const doc = countDocSchema.parse({
    id: uuidv7(),
    branchId: pairing.branch.id,
    deviceId: pairing.deviceId,
    productId: input.productId,
    countedQuantity: input.countedQuantity,
    believedQuantity: input.believedQuantity,
    believedLevelSeq: input.believedLevelSeq,
    cashierId: input.cashierId,
    note: input.note ?? '',
    countedAt: new Date().toISOString(),
    _deleted: false,
  } satisfies CountDoc);
  const row = strip(doc);
  await db.counts.insert(row);
  return row;
}

export async function recordTransferReceipt(
  db: PosDatabase,
  pairing: DevicePairing,
  input: { transferId: string; lines: { productId: string; quantity: number }[]; cashierId: string | null },
): Promise<TransferReceiptRow> {
  const doc = transferReceiptDocSchema.parse({
    id: uuidv7(),
    transferId: input.transferId,
    branchId: pairing.branch.id,
    deviceId: pairing.deviceId,
    cashierId: input.cashierId,
    lines: input.lines,
    receivedAt: new Date().toISOString(),
    _deleted: false,
  } satisfies TransferReceiptDoc);
  const row = strip(doc);
  await db.transferreceipts.insert(row);
  return row;
}
