import type { Request, RequestHandler } from 'express';
import { CompiledQuery, type Transaction } from 'kysely';
import { BatchedWriter } from '../db/batched-writer';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { ApiError } from '../http/api-error';
import type { DeviceIdentity } from './device-identity';
import { sha256 } from './secrets';

const deviceKey = Symbol('device');
const LAST_SEEN_EVERY_MS = 60_000;

/** The device and branch columns requireDevice reads, by token hash. */
const byTokenHash = (db: Db, tokenHash: string) =>
  db
    .selectFrom('devices')
    .innerJoin('branches', 'branches.id', 'devices.branch_id')
    .select([
      'devices.id',
      'devices.number',
      'devices.branch_id',
      'devices.revoked_at',
      'devices.last_seen_at',
      'branches.location_id',
      'branches.receipt_prefix',
    ])
    .where('devices.token_hash', '=', tokenHash);
type DeviceRow = Awaited<ReturnType<ReturnType<typeof byTokenHash>['executeTakeFirstOrThrow']>>;

/**
 * The device look-up of every device request, built and compiled once: every request still reads
 * the row (a device revoked by anyone, anywhere, is refused at its next request), but building the
 * query anew each time cost more than running it (docs/benchmarks.md, issue 14).
 */
function deviceLookup(db: Db): (tokenHash: string) => Promise<DeviceRow | undefined> {
  const compiled = byTokenHash(db, '').compile();
  return async (tokenHash) => (await db.executeQuery<DeviceRow>(CompiledQuery.raw(compiled.sql, [tokenHash]))).rows[0];
}

/** Resolves `Authorization: Bearer <device token>` to the device, its branch and location. */
export function requireDevice(db: Db): RequestHandler {
  const lookup = deviceLookup(db);
  return async (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    // The scheme is case-insensitive (RFC 7235 section 2.1); the token is not.
    const match = /^[Bb][Ee][Aa][Rr][Ee][Rr] +([A-Za-z0-9_-]{20,100})$/.exec(header);
    if (!match?.[1])
      throw new ApiError('UNAUTHENTICATED', 'This device is not paired: pair it again with a code from the operator.');
    const row = await lookup(sha256(match[1]));
    if (!row)
      throw new ApiError('UNAUTHENTICATED', 'This device token is unknown: pair the device again with a new code.');
    if (row.revoked_at)
      throw new ApiError('UNAUTHENTICATED', 'This device was unpaired by a manager: pair it again with a new code.');
    await touchLastSeen(db, row.id, row.last_seen_at);
    const identity: DeviceIdentity = {
      deviceId: row.id,
      deviceNumber: Number(row.number),
      branchId: row.branch_id,
      locationId: row.location_id,
      receiptPrefix: row.receipt_prefix,
    };
    (req as unknown as Record<symbol, DeviceIdentity>)[deviceKey] = identity;
    next();
  };
}

/** last_seen_at for the console, written at most once a minute per device: no write on every call. */
async function touchLastSeen(db: Db, deviceId: string, lastSeenAt: string | null, now = new Date()): Promise<void> {
  if (lastSeenAt && now.getTime() - Date.parse(lastSeenAt) < LAST_SEEN_EVERY_MS) return;
  await lastSeenWriter(db).write(deviceId, now.toISOString());
}

/**
 * last_seen_at writes of one database, committed together (BatchedWriter): the writes asked in one
 * turn of the event loop, or while a batch commits, share a transaction. Tablets back from a time
 * offline (the reconnect storm: 500 within a second) each wrote their own autocommit update, on
 * SQLite an fsync on the event loop's thread each (300 at once: 2 s with the loop stopped on this
 * machine, docs/benchmarks.md, issue 14). The request waits for its commit, as before. Two writes of
 * one device waiting together write the later time; a batch's rows are updated in id order, so that
 * two instances' batches on PostgreSQL take the rows' locks in one order.
 */
export class LastSeenWriter {
  private readonly batches: BatchedWriter<Transaction<Database>, { deviceId: string; at: string }>;

  constructor(db: Db) {
    this.batches = new BatchedWriter({
      windowMs: 0,
      transaction: (work) => db.transaction().execute(work),
      write: (trx, { deviceId, at }) =>
        trx.updateTable('devices').set({ last_seen_at: at }).where('id', '=', deviceId).execute(),
      combine: (earlier, later) => (later.at > earlier.at ? later : earlier),
      order: (a, b) => (a.value.deviceId < b.value.deviceId ? -1 : a.value.deviceId > b.value.deviceId ? 1 : 0),
    });
  }

  write(deviceId: string, at: string): Promise<void> {
    return this.batches.write({ deviceId, at }, deviceId);
  }
}

const lastSeenWriters = new WeakMap<Db, LastSeenWriter>();

/** The one LastSeenWriter of a database (exported for its test). */
export function lastSeenWriter(db: Db): LastSeenWriter {
  let writer = lastSeenWriters.get(db);
  if (!writer) lastSeenWriters.set(db, (writer = new LastSeenWriter(db)));
  return writer;
}

/** Whether the device is still paired: it exists and was not revoked (what requireDevice checks, asked again later, e.g. by a long-lived stream). */
export async function isStillPaired(db: Db, deviceId: string): Promise<boolean> {
  const row = await db.selectFrom('devices').select('revoked_at').where('id', '=', deviceId).executeTakeFirst();
  return !!row && !row.revoked_at;
}

export function deviceOf(req: Request): DeviceIdentity {
  const identity = (req as unknown as Record<symbol, DeviceIdentity | undefined>)[deviceKey];
  if (!identity) throw new Error('deviceOf() used on a route without requireDevice');
  return identity;
}
