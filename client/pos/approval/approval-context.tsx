import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Approval } from '../../../shared/protocol/approval';
import type { CashierRow } from '../../sync/collections';
import { ApprovalDialog, type ApprovalRequest } from './ApprovalDialog';
import { approversFor } from './approval-rules';

export interface ManagerApproval {
  /** Opens the supervisor's PIN dialog; resolves with the approval, or null when it was cancelled. */
  request: (request: ApprovalRequest) => Promise<Approval | null>;
}

const ApprovalContext = createContext<ManagerApproval | null>(null);

interface Pending {
  request: ApprovalRequest;
  resolve: (approval: Approval | null) => void;
}

/** Holds the one approval dialog of the till; screens ask through `useManagerApproval()`. */
export function ApprovalProvider({
  cashiers,
  requesterId,
  children,
}: {
  /** The branch's cashiers as pulled, with their PIN hashes. */
  cashiers: CashierRow[];
  /** Who is at the till: they never approve their own action. */
  requesterId: string | null;
  children: ReactNode;
}) {
  const [pending, setPending] = useState<Pending | null>(null);
  const pendingRef = useRef<Pending | null>(null);

  const request = useCallback(
    (req: ApprovalRequest) =>
      new Promise<Approval | null>((resolve) => {
        // A second request while one is open cancels the first, so no caller waits forever.
        pendingRef.current?.resolve(null);
        pendingRef.current = { request: req, resolve };
        setPending(pendingRef.current);
      }),
    [],
  );
  const value = useMemo(() => ({ request }), [request]);

  function done(approval: Approval | null) {
    pending?.resolve(approval);
    pendingRef.current = null;
    setPending(null);
  }

  return (
    <ApprovalContext.Provider value={value}>
      {children}
      {pending && (
        <ApprovalDialog request={pending.request} approvers={approversFor(cashiers, requesterId)} onDone={done} />
      )}
    </ApprovalContext.Provider>
  );
}

export function useManagerApproval(): ManagerApproval {
  const context = useContext(ApprovalContext);
  if (!context) throw new Error('useManagerApproval needs an ApprovalProvider above it');
  return context;
}
