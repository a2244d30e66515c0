import { createContext, useContext } from 'react';
import type { PosDatabase } from '../../sync/collections';
import type { DevicePairing } from '../../sync/device-pairing';
import type { SyncLedger } from '../../sync/displayed-stock-view';
import type { PosStore } from '../../sync/pos-database';
import type { SyncEngine } from '../../sync/sync-engine';

/**
 * The paired tablet, the same for every screen of the shell: its database, its pairing (branch,
 * device number), its sync engine, the displayed stock and pending documents observed once, and
 * amounts written in the branch's currency and the cashier's language.
 */
export interface PosDevice {
  store: PosStore;
  db: PosDatabase;
  pairing: DevicePairing;
  engine: SyncEngine;
  ledger: SyncLedger;
  money: (cents: number) => string;
}

export const DeviceContext = createContext<PosDevice | null>(null);

/** The paired tablet; only screens inside the shell (App.tsx) ask, and the shell always provides it. */
export function useDevice(): PosDevice {
  const device = useContext(DeviceContext);
  if (!device) throw new Error('useDevice() outside the paired shell');
  return device;
}

/** An amount in the branch's currency, as the cashier reads it. */
export function useMoney(): (cents: number) => string {
  return useDevice().money;
}
