import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { hashPin, PIN_PATTERN } from '../../shared/auth/pin-hash';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import { SequenceAllocator } from '../ledger/server-sequence';

const pin = z.string().regex(PIN_PATTERN, 'The PIN has 4 to 8 digits.');
const name = z.string().trim().min(1, 'The cashier needs a name.').max(100);
const role = z.enum(['cashier', 'supervisor']);

export const cashierCreateSchema = z.object({ name, role: role.default('cashier'), pin }).strict();
export const cashierPatchSchema = z
  .object({ name, role, pin, active: z.boolean() })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Send at least one of name, role, pin, active.');

/** What the console sees of a cashier: never the PIN, nor its hash. */
export interface CashierSummary {
  id: string;
  branchId: string;
  name: string;
  role: 'cashier' | 'supervisor';
  active: boolean;
  updatedAt: string;
}

async function assertBranch(db: Pick<Db, 'selectFrom'>, branchId: string): Promise<void> {
  const found = await db.selectFrom('branches').select('id').where('id', '=', branchId).executeTakeFirst();
  if (!found) throw new ApiError('NOT_FOUND', `There is no branch ${branchId}; reload the branch list.`);
}

export async function listCashiers(db: Db, branchId: string): Promise<CashierSummary[]> {
  await assertBranch(db, branchId);
  const rows = await db
    .selectFrom('cashiers')
    .selectAll()
    .where('branch_id', '=', branchId)
    .where('deleted', '=', 0)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    branchId: r.branch_id,
    name: r.name,
    role: r.role,
    active: Number(r.active) === 1,
    updatedAt: r.updated_at,
  }));
}

/** The PIN is hashed before the transaction: PBKDF2 is slow on purpose and must not hold the sequence lock. */
export async function createCashier(
  db: Db,
  branchId: string,
  input: z.infer<typeof cashierCreateSchema>,
  now = new Date().toISOString(),
): Promise<{ cashier: CashierSummary; seq: number }> {
  await assertBranch(db, branchId);
  const hash = await hashPin(input.pin);
  const id = uuidv7();
  const seq = await db.transaction().execute(async (trx) => {
    const s = await SequenceAllocator.lock(trx);
    const n = s.next();
    await trx
      .insertInto('cashiers')
      .values({
        id,
        branch_id: branchId,
        name: input.name,
        role: input.role,
        pin_hash: hash.pinHash,
        pin_salt: hash.pinSalt,
        pin_iterations: hash.pinIterations,
        active: 1,
        deleted: 0,
        seq: n,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await s.save();
    return n;
  });
  return { cashier: { id, branchId, name: input.name, role: input.role, active: true, updatedAt: now }, seq };
}

export async function patchCashier(
  db: Db,
  branchId: string,
  cashierId: string,
  patch: z.infer<typeof cashierPatchSchema>,
  now = new Date().toISOString(),
): Promise<{ cashier: CashierSummary; seq: number }> {
  const hash = patch.pin === undefined ? null : await hashPin(patch.pin);
  return db.transaction().execute(async (trx) => {
    const s = await SequenceAllocator.lock(trx);
    const row = await trx
      .selectFrom('cashiers')
      .selectAll()
      .where('id', '=', cashierId)
      .where('branch_id', '=', branchId)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    if (!row)
      throw new ApiError('NOT_FOUND', `Branch ${branchId} has no cashier ${cashierId}; reload the cashier list.`);
    const n = s.next();
    const next = {
      name: patch.name ?? row.name,
      role: patch.role ?? row.role,
      active: patch.active === undefined ? Number(row.active) : patch.active ? 1 : 0,
      ...(hash ? { pin_hash: hash.pinHash, pin_salt: hash.pinSalt, pin_iterations: hash.pinIterations } : {}),
      seq: n,
      updated_at: now,
    };
    await trx.updateTable('cashiers').set(next).where('id', '=', cashierId).execute();
    await s.save();
    return {
      cashier: { id: cashierId, branchId, name: next.name, role: next.role, active: next.active === 1, updatedAt: now },
      seq: n,
    };
  });
}
