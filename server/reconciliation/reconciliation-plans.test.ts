import { describe, expect, it } from 'vitest';
import type { ManagerIdentity } from '../auth/manager-session';
import { useSqlitePlans } from '../test/sqlite-plans';
import { itemsQuery } from './reconciliation-queries';

const admin: ManagerIdentity = { id: 'm-1', name: 'Ana', email: 'ana@x.test', role: 'admin', branchIds: 'all' };

/**
 * Each filter of the reconciliation list seeks in its own index, newest first, rather than
 * scanning the queue. SQLite picks plans by rule (no statistics), so this is the server's plan.
 */
describe('reconciliation list filters use their indexes on SQLite', () => {
  const { db, explain } = useSqlitePlans();

  it.each([
    ['kind', { kind: 'price_mismatch' as const }, 'reconciliation_items_kind_seq (kind=?'],
    ['assignee', { assignedTo: 'm-2' }, 'reconciliation_items_assignee_seq (assigned_to=?'],
    ['nobody assigned', { assignedTo: 'nobody' }, 'reconciliation_items_assignee_seq (assigned_to=?'],
    ['state', { status: 'open' as const }, 'reconciliation_items_status_seq (status=?'],
    ['branch', { branchId: 'sucursal-001' }, 'reconciliation_items_branch_seq (branch_id=?'],
  ])('by %s', async (_name, filter, index) => {
    const detail = await explain(itemsQuery(db(), admin, { ...filter, limit: 51, cursor: '90.x' })!);
    expect(detail).toContain(`USING INDEX ${index}`);
    expect(detail).not.toContain('TEMP B-TREE');
  });
});
