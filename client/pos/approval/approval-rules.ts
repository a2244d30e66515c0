import type { Approval, ApprovalKind } from '../../../shared/protocol/approval';

interface Person {
  id: string;
  name: string;
  role: 'cashier' | 'supervisor';
  active: boolean;
}

/**
 * Who may approve what the person at the till asks: an active supervisor of the branch other than
 * that person (nobody approves their own discount, even a supervisor at the till).
 */
export function approversFor<P extends Person>(people: readonly P[], requesterId: string | null): P[] {
  return people.filter((p) => p.active && p.role === 'supervisor' && p.id !== requesterId);
}

export function makeApproval(kind: ApprovalKind, approver: Person, reason: string, now: Date): Approval {
  return { kind, approverId: approver.id, approverName: approver.name, at: now.toISOString(), reason: reason.trim() };
}
