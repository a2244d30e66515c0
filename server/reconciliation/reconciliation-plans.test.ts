import type { Compilable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagerIdentity } from '../auth/manager-session';
import { migrateToLatest, openDatabase, type Db } from '../db/database';
import { itemsQuery } from './reconciliation-queries';

const admin: ManagerIdentity = { id: 'm-1', name: 'Ana', email: 'ana@x.test', role: 'admin', branchIds: 'all' };

/**
 * Each filter of the reconciliation list seeks in its own index, newest first, rather than
 * scanning the queue. SQLite picks plans by rule (no statistics), so this is the server's plan.
 */
describe('reconciliation list filters use their indexes on SQLite', () => {
  let db: Db;
  beforeAll(async () => {
    db = openDatabase({ kind: 'sqlite' });
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db.destroy();
  });

  const explain = async (query: Compilable | null) => {
    const compiled = query!.compile();
    const result = await db.executeQuery<{ detail: string }>({
      ...compiled,
      sql: `explain query plan ${compiled.sql}`,
    });
    return result.rows.map((r) => r.detail).join(' | ');
  };

  it.each([
    ['kind', { kind: 'price_mismatch' as const }, 'reconciliation_items_kind_seq (kind=?'],
    ['assignee', { assignedTo: 'm-2' }, 'reconciliation_items_assignee_seq (assigned_to=?'],
    ['nobody assigned', { assignedTo: 'nobody' }, 'reconciliation_items_assignee_seq (assigned_to=?'],
    ['state', { status: 'open' as const }, 'reconciliation_items_status_seq (status=?'],
    ['branch', { branchId: 'sucursal-001' }, 'reconciliation_items_branch_seq (branch_id=?'],
  ])('by %s', async (_name, filter, index) => {
    const detail = await explain(itemsQuery(db, admin, { ...filter, limit: 51, cursor: '90.x' }));
    expect(detail).toContain(`USING INDEX ${index}`);
    expect(detail).not.toContain('TEMP B-TREE');
  });
});
