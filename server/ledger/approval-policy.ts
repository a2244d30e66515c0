import type { SaleDoc } from '../../shared/protocol';
import type { ApprovalKind } from '../../shared/protocol/approval';
import { approvalsNeeded, missingApprovals } from '../../shared/sale/approvals-needed';

/** What a branch's tickets need approved, and who may approve them: read once per group (branch-reads.ts). */
export interface ApprovalPolicy {
  maxDiscountBp: number;
  /** Supervisors of the branch (active or not: one may have left since approving offline). */
  supervisors: ReadonlySet<string>;
}

const WHAT: Record<ApprovalKind, string> = {
  discount: 'a discount above the branch limit',
  price_override: 'a changed price',
  zero_total: 'a zero total',
  refund_without_receipt: 'a refund without a receipt',
  no_sale: 'a drawer opened without a sale',
  cash_difference: 'a cash difference at close',
};

/** An approval on the document that cannot stand: its approver is not a supervisor of the branch, or is the cashier. */
export interface InvalidApproval {
  kind: ApprovalKind;
  approverId: string;
  approverName: string;
  why: 'not_supervisor' | 'own';
}

/** What a ticket lacks: the kinds it needed and has no approval for, and approvals given by the wrong person. */
export interface ApprovalFindings {
  missing: ApprovalKind[];
  invalid: InvalidApproval[];
}

/**
 * Which approvals of a ticket do not stand; null when they all do. Every approval must come from a
 * supervisor of the branch other than the ticket's cashier, and every kind the ticket needs
 * (shared/sale/approvals-needed.ts, the rule the tablet asks by) must be approved. The tablet
 * decided with the limit and the people it had pulled, possibly days ago: the sale was made and
 * paid, so the finding opens an item for a manager (DESIGN invariants 6 and 7), never a refusal.
 */
export function approvalFindings(sale: SaleDoc, policy: ApprovalPolicy): ApprovalFindings | null {
  const approvals = sale.approvals ?? [];
  const invalid: InvalidApproval[] = [];
  for (const a of approvals) {
    const base = { kind: a.kind, approverId: a.approverId, approverName: a.approverName };
    if (!policy.supervisors.has(a.approverId)) invalid.push({ ...base, why: 'not_supervisor' });
    else if (a.approverId === sale.cashierId) invalid.push({ ...base, why: 'own' });
  }
  const missing = missingApprovals(approvalsNeeded(sale, policy.maxDiscountBp), approvals);
  return missing.length === 0 && invalid.length === 0 ? null : { missing, invalid };
}

/** The findings in a sentence, for the item's summary (the console words it from the findings). */
export function describeFindings(findings: ApprovalFindings, maxDiscountBp: number): string {
  const what = (k: ApprovalKind) => (k === 'discount' ? `${WHAT[k]} (${maxDiscountBp / 100} %)` : WHAT[k]);
  const parts = [
    ...findings.missing.map((k) => `${what(k)} with no supervisor's approval`),
    ...findings.invalid.map((a) =>
      a.why === 'own'
        ? `${what(a.kind)} approved by its own cashier ${a.approverName}`
        : `${what(a.kind)} approved by ${a.approverName}, who is not a supervisor of this branch`,
    ),
  ];
  return parts.join('; ');
}
