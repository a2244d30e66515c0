import type { Transaction } from 'kysely';
import { z } from 'zod';
import { timeZoneSchema, type BranchEdit } from '../../shared/console/fleet';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { ApiError } from '../http/api-error';
import { SequenceAllocator } from '../ledger/server-sequence';
import { onBranchTimeZone } from '../reports/report-settings';
import { branchSettings, saveBranchSettings, type BranchSettings, type BranchSettingsPatch } from './branch-settings';

export const branchCreateSchema = z
  .object({
    id: z
      .string()
      .trim()
      .regex(
        /^[a-z0-9][a-z0-9-]{1,62}$/,
        'A branch id has 2-63 lower-case letters, digits and dashes, like sucursal-002.',
      ),
    name: z.string().trim().min(1, 'The branch needs a name.').max(200),
    receiptPrefix: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{1,8}$/, 'The receipt prefix has 1-8 capital letters or digits, like 002.'),
    currency: z
      .string()
      .trim()
      .regex(/^[A-Z]{3}$/, 'The currency is a 3-letter ISO code, like USD or MXN.'),
    timeZone: timeZoneSchema.optional(),
  })
  .strict();

/** A new branch and its own stock location (same id), with default settings and its time zone. */
export async function createBranch(
  db: Db,
  input: z.infer<typeof branchCreateSchema>,
  now = new Date().toISOString(),
): Promise<BranchSettings> {
  await db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    const taken = await trx.selectFrom('locations').select('id').where('id', '=', input.id).executeTakeFirst();
    if (taken) throw new ApiError('CONFLICT', `There is already a branch or location ${input.id}; choose another id.`);
    const prefix = await trx
      .selectFrom('branches')
      .select('id')
      .where('receipt_prefix', '=', input.receiptPrefix)
      .executeTakeFirst();
    if (prefix)
      throw new ApiError(
        'CONFLICT',
        `Receipt prefix ${input.receiptPrefix} is used by branch ${prefix.id}; receipt numbers must be unique, choose another.`,
      );
    await trx.insertInto('locations').values({ id: input.id, name: input.name, kind: 'branch' }).execute();
    await trx
      .insertInto('branches')
      .values({
        id: input.id,
        name: input.name,
        location_id: input.id,
        receipt_prefix: input.receiptPrefix,
        currency: input.currency,
        created_at: now,
      })
      .execute();
    const settings = (await branchSettings(trx, input.id))!;
    await saveBranchSettings(trx, { ...settings, timeZone: input.timeZone ?? settings.timeZone }, seq.next(), now);
    await seq.save();
  });
  return (await branchSettings(db, input.id))!;
}

/**
 * Changes a branch (name, currency, time zone) and some of its settings with a new sequence, so
 * its devices pull them (SPEC S5: the settings document carries the name and currency too).
 */
export async function patchBranchSettings(
  db: Db,
  branchId: string,
  patch: BranchSettingsPatch | BranchEdit,
  now = new Date().toISOString(),
): Promise<BranchSettings> {
  return db.transaction().execute(async (trx: Transaction<Database>) => {
    const seq = await SequenceAllocator.lock(trx);
    const current = await branchSettings(trx, branchId);
    if (!current) throw new ApiError('NOT_FOUND', `There is no branch ${branchId}; reload the branch list.`);
    const next: BranchSettings = { ...current, ...patch, seq: seq.next() };
    if (next.name !== current.name || next.currency !== current.currency) {
      await trx
        .updateTable('branches')
        .set({ name: next.name, currency: next.currency })
        .where('id', '=', branchId)
        .execute();
      await trx.updateTable('locations').set({ name: next.name }).where('id', '=', current.locationId).execute();
    }
    await saveBranchSettings(trx, next, next.seq, now);
    await onBranchTimeZone(trx, branchId, current.timeZone, next.timeZone);
    await seq.save();
    return next;
  });
}

/**
 * A new sequence for the branch's settings document, whose figures changed elsewhere (the largest
 * cash difference is the reports' setting), so its devices pull it (SPEC S5). Returns the sequence.
 */
export async function bumpBranchSettings(trx: Transaction<Database>, branchId: string, now = new Date().toISOString()) {
  const seq = await SequenceAllocator.lock(trx);
  const current = await branchSettings(trx, branchId);
  if (!current) throw new ApiError('NOT_FOUND', `There is no branch ${branchId}; reload the branch list.`);
  const next = seq.next();
  await saveBranchSettings(trx, current, next, now);
  await seq.save();
  return next;
}
