import type { Transaction } from 'kysely';
import { denominationProblem } from '../../shared/cash/denominations';
import { shiftEventDocSchema, type Rejection, type ShiftEventDoc } from '../../shared/protocol';
import type { ApprovalKind } from '../../shared/protocol/approval';
import { beyondCashLimit } from '../../shared/sale/shift-report';
import type { DeviceIdentity } from '../auth/device-identity';
import type { Database } from '../db/schema';
import { recordCashDifference, recordUnapprovedShiftEvent } from '../reconciliation/open-items';
import type { ApprovalFindings } from './approval-policy';
import { reportTrx } from '../reports/report-db';
import { reportSettings } from '../reports/report-settings';
import { serverShiftReport } from '../reports/shift-cash';
import type { Applied, DocumentKind } from './ingest-documents';
import { refusal } from './refusals';

/** The approval a shift event needs: a drawer opened with no sale always, a close only beyond the limit (its own item). */
const WANTED: Partial<Record<ShiftEventDoc['kind'], ApprovalKind>> = { no_sale: 'no_sale', close: 'cash_difference' };

/**
 * Why the event's approval does not stand, or null: a no-sale open without one, or an approval
 * that is not one of the branch's supervisors' (or is the cashier's own). The drawer was opened or
 * the shift closed all the same, so the event is recorded and the findings open an item for a
 * manager (SPEC S11), like a ticket's (approval-policy.ts).
 */
async function approvalFindingsOf(
  trx: Transaction<Database>,
  doc: ShiftEventDoc,
  branchId: string,
): Promise<ApprovalFindings | null> {
  const wanted = WANTED[doc.kind];
  const approval = doc.approval;
  if (!wanted) return null;
  if (!approval || approval.kind !== wanted)
    return doc.kind === 'no_sale' || approval ? { missing: [wanted], invalid: [] } : null;
  const base = { kind: approval.kind, approverId: approval.approverId, approverName: approval.approverName };
  if (approval.approverId === doc.cashierId) return { missing: [], invalid: [{ ...base, why: 'own' }] };
  const approver = await trx
    .selectFrom('cashiers')
    .select(['role'])
    .where('id', '=', approval.approverId)
    .where('branch_id', '=', branchId)
    .executeTakeFirst();
  return approver?.role === 'supervisor' ? null : { missing: [], invalid: [{ ...base, why: 'not_supervisor' }] };
}

async function deviceName(trx: Transaction<Database>, deviceId: string): Promise<string> {
  const row = await trx.selectFrom('devices').select('name').where('id', '=', deviceId).executeTakeFirst();
  return row?.name ?? deviceId;
}

/** Why the event cannot be recorded as sent (nothing is then stored), or null. */
async function shiftEventProblem(trx: Transaction<Database>, doc: ShiftEventDoc, device: DeviceIdentity) {
  if (doc.kind !== 'close' && doc.denominations.length > 0)
    return 'Only a shift close carries counted notes and coins.';
  if (doc.kind === 'no_sale' && doc.amountCents !== 0)
    return 'A drawer opened with no sale moves no cash; its amount must be 0.';
  if (doc.kind === 'close') {
    const branch = await trx
      .selectFrom('branches')
      .select('currency')
      .where('id', '=', device.branchId)
      .executeTakeFirstOrThrow();
    const problem = denominationProblem(branch.currency, doc.denominations, doc.amountCents);
    if (problem) return problem;
  }
  return null;
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
  table: 'shift_events',
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
    const findings = await approvalFindingsOf(trx, doc, device.branchId);
    const at = { branchId: device.branchId, locationId: device.locationId };
    const unapproved = findings
      ? await recordUnapprovedShiftEvent(
          trx,
          { ...at, event: doc, findings, deviceName: await deviceName(trx, doc.deviceId) },
          appliedSeq,
          now,
        )
      : false;
    if (doc.kind !== 'close') return { reconciliation: unapproved };
    return { reconciliation: (await checkCashDifference(trx, doc, device, appliedSeq, now)) || unapproved };
  },
};
