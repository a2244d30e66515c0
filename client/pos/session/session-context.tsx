import { createContext, useContext } from 'react';
import type { BranchSettingsDoc } from '../../../shared/protocol';
import type { Author } from '../../sync/device-documents';

export interface SessionCashier {
  id: string;
  name: string;
  role: 'cashier' | 'supervisor';
}

/**
 * Who is at the till and in which shift. Every ticket, refund, count and shift event records
 * the cashier and shift from here; `settings` carries the branch's rules (allowOversell, idle lock).
 */
export interface Session {
  cashier: SessionCashier | null;
  shiftId: string | null;
  settings: BranchSettingsDoc | null;
  /** Who a ticket or shift event is recorded as: the cashier signed in, else the till ("Caja 2"). */
  author: Author;
}

export const SessionContext = createContext<Session>({
  cashier: null,
  shiftId: null,
  settings: null,
  author: { cashierId: null, cashierName: '' },
});

export function useSession(): Session {
  return useContext(SessionContext);
}
