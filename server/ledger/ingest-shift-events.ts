import type { Transaction } from 'kysely';
import { denominationProblem } from '../../shared/cash/denominations';
import { shiftEventDocSchema, type Rejection, type ShiftEventDoc } from '../../shared/protocol';
import { beyondCashLimit } from '../../shared/sale/shift-report';
import type { DeviceIdentity } from '../auth/device-identity';
import type { Database } from '../db/schema';
import { recordCashDifference } from '../reconciliation/open-items';
import { reportTrx } from '../reports/report-db';
import { reportSettings } from '../reports/report-settings';
import { serverShiftReport } from '../reports/shift-cash';
import type { Applied, DocumentKind } from './ingest-documents';
import { refusal } from './refusals';

/** Why a supervisor's approval on the event cannot stand, or null: one of the branch's supervisors, not the cashier. */
async function approvalProblem(trx: Transaction<Database>, doc: ShiftEventDoc, branchId: string) {
  const approval = doc.approval;
  if (!approval) return null;
  // A no-sale open and a close beyond the limit carry their approval; nothing else asks for one.
  const wanted = { no_sale: 'no_sale', close: 'cash_difference' } as Partial<Record<ShiftEventDoc['kind'], string>>;
  if (wanted[doc.kind] !== approval.kind)
    return `An approval of kind ${approval.kind} does not belong on a shift's ${doc.kind} event.`;
  if (approval.approverId === doc.cashierId)
    return `${approval.approverName} cannot approve their own ${doc.kind === 'no_sale' ? 'drawer open' : 'close'}; another supervisor must.`;
  const approver = await trx
    .selectFrom('cashiers')
    .select(['role'])
    .where('id', '=', approval.approverId)
    .where('branch_id', '=', branchId)
    .executeTakeFirst();
  if (approver?.role !== 'supervisor')
    return `${approval.approverName} is not a supervisor of this branch, so cannot approve this.`;
  return null;
}

/** Why the event cannot be recorded as sent (nothing is then stored), or null. */
async function shiftEventProblem(trx: Transaction<Database>, doc: ShiftEventDoc, device: DeviceIdentity) {
  if (doc.kind !== 'close' && doc.denominations.length > 0)
    return 'Only a shift close carries counted notes and coins.';
  if (doc.kind === 'no_sale') {
    if (doc.amountCents !== 0) return 'A drawer opened with no sale moves no cash; its amount must be 0.';
    if (!doc.approval) return "A drawer opened with no sale needs a supervisor's approval on the tablet.";
  }
  if (doc.kind === 'close') {
    const branch = await trx
      .selectFrom('branches')
      .select('currency')
      .where('id', '=', device.branchId)
      .executeTakeFirstOrThrow();
    const problem = denominationProblem(branch.currency, doc.denominations, doc.amountCents);
    if (problem) return problem;
  }
  return approvalProblem(trx, doc, device.branchId);
}

/**
 * A close further from the expected cash than the branch allows opens one cash_difference item,
 * approved on the tablet or not: the cash was counted, so the close is recorded either way.
 */
async function checkCashDifference(
  trx: Transaction<Database>,
  doc: ShiftEventDoc,
  device: DeviceIdentity,
  seq: number,
  now: string,
): Promise<boolean> {
  const rtrx = reportTrx(trx);
  const [report, [settings], branch, dev] = await Promise.all([
    serverShiftReport(rtrx, doc.shiftId),
    reportSettings(rtrx, [device.branchId]),
    trx.selectFrom('branches').select('currency').where('id', '=', device.branchId).executeTakeFirstOrThrow(),
    trx.selectFrom('devices').select('name').where('id', '=', doc.deviceId).executeTakeFirst(),
  ]);
  const limitCents = settings!.maxCashDifferenceCents;
  const overShort = doc.amountCents - report.expectedCashCents;
  if (!beyondCashLimit(overShort, limitCents)) return false;
  return recordCashDifference(
    trx,
    {
      branchId: device.branchId,
      locationId: device.locationId,
      close: doc,
      deviceName: dev?.name ?? doc.deviceId,
      expectedCashCents: report.expectedCashCents,
      limitCents,
      currency: branch.currency,
    },
    seq,
    now,
  );
}

/** Shift events are stored once per id and move no stock; their ack carries a sequence of their own. */
export const shiftEventsKind: DocumentKind<ShiftEventDoc> = {
  collection: 'shiftevents',
  what: 'Shift event',
  schema: shiftEventDocSchema,
  existing: (trx, id) =>
    trx.selectFrom('shift_events').select(['content_hash', 'applied_seq']).where('id', '=', id).executeTakeFirst(),
  async apply(trx, { doc, author, device, hash, body, appliedSeq, now }): Promise<Applied | Rejection> {
    const other = await trx
      .selectFrom('shift_events')
      .select(['branch_id'])
      .where('shift_id', '=', doc.shiftId)
      .limit(1)
      .executeTakeFirst();
    if (other && other.branch_id !== device.branchId) {
      return refusal(
        doc.id,
        'FORBIDDEN',
        `Shift ${doc.shiftId} belongs to another branch; this event was not recorded.`,
      );
    }
    const problem = await shiftEventProblem(trx, doc, device);
    if (problem) return refusal(doc.id, 'BAD_REQUEST', `${problem} This shift event was not recorded.`);
    await trx
      .insertInto('shift_events')
      .values({
        id: doc.id,
        shift_id: doc.shiftId,
        kind: doc.kind,
        branch_id: device.branchId,
        device_id: author.deviceId,
        cashier_id: doc.cashierId,
        cashier_name: doc.cashierName,
        amount_cents: doc.amountCents,
        reason: doc.reason,
        device_at: doc.at,
        received_at: now,
        content_hash: hash,
        body,
        applied_seq: appliedSeq,
      })
      .execute();
    if (doc.kind !== 'close') return {};
    return { reconciliation: await checkCashDifference(trx, doc, device, appliedSeq, now) };
  },
};
