import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { ApiError } from '../http/api-error';
import { newToken, sha256 } from '../auth/secrets';

/** What a valid legacy key grants: one branch, at its location, selling as the key's pseudo-device. */
export interface LegacyKeyIdentity {
  keyId: string;
  branchId: string;
  locationId: string;
  deviceId: string;
  deviceNumber: number;
  receiptPrefix: string;
  currency: string;
}

export interface LegacyKeyRow {
  id: string;
  branchId: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
  notifications: number;
}

const PREFIX_LENGTH = 8;
const KEY_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * Issues a key for one branch; only its hash is stored, the key is returned once. Its sales are
 * recorded under a pseudo-device of the branch (numbered like a paired tablet, with no token that
 * can sign in), so they get receipt numbers from their own sequence and pull like any sale.
 */
export async function issueLegacyKey(
  db: Db,
  branchId: string,
  now = new Date(),
): Promise<{ id: string; key: string; prefix: string }> {
  const key = newToken();
  const id = uuidv7();
  const nowIso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    // Lock the branch row before numbering, as pairing does, so a tablet pairing at once cannot take the same number.
    const locked = await trx
      .updateTable('branches')
      .set((eb) => ({ name: eb.ref('name') }))
      .where('id', '=', branchId)
      .executeTakeFirst();
    if (Number(locked.numUpdatedRows) === 0)
      throw new ApiError('NOT_FOUND', `There is no branch ${branchId}; see the branch ids in the console.`);
    const last = await trx
      .selectFrom('devices')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('branch_id', '=', branchId)
      .executeTakeFirst();
    const deviceId = `legacy-${id}`;
    await trx
      .insertInto('devices')
      .values({
        id: deviceId,
        branch_id: branchId,
        number: Number(last?.n ?? 0) + 1,
        name: `Legacy API (key ${key.slice(0, PREFIX_LENGTH)}…)`,
        // Not a sha256 of any token: no bearer token can ever resolve to this device.
        token_hash: `legacy-key:${id}`,
        created_at: nowIso,
        revoked_at: null,
        last_seen_at: null,
      })
      .execute();
    await trx
      .insertInto('legacy_keys')
      .values({
        id,
        branch_id: branchId,
        device_id: deviceId,
        key_hash: sha256(key),
        key_prefix: key.slice(0, PREFIX_LENGTH),
        last_seq: 0,
        created_at: nowIso,
        revoked_at: null,
      })
      .execute();
  });
  return { id, key, prefix: key.slice(0, PREFIX_LENGTH) };
}

/** Revokes by id or by the key's first characters (at least 4, and matching one key only). */
export async function revokeLegacyKey(db: Db, idOrPrefix: string, now = new Date()): Promise<LegacyKeyRow> {
  const needle = idOrPrefix.trim();
  if (needle.length < 4)
    throw new ApiError(
      'BAD_REQUEST',
      'Give the key id or at least the first 4 characters of the key (see `legacy-key list`).',
    );
  let exact = await db.selectFrom('legacy_keys').select('id').where('id', '=', needle).execute();
  if (exact.length === 0 && KEY_SHAPE.test(needle))
    exact = await db.selectFrom('legacy_keys').select('id').where('key_hash', '=', sha256(needle)).execute();
  if (exact.length === 0) {
    const candidates = await db.selectFrom('legacy_keys').select(['id', 'key_prefix']).execute();
    const head = needle.slice(0, PREFIX_LENGTH);
    exact = candidates.filter((k) => k.key_prefix.startsWith(head));
  }
  if (exact.length === 0)
    throw new ApiError('NOT_FOUND', `No legacy key has id or prefix "${needle}"; see \`legacy-key list\`.`);
  if (exact.length > 1)
    throw new ApiError(
      'CONFLICT',
      `${exact.length} legacy keys start with "${needle}"; give more characters or the key id.`,
    );
  const id = exact[0]!.id;
  const nowIso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const key = await trx
      .selectFrom('legacy_keys')
      .select(['device_id', 'revoked_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (key.revoked_at) return;
    await trx.updateTable('legacy_keys').set({ revoked_at: nowIso }).where('id', '=', id).execute();
    await trx.updateTable('devices').set({ revoked_at: nowIso }).where('id', '=', key.device_id).execute();
  });
  const row = (await listLegacyKeys(db)).find((k) => k.id === id);
  return row!;
}

async function listLegacyKeys(db: Db): Promise<LegacyKeyRow[]> {
  const rows = await db
    .selectFrom('legacy_keys')
    .leftJoin('legacy_notifications', 'legacy_notifications.key_id', 'legacy_keys.id')
    .select((eb) => [
      'legacy_keys.id',
      'legacy_keys.branch_id',
      'legacy_keys.key_prefix',
      'legacy_keys.created_at',
      'legacy_keys.revoked_at',
      eb.fn.count('legacy_notifications.id').as('n'),
    ])
    .groupBy([
      'legacy_keys.id',
      'legacy_keys.branch_id',
      'legacy_keys.key_prefix',
      'legacy_keys.created_at',
      'legacy_keys.revoked_at',
    ])
    .orderBy('legacy_keys.created_at')
    .orderBy('legacy_keys.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    branchId: r.branch_id,
    prefix: r.key_prefix,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    notifications: Number(r.n),
  }));
}

/**
 * Hashes of the keys seen lately: the prototype sends its key with every sale, and hashing it
 * each time was a measurable part of the request (bench:server). Only the hash is remembered
 * here; whether the key is valid is read from the database each time (revocation).
 */
const recentHashes = new Map<string, string>();

/** The stored hash of a key from a URL, or null when the text cannot be a key at all. */
export function legacyKeyHash(key: string): string | null {
  let hash = recentHashes.get(key);
  if (hash !== undefined) return hash;
  if (!KEY_SHAPE.test(key)) return null;
  hash = sha256(key);
  if (recentHashes.size >= 256) recentHashes.clear();
  recentHashes.set(key, hash);
  return hash;
}

/**
 * The branch the key with this hash grants, or null when no key has it or it is revoked. Read
 * inside a transaction (a batch of sale notifications reads it in its own), a revocation
 * committed before it is seen at once, on every instance.
 */
export async function readLegacyKey(db: Kysely<Database>, keyHash: string): Promise<LegacyKeyIdentity | null> {
  const row = await db
    .selectFrom('legacy_keys')
    .innerJoin('branches', 'branches.id', 'legacy_keys.branch_id')
    .innerJoin('devices', 'devices.id', 'legacy_keys.device_id')
    .select([
      'legacy_keys.id',
      'legacy_keys.branch_id',
      'legacy_keys.device_id',
      'devices.number',
      'branches.location_id',
      'branches.receipt_prefix',
      'branches.currency',
    ])
    .where('legacy_keys.key_hash', '=', keyHash)
    .where('legacy_keys.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    keyId: row.id,
    branchId: row.branch_id,
    locationId: row.location_id,
    deviceId: row.device_id,
    deviceNumber: Number(row.number),
    receiptPrefix: row.receipt_prefix,
    currency: row.currency,
  };
}

/** The branch a key from a URL grants, or null for anything else: unknown, revoked or malformed. */
export async function resolveLegacyKey(db: Db, key: string): Promise<LegacyKeyIdentity | null> {
  const keyHash = legacyKeyHash(key);
  return keyHash ? readLegacyKey(db, keyHash) : null;
}

/** The operator command `legacy-key issue|revoke|list`; returns the exit code. */
export async function runLegacyKeyCommand(
  db: Db,
  args: readonly string[],
  out: { log(line: string): void; error(line: string): void },
  publicUrl = 'http://<server>:8000',
): Promise<number> {
  const [action, arg] = args;
  try {
    switch (action) {
      case 'issue': {
        if (!arg) {
          out.error('legacy-key issue needs a branch id, e.g. npm run ecomarket -- legacy-key issue sucursal-001');
          return 1;
        }
        const issued = await issueLegacyKey(db, arg);
        out.log(
          `Legacy API key for ${arg} (id ${issued.id}):\n\n  ${issued.key}\n\nIt is shown only this once. Set the branch prototype's CENTRAL_API_URL to\n  ${publicUrl}/legacy/${issued.key}\nRevoke it with: npm run ecomarket -- legacy-key revoke ${issued.prefix.startsWith('-') ? issued.id : issued.prefix}`,
        );
        return 0;
      }
      case 'revoke': {
        if (!arg) {
          out.error('legacy-key revoke needs the key id or its first characters (see legacy-key list).');
          return 1;
        }
        const row = await revokeLegacyKey(db, arg);
        out.log(`Revoked legacy key ${row.prefix}… of ${row.branchId} (id ${row.id}); its URL now answers 404.`);
        return 0;
      }
      case 'list': {
        const rows = await listLegacyKeys(db);
        if (rows.length === 0) {
          out.log('No legacy API keys. Issue one with: npm run ecomarket -- legacy-key issue <branch-id>');
          return 0;
        }
        out.log(
          ['id'.padEnd(36), 'branch'.padEnd(16), 'key'.padEnd(11), 'created'.padEnd(24), 'sales', 'status'].join('  '),
        );
        for (const r of rows) {
          out.log(
            [
              r.id.padEnd(36),
              r.branchId.padEnd(16),
              `${r.prefix}…`.padEnd(11),
              r.createdAt.padEnd(24),
              String(r.notifications).padStart(5),
              r.revokedAt ? `revoked ${r.revokedAt}` : 'active',
            ].join('  '),
          );
        }
        return 0;
      }
      default:
        out.error('Usage: legacy-key issue <branch-id> | legacy-key revoke <key-prefix-or-id> | legacy-key list');
        return 1;
    }
  } catch (err) {
    out.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
}
