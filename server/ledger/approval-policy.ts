import type { SaleDoc } from '../../shared/protocol';
import type { ApprovalKind } from '../../shared/protocol/approval';
import { approvalsNeeded, missingApprovals } from '../../shared/sale/approvals-needed';
import type { Db } from '../db/database';

/** What a branch's tickets need approved, and who may approve them: read once per push. */
export interface ApprovalPolicy {
  maxDiscountBp: number;
  /** Supervisors of the branch (active or not: one may have left since approving offline). */
  supervisors: ReadonlySet<string>;
}

export async function loadApprovalPolicy(db: Db, branchId: string): Promise<ApprovalPolicy> {
  const [settings, supervisors] = await Promise.all([
    db.selectFrom('branch_settings').select('max_discount_bp').where('branch_id', '=', branchId).executeTakeFirst(),
    db.selectFrom('cashiers').select('id').where('branch_id', '=', branchId).where('role', '=', 'supervisor').execute(),
  ]);
  return {
    maxDiscountBp: Number(settings?.max_discount_bp ?? 10000),
    supervisors: new Set(supervisors.map((s) => s.id)),
  };
}

const WHAT: Record<ApprovalKind, string> = {
  discount: 'a discount above the branch limit',
  price_override: 'a changed price',
  zero_total: 'a zero total',
  refund_without_receipt: 'a refund without a receipt',
  no_sale: 'a drawer opened without a sale',
  cash_difference: 'a cash difference at close',
};

/**
 * Why a ticket's approvals do not stand, in a sentence a manager can act on; null when they do.
 * Every approval must come from a supervisor of the branch other than the ticket's cashier, and
 * every kind the ticket needs (shared/sale/approvals-needed.ts, the rule the tablet asks by) must
 * be approved.
 */
export function approvalProblem(sale: SaleDoc, policy: ApprovalPolicy): string | null {
  const approvals = sale.approvals ?? [];
  for (const a of approvals) {
    if (!policy.supervisors.has(a.approverId))
      return `its approval of ${WHAT[a.kind]} names ${a.approverName} (${a.approverId}), who is not a supervisor of this branch`;
    if (a.approverId === sale.cashierId)
      return `its cashier ${sale.cashierName} approved their own ${WHAT[a.kind]}; another supervisor must approve it`;
  }
  const missing = missingApprovals(approvalsNeeded(sale, policy.maxDiscountBp), approvals);
  if (missing.length === 0) return null;
  const limit = `${policy.maxDiscountBp / 100} %`;
  return `it has ${missing.map((k) => (k === 'discount' ? `${WHAT[k]} (${limit})` : WHAT[k])).join(' and ')} with no supervisor's approval; a supervisor must approve it on the tablet`;
}
