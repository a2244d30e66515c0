import type { CashierDoc } from '../../shared/protocol';
import type { Database } from '../db/schema';

type CashierRow = Database['cashiers'];

/** Only the slow salted hash travels; the PIN is never stored (shared/auth/pin-hash.ts). */
export function cashierDoc(r: CashierRow): CashierDoc {
  return {
    id: r.id,
    branchId: r.branch_id,
    name: r.name,
    role: r.role,
    pinHash: r.pin_hash,
    pinSalt: r.pin_salt,
    pinIterations: Number(r.pin_iterations),
    active: Number(r.active) === 1,
    _deleted: Number(r.deleted) === 1,
  };
}
