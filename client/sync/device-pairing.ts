import { pairResponseSchema, type PairResponse } from '../../shared/protocol';
import type { PosDatabase } from './collections';
import { readApiError } from './api-client';

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
): Promise<DevicePairing> {
  const res = await fetchImpl(`${baseUrl}/api/devices/pair`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName }),
  });
  if (!res.ok) throw await readApiError(res);
  const pairing = pairResponseSchema.parse(await res.json());
  await db.upsertLocal(PAIRING_DOC, pairing);
  return pairing;
}
