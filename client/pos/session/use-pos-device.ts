import { useCallback, useMemo } from 'react';
import { formatMoney } from '../../../shared/money';
import type { DevicePairing } from '../../sync/device-pairing';
import { observeSyncLedger, type SyncLedger } from '../../sync/displayed-stock-view';
import type { PosStore } from '../../sync/pos-database';
import type { SyncEngine } from '../../sync/sync-engine';
import { INTL_LOCALE, useI18n } from '../i18n';
import { useObservable } from '../use-observable';
import type { PosDevice } from './device-context';

const NO_LEDGER_YET: SyncLedger = {
  stock: new Map(),
  levelSeq: new Map(),
  pending: { count: 0, salesCount: 0, valueCents: 0, rejected: 0, counting: true },
};

/** What the shell provides to every screen as the DeviceContext. */
export function usePosDevice(store: PosStore, pairing: DevicePairing, engine: SyncEngine): PosDevice {
  const { db } = store;
  const { locale } = useI18n();
  const ledger$ = useMemo(() => observeSyncLedger(db, pairing.branch.locationId, pairing.deviceId), [db, pairing]);
  const ledger = useObservable<SyncLedger>(ledger$, NO_LEDGER_YET);
  const money = useCallback(
    (cents: number) => formatMoney(cents, pairing.branch.currency, INTL_LOCALE[locale]),
    [pairing, locale],
  );
  return useMemo(() => ({ store, db, pairing, engine, ledger, money }), [store, db, pairing, engine, ledger, money]);
}
