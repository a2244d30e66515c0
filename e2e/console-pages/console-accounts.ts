import { randomUUID } from 'node:crypto';
import { createManagerAccount } from '../../server/auth/manager-accounts';
import type { ServerDb } from '../server-db';

export interface ConsoleAccount {
  id: string;
  email: string;
  password: string;
  name: string;
}

/** A manager account in the e2e server's database (the specs share it, so every email is new). */
export async function createAccount(
  serverDb: ServerDb,
  role: 'admin' | 'branch_manager',
  name: string,
  branchIds: string[] = [],
): Promise<ConsoleAccount> {
  const email = `${role}-${randomUUID().slice(0, 8)}@ecomarket.test`;
  const password = `Verde-${randomUUID()}`;
  const { id } = await createManagerAccount(serverDb.db, { email, name, role, branchIds, password });
  return { id, email, password, name };
}

/** Ends every console session of a manager, as an expiry or a sign-out elsewhere would. */
export async function expireSessions(serverDb: ServerDb, managerId: string): Promise<void> {
  await serverDb.db
    .updateTable('manager_sessions')
    .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
    .where('manager_id', '=', managerId)
    .execute();
}
