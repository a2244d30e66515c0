import { v7 as uuidv7 } from 'uuid';
import type { PairResponse } from '../../shared/protocol';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import { newPairingCode, newToken, normalizePairingCode, sha256 } from './secrets';

/** Issues a one-time code for a branch; only its hash is stored. */
export async function issuePairingCode(
  db: Db,
  branchId: string,
  ttlMinutes: number,
  now = new Date(),
): Promise<{ code: string; expiresAt: string }> {
  const branch = await db.selectFrom('branches').select('id').where('id', '=', branchId).executeTakeFirst();
  if (!branch) throw new ApiError('NOT_FOUND', `There is no branch ${branchId}.`);
  const code = newPairingCode();
  const expiresAt = new Date(now.getTime() + ttlMinutes * 60_000).toISOString();
  await db
    .insertInto('pairing_codes')
    .values({
      code_hash: sha256(normalizePairingCode(code)),
      branch_id: branchId,
      expires_at: expiresAt,
      used_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  return { code, expiresAt };
}

/** Spends a pairing code: a new device of the code's branch with a token only it holds. */
export async function pairDevice(db: Db, code: string, deviceName: string, now = new Date()): Promise<PairResponse> {
  const codeHash = sha256(normalizePairingCode(code));
  const nowIso = now.toISOString();
  const token = newToken();
  return db.transaction().execute(async (trx) => {
    // Spending the code is the first write, so two tablets racing for one code cannot both win.
    const spent = await trx
      .updateTable('pairing_codes')
      .set({ used_at: nowIso })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', nowIso)
      .returning('branch_id')
      .executeTakeFirst();
    if (!spent) {
      throw new ApiError(
        'FORBIDDEN',
        'This pairing code is wrong, already used or expired. Ask the operator for a new one (npm run ecomarket -- pair <branch>).',
      );
    }
    // Lock the branch row (a no-op update) before numbering: on PostgreSQL two tablets pairing at
    // once with different codes would otherwise both read the same max and one would fail on
    // devices_branch_number. SQLite runs one write transaction at a time anyway.
    await trx
      .updateTable('branches')
      .set((eb) => ({ name: eb.ref('name') }))
      .where('id', '=', spent.branch_id)
      .execute();
    const branch = await trx
      .selectFrom('branches')
      .selectAll()
      .where('id', '=', spent.branch_id)
      .executeTakeFirstOrThrow();
    const last = await trx
      .selectFrom('devices')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('branch_id', '=', branch.id)
      .executeTakeFirst();
    const number = Number(last?.n ?? 0) + 1;
    const deviceId = uuidv7();
    await trx
      .insertInto('devices')
      .values({
        id: deviceId,
        branch_id: branch.id,
        number,
        name: deviceName,
        token_hash: sha256(token),
        created_at: nowIso,
        revoked_at: null,
        last_seen_at: null,
      })
      .execute();
    return {
      deviceId,
      deviceNumber: number,
      token,
      branch: {
        id: branch.id,
        name: branch.name,
        locationId: branch.location_id,
        receiptPrefix: branch.receipt_prefix,
        currency: branch.currency,
      },
    };
  });
}
