import type { Transaction } from 'kysely';
import { read, type Read } from '../db/read-batch';
import type { Database } from '../db/schema';
import { DEFAULT_TIME_ZONE } from '../reports/report-settings';
import type { ApprovalPolicy } from './approval-policy';

interface BranchFacts {
  currency?: string;
  maxDiscountBp: number;
  timeZone: string;
  supervisors: Set<string>;
}

/**
 * What a push's checks and summaries need of its branch (its currency, approval policy and time
 * zone), read once per group commit (its GroupScope memo) and together with the push's other reads
 * (read-batch.ts): three statements that were three round trips of the group's first push on
 * PostgreSQL. Nothing changes them while the group holds the sequence lock (a settings, branch or
 * cashier change takes it too), and it only reads, so a work rolled back to its savepoint leaves
 * nothing wrong in it.
 */
export class BranchReads {
  private readonly branches = new Map<string, BranchFacts>();

  /** The reads of a branch not read yet in this group. */
  reads(trx: Transaction<Database>, branchId: string): Read<unknown>[] {
    if (this.branches.has(branchId)) return [];
    const facts: BranchFacts = { maxDiscountBp: 10000, timeZone: DEFAULT_TIME_ZONE, supervisors: new Set() };
    return [
      read(trx.selectFrom('branches').select('currency').where('id', '=', branchId), (rows) => {
        facts.currency = rows[0]?.currency;
      }),
      read(
        trx.selectFrom('branch_settings').select(['max_discount_bp', 'time_zone']).where('branch_id', '=', branchId),
        (rows) => {
          if (rows[0]?.max_discount_bp != null) facts.maxDiscountBp = Number(rows[0].max_discount_bp);
          if (rows[0]?.time_zone) facts.timeZone = rows[0].time_zone;
        },
      ),
      read(
        trx.selectFrom('cashiers').select('id').where('branch_id', '=', branchId).where('role', '=', 'supervisor'),
        (rows) => {
          for (const r of rows) facts.supervisors.add(r.id);
          // Kept once all three are in: a read that failed (its work rolled back) is made again.
          this.branches.set(branchId, facts);
        },
      ),
    ];
  }

  private of(branchId: string): BranchFacts {
    const facts = this.branches.get(branchId);
    if (!facts) throw new Error(`BranchReads: branch ${branchId} was not read`);
    return facts;
  }

  /** The branch's currency; throws when there is no such branch (a device's branch always exists). */
  currency(branchId: string): string {
    const { currency } = this.of(branchId);
    if (currency === undefined) throw new Error(`BranchReads: no branch ${branchId}`);
    return currency;
  }

  /** The branch's discount limit (10,000 bp when unset) and its supervisors, active or not. */
  approvalPolicy(branchId: string): ApprovalPolicy {
    const { maxDiscountBp, supervisors } = this.of(branchId);
    return { maxDiscountBp, supervisors };
  }

  /** As timeZones (report-settings.ts) reads it. */
  timeZone(branchId: string): string {
    return this.of(branchId).timeZone;
  }
}
