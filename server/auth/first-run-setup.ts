import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import { createManagerAccount } from './manager-accounts';
import { newPairingCode, normalizePairingCode, sha256 } from './secrets';

/** A printed setup code works this long; `setup-code` prints a new one after that. */
const SETUP_CODE_TTL_HOURS = 24;

const WRONG_CODE =
  'This setup code is wrong, already used or expired. Use the code the server printed when it started, or print a new one with: npm run ecomarket -- setup-code';

/** True when an enabled administrator exists (then first-run setup is over). */
export async function hasAdministrator(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('managers')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** 12 characters in three groups of four, from the pairing codes' alphabet (no 0/O, 1/I/L). */
function newSetupCode(): string {
  return `${newPairingCode()}-${newPairingCode().slice(0, 4)}`;
}

/**
 * A new one-time setup code (only its hash is stored). Earlier codes keep working until they
 * expire: several server instances starting on one PostgreSQL database each print one. Refused
 * once an administrator exists: from then on administrators create accounts.
 */
export async function issueSetupCode(db: Db, now = new Date()): Promise<{ code: string; expiresAt: string }> {
  if (await hasAdministrator(db))
    throw new ApiError(
      'CONFLICT',
      'An administrator exists already, so there is no first-run setup; sign in to the console, or reset a password with: npm run ecomarket -- reset-password',
    );
  const code = newSetupCode();
  const expiresAt = new Date(now.getTime() + SETUP_CODE_TTL_HOURS * 3_600_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('setup_codes').where('expires_at', '<=', now.toISOString()).execute();
    await trx
      .insertInto('setup_codes')
      .values({
        code_hash: sha256(normalizePairingCode(code)),
        created_at: now.toISOString(),
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
  });
  return { code, expiresAt };
}

/** At start: a setup code to print when no administrator exists, else null. */
export async function setupCodeIfNeeded(db: Db, now = new Date()): Promise<{ code: string; expiresAt: string } | null> {
  return (await hasAdministrator(db)) ? null : issueSetupCode(db, now);
}

/**
 * Spends the code and creates the first administrator. The code is spent first (a conditional
 * update), so two browsers racing with one code cannot both create one; a failure to create the
 * account (taken email, weak password) gives the code back.
 */
export async function completeSetup(
  db: Db,
  input: { code: string; email: string; name: string; password: string },
  now = new Date(),
): Promise<{ id: string }> {
  if (await hasAdministrator(db))
    throw new ApiError('CONFLICT', 'The console is set up already: sign in with an administrator account.');
  const codeHash = sha256(normalizePairingCode(input.code));
  const nowIso = now.toISOString();
  const spent = await db
    .updateTable('setup_codes')
    .set({ used_at: nowIso })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
  if ((spent.numUpdatedRows ?? 0n) === 0n) throw new ApiError('FORBIDDEN', WRONG_CODE);
  try {
    return await createManagerAccount(db, { ...input, role: 'admin' }, now);
  } catch (err) {
    await db.updateTable('setup_codes').set({ used_at: null }).where('code_hash', '=', codeHash).execute();
    throw err;
  }
}
