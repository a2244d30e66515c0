import { pairResponseSchema, type PairResponse } from '../../shared/protocol';
import type { PosDatabase } from './collections';
import { readApiError } from './api-client';
import { DEFAULT_SYNC_TIMEOUTS, withDeadline } from './request-deadline';

const PAIRING_DOC = 'device-pairing';

export type DevicePairing = PairResponse;

/** The pairing lives in the device's own database: it survives reloads and works offline. */
export async function loadPairing(db: PosDatabase): Promise<DevicePairing | null> {
  const doc = await db.getLocal<DevicePairing>(PAIRING_DOC);
  return doc ? (doc.toJSON().data as DevicePairing) : null;
}

export async function pairThisDevice(
  db: PosDatabase,
  baseUrl: string,
  code: string,
  deviceName: string,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = DEFAULT_SYNC_TIMEOUTS.pairMs,
): Promise<DevicePairing> {
  // Bounded: a server that took the request and never answered would leave the cashier at a
  // spinning button for good; a timeout shows the same "needs the central office" as no network.
  const pairing = await withDeadline('POST /api/devices/pair', timeoutMs, async (signal) => {
    const res = await fetchImpl(`${baseUrl}/api/devices/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceName }),
      signal,
    });
    if (!res.ok) throw await readApiError(res);
    return pairResponseSchema.parse(await res.json());
  });
  await db.upsertLocal(PAIRING_DOC, pairing);
  return pairing;
}
