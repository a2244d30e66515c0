import { useCallback, useEffect, useMemo, useState } from 'react';
import { map } from 'rxjs';
import type { CashierRow, PosDatabase, SettingsRow, ShiftEventRow } from '../../sync/collections';
import type { DevicePairing } from '../../sync/device-pairing';
import { currentShiftId } from '../../sync/device-documents';
import { useT } from '../i18n';
import { useObservable } from '../use-observable';
import type { Session, SessionCashier } from './session-context';
import { shellMessages } from './shell-messages';

const CASHIER_KEY = 'ecomarket.cashier';

function loadCashier(): SessionCashier | null {
  try {
    const raw = sessionStorage.getItem(CASHIER_KEY);
    return raw ? (JSON.parse(raw) as SessionCashier) : null;
  } catch {
    return null;
  }
}

export interface PosSession extends Session {
  /** The branch's active cashiers, as pulled (with PIN hashes, for offline sign-in). */
  cashiers: CashierRow[];
  /** A PIN is needed: the branch has cashiers and nobody is signed in. */
  locked: boolean;
  signIn: (cashier: SessionCashier) => void;
  lock: () => void;
  shiftEvents: ShiftEventRow[];
}

/** Who is signed in (kept for the tab's life), the shift this device has open, the branch settings. */
export function usePosSession(db: PosDatabase, pairing: DevicePairing): PosSession {
  const cashiers$ = useMemo(
    () =>
      db.cashiers.find().$.pipe(
        map((docs) =>
          docs
            .map((d) => d.toJSON() as CashierRow)
            .filter((c) => c.active)
            .sort((a, b) => a.name.localeCompare(b.name)),
        ),
      ),
    [db],
  );
  const settings$ = useMemo(
    () => db.settings.findOne(pairing.branch.id).$.pipe(map((d) => (d ? (d.toJSON() as SettingsRow) : null))),
    [db, pairing],
  );
  const events$ = useMemo(
    () =>
      db.shiftevents
        .find({ selector: { deviceId: pairing.deviceId } })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as ShiftEventRow))),
    [db, pairing],
  );
  const cashiers = useObservable(cashiers$, [] as CashierRow[]);
  const settingsRow = useObservable(settings$, null);
  const shiftEvents = useObservable(events$, [] as ShiftEventRow[]);
  const [cashier, setCashier] = useState<SessionCashier | null>(loadCashier);
  const t = useT(shellMessages);
  const cashierName = cashier?.name ?? `${t('cashier')} ${pairing.deviceNumber}`;
  const author = useMemo(() => ({ cashierId: cashier?.id ?? null, cashierName }), [cashier, cashierName]);

  // A cashier deactivated on the server while signed in is signed out at the next pull.
  useEffect(() => {
    if (cashier && cashiers.length > 0 && !cashiers.some((c) => c.id === cashier.id)) setCashier(null);
  }, [cashier, cashiers]);

  const signIn = useCallback((c: SessionCashier) => {
    sessionStorage.setItem(CASHIER_KEY, JSON.stringify(c));
    setCashier(c);
  }, []);
  const lock = useCallback(() => {
    sessionStorage.removeItem(CASHIER_KEY);
    setCashier(null);
  }, []);

  const settings = useMemo(() => (settingsRow ? { ...settingsRow, _deleted: false } : null), [settingsRow]);
  return {
    cashier,
    shiftId: currentShiftId(shiftEvents, pairing.deviceId),
    settings,
    author,
    cashiers,
    locked: cashiers.length > 0 && cashier === null,
    signIn,
    lock,
    shiftEvents,
  };
}
