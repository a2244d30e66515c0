import { v7 as uuidv7 } from 'uuid';
import type { ManagerRole } from '../../shared/console/manager-session';
import type { Db } from '../db/database';
import type { AuthTables } from '../db/schema-auth';
import { ApiError } from '../http/api-error';
import { hashPassword, passwordProblem } from './manager-password';

export interface NewManager {
  email: string;
  name: string;
  role: ManagerRole;
  /** Required (one or more) for a branch manager; ignored for an admin. */
  branchIds?: readonly string[];
  password: string;
}

/** Creates a manager account; refuses weak passwords, unknown branches and a taken email. */
export async function createManagerAccount(db: Db, input: NewManager, now = new Date()): Promise<{ id: string }> {
  const problem = passwordProblem(input.password);
  if (problem) throw new ApiError('BAD_REQUEST', problem);
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new ApiError('BAD_REQUEST', `"${input.email}" is not an email address.`);
  if (!input.name.trim()) throw new ApiError('BAD_REQUEST', 'The manager needs a name.');
  let branchIds: string | null = null;
  if (input.role === 'branch_manager') {
    const ids = [...new Set(input.branchIds ?? [])];
    if (ids.length === 0) throw new ApiError('BAD_REQUEST', 'A branch manager needs at least one branch.');
    const found = await db.selectFrom('branches').select('id').where('id', 'in', ids).execute();
    const missing = ids.filter((id) => !found.some((b) => b.id === id));
    if (missing.length) throw new ApiError('NOT_FOUND', `There is no branch ${missing.join(', ')}.`);
    branchIds = JSON.stringify(ids);
  }
  const taken = await db.selectFrom('managers').select('id').where('email', '=', email).executeTakeFirst();
  if (taken) throw new ApiError('CONFLICT', `There is already a manager with the email ${email}.`);
  const id = uuidv7();
  await db
    .insertInto('managers')
    .values({
      id,
      email,
      name: input.name.trim(),
      role: input.role,
      branch_ids: branchIds,
      password_hash: await hashPassword(input.password),
      created_at: now.toISOString(),
      disabled_at: null,
    })
    .execute();
  return { id };
}

/** Disables an account and ends its sessions at once. */
export async function disableManager(db: Db, managerId: string, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('managers').set({ disabled_at: now.toISOString() }).where('id', '=', managerId).execute();
    await trx.deleteFrom('manager_sessions').where('manager_id', '=', managerId).execute();
  });
}

export function parseBranchIds(row: Pick<AuthTables['managers'], 'role' | 'branch_ids'>): string[] | 'all' {
  if (row.role === 'admin') return 'all';
  const ids: unknown = row.branch_ids ? JSON.parse(row.branch_ids) : [];
  return Array.isArray(ids) ? ids.filter((v): v is string => typeof v === 'string') : [];
}

async function managerIdByEmail(db: Db, email: string): Promise<string> {
  const row = await db
    .selectFrom('managers')
    .select('id')
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `There is no manager with the email ${email.trim().toLowerCase()}.`);
  return row.id;
}

/** A new password; the manager's open sessions end (someone else may have held the old one). */
export async function resetManagerPassword(db: Db, email: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new ApiError('BAD_REQUEST', problem);
  const id = await managerIdByEmail(db, email);
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('managers').set({ password_hash: hash }).where('id', '=', id).execute();
    await trx.deleteFrom('manager_sessions').where('manager_id', '=', id).execute();
  });
}

/** Disables (sessions end at once) or enables again an account, by email. */
export async function setManagerDisabled(db: Db, email: string, disabled: boolean, now = new Date()): Promise<void> {
  const id = await managerIdByEmail(db, email);
  if (disabled) await disableManager(db, id, now);
  else await db.updateTable('managers').set({ disabled_at: null }).where('id', '=', id).execute();
}
