import type { ManagerIdentity } from '../auth/manager-session';
import { canManageBranch } from '../auth/manager-session';
import { ApiError } from '../http/api-error';
import type { ReportDb } from './report-db';
import { timeZones } from './report-settings';

export interface ScopedBranch {
  id: string;
  name: string;
  locationId: string;
  currency: string;
  timeZone: string;
}

/**
 * The branches a report covers: those named in `csv` (each must exist and be the manager's), or
 * every branch the manager manages. DESIGN invariant 8: a branch manager never reads another branch.
 */
export async function scopedBranches(db: ReportDb, manager: ManagerIdentity, csv?: string): Promise<ScopedBranch[]> {
  const asked = csv
    ? [
        ...new Set(
          csv
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ]
    : null;
  if (asked) {
    for (const id of asked)
      if (!canManageBranch(manager, id))
        throw new ApiError(
          'FORBIDDEN',
          `You do not manage branch ${id}; ask an administrator or that branch's manager.`,
        );
  }
  let q = db.selectFrom('branches').select(['id', 'name', 'location_id', 'currency']).orderBy('name').orderBy('id');
  if (asked) q = q.where('id', 'in', asked.length ? asked : ['']);
  else if (manager.branchIds !== 'all') q = q.where('id', 'in', manager.branchIds.length ? manager.branchIds : ['']);
  const rows = await q.execute();
  if (asked) {
    const found = new Set(rows.map((r) => r.id));
    const missing = asked.filter((id) => !found.has(id));
    if (missing.length)
      throw new ApiError('NOT_FOUND', `There is no branch ${missing.join(', ')}; pick branches from the list.`);
  }
  const zones = await timeZones(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    locationId: r.location_id,
    currency: r.currency,
    timeZone: zones.get(r.id)!,
  }));
}

/** The one currency of a set of branches; a report never adds up two currencies. */
export function singleCurrency(branches: readonly ScopedBranch[]): string {
  const currencies = [...new Set(branches.map((b) => b.currency))];
  if (currencies.length > 1)
    throw new ApiError(
      'BAD_REQUEST',
      `These branches sell in ${currencies.join(' and ')}; choose branches of one currency to add their sales up.`,
    );
  return currencies[0] ?? 'MXN';
}
