import type { z } from 'zod';
import type { ManagerView, managerPatchSchema } from '../../shared/console/people';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import { disableManager, parseBranchIds } from './manager-accounts';
import { hashPassword, passwordProblem } from './manager-password';

type Row = Awaited<ReturnType<typeof managerRow>>;

async function managerRow(db: Db, id: string) {
  const row = await db
    .selectFrom('managers')
    .select(['id', 'email', 'name', 'role', 'branch_ids', 'disabled_at', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `There is no manager ${id}; reload the list.`);
  return row;
}

function viewOf(r: NonNullable<Row>): ManagerView {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    branchIds: parseBranchIds(r),
    disabled: r.disabled_at !== null,
    createdAt: r.created_at,
  };
}

/** Every manager by name (administrators' view); a branch filter keeps those who manage it (and administrators). */
export async function listManagers(
  db: Db,
  q: { branchId?: string; includeDisabled?: boolean },
): Promise<ManagerView[]> {
  let query = db
    .selectFrom('managers')
    .select(['id', 'email', 'name', 'role', 'branch_ids', 'disabled_at', 'created_at'])
    .orderBy('name')
    .orderBy('id');
  if (!q.includeDisabled) query = query.where('disabled_at', 'is', null);
  const views = (await query.execute()).map(viewOf);
  return q.branchId ? views.filter((m) => m.branchIds === 'all' || m.branchIds.includes(q.branchId!)) : views;
}

export async function managerView(db: Db, id: string): Promise<ManagerView> {
  return viewOf(await managerRow(db, id));
}

async function assertBranches(db: Db, ids: string[]): Promise<void> {
  const found = await db.selectFrom('branches').select('id').where('id', 'in', ids).execute();
  const missing = ids.filter((id) => !found.some((b) => b.id === id));
  if (missing.length) throw new ApiError('NOT_FOUND', `There is no branch ${missing.join(', ')}.`);
}

/** The last enabled administrator cannot be disabled: nobody could manage the chain from the console. */
async function assertNotLastAdmin(db: Db, id: string): Promise<void> {
  const admins = await db
    .selectFrom('managers')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .execute();
  if (admins.length === 1 && admins[0]!.id === id)
    throw new ApiError('CONFLICT', 'This is the only active administrator; create another administrator first.');
}

/** Name, branch scope (branch managers) or disabled (sessions end at once). */
export async function patchManager(
  db: Db,
  actorId: string,
  id: string,
  patch: z.infer<typeof managerPatchSchema>,
): Promise<ManagerView> {
  const row = await managerRow(db, id);
  if (patch.branchIds) {
    if (row.role === 'admin')
      throw new ApiError('BAD_REQUEST', 'An administrator manages every branch; branches are for branch managers.');
    await assertBranches(db, [...new Set(patch.branchIds)]);
  }
  if (patch.disabled === true) {
    if (id === actorId)
      throw new ApiError('CONFLICT', 'You cannot disable your own account; ask another administrator.');
    if (row.role === 'admin') await assertNotLastAdmin(db, id);
  }
  const set: { name?: string; branch_ids?: string; disabled_at?: null } = {};
  if (patch.name) set.name = patch.name;
  if (patch.branchIds) set.branch_ids = JSON.stringify([...new Set(patch.branchIds)]);
  if (patch.disabled === false) set.disabled_at = null;
  if (Object.keys(set).length) await db.updateTable('managers').set(set).where('id', '=', id).execute();
  if (patch.disabled === true && row.disabled_at === null) await disableManager(db, id);
  return managerView(db, id);
}

/** A new password set by an administrator; the manager's open sessions end. */
export async function resetPasswordById(db: Db, id: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new ApiError('BAD_REQUEST', problem);
  await managerRow(db, id);
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('managers').set({ password_hash: hash }).where('id', '=', id).execute();
    await trx.deleteFrom('manager_sessions').where('manager_id', '=', id).execute();
  });
}
