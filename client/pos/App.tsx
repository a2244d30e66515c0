import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { DevicePairing } from '../sync/device-pairing';
import type { PosStore } from '../sync/pos-database';
import { SyncEngine } from '../sync/sync-engine';
import { APP_VERSION } from './app-version';
import { ApprovalProvider } from './approval/approval-context';
import { LockScreen } from './cashier/LockScreen';
import { useIdleLock } from './cashier/use-idle-lock';
import { DeviceScreen } from './device/DeviceScreen';
import { readStorageStatus, requestPersistentStorage } from './device/storage-status';
import { LocaleContext, translator, useT, type Locale } from './i18n';
import { InventoryScreen } from './inventory/InventoryScreen';
import { PairScreen } from './PairScreen';
import { startExchange } from './exchange/start-exchange';
import { RefundDesk } from './refund/RefundDesk';
import { SessionContext } from './session/session-context';
import { shellMessages } from './session/shell-messages';
import { usePosDevice } from './session/use-pos-device';
import { usePosSession } from './session/use-pos-session';
import type { DraftStore } from './sell/draft-store';
import { SellScreen } from './sell/SellScreen';
import { useCheckout } from './sell/use-checkout';
import { OpenShiftGate } from './shift/OpenShiftGate';
import { ShiftScreen } from './shift/ShiftScreen';
import { SyncStatusBar } from './SyncStatusBar';
import { TopBar } from './TopBar';
import { UpdateBanner } from './UpdateBanner';
import { DeviceContext } from './session/device-context';
import './session/shell.css';

const LOCALE_KEY = 'ecomarket.locale';

export function App({
  store,
  drafts,
  initialPairing,
}: {
  store: PosStore;
  /** Where the cart being rung up is kept between taps. */
  drafts: DraftStore;
  initialPairing: DevicePairing | null;
}) {
  const { db } = store;
  const [pairing, setPairing] = useState(initialPairing);
  const [locale, setLocale] = useState<Locale>(() => (localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'es'));
  const i18n = useMemo(() => ({ locale, t: translator(locale), setLocale }), [locale]);

  useEffect(() => {
    localStorage.setItem(LOCALE_KEY, locale);
    document.documentElement.lang = locale;
  }, [locale]);

  // Made inside the effect, so React's StrictMode (mount, unmount, mount in development) gets a
  // fresh engine the second time instead of a stopped one.
  const [engine, setEngine] = useState<SyncEngine | null>(null);
  useEffect(() => {
    if (!pairing) return;
    const e = new SyncEngine({
      db,
      pairing,
      baseUrl: window.location.origin,
      appVersion: APP_VERSION,
      storageStatus: readStorageStatus,
      browserOnline: () => navigator.onLine,
    });
    setEngine(e);
    void e.start();
    return () => {
      void e.stop();
      setEngine(null);
    };
  }, [db, pairing]);

  useEffect(() => {
    // Unsynced sales live in IndexedDB: ask the browser not to evict it (shown on the device screen).
    void requestPersistentStorage();
  }, []);

  return (
    <LocaleContext.Provider value={i18n}>
      {pairing ? (
        engine && <Shell store={store} drafts={drafts} pairing={pairing} engine={engine} />
      ) : (
        <PairScreen db={db} onPaired={setPairing} />
      )}
    </LocaleContext.Provider>
  );
}

type Tab = 'sell' | 'tickets' | 'refund' | 'inventory' | 'shift' | 'device';
const TABS: Tab[] = ['sell', 'tickets', 'refund', 'inventory', 'shift', 'device'];

// Not needed to sell: loaded the first time the section opens (and precached for offline use).
const TicketHistory = lazy(() => import('./history/TicketHistory'));

function Shell({
  store,
  drafts,
  pairing,
  engine,
}: {
  store: PosStore;
  drafts: DraftStore;
  pairing: DevicePairing;
  engine: SyncEngine;
}) {
  const t = useT(shellMessages);
  const checkout = useCheckout(store, drafts, pairing);
  const device = usePosDevice(store, pairing, engine);
  const session = usePosSession(store.db, pairing);
  const [tab, setTab] = useState<Tab>('sell');
  const [refundOf, setRefundOf] = useState<{ code: string; at: number } | null>(null);
  const { lock } = session;
  const canLock = session.cashiers.length > 0 && session.cashier !== null;
  useIdleLock(session.settings?.idleLockSeconds ?? null, canLock, lock);

  // The branch sells only with a shift open (cash control): the sell tab asks to open one first.
  const needsShift = session.settings?.requireOpenShift === true && session.shiftId === null;
  const context = useMemo(
    () => ({ cashier: session.cashier, shiftId: session.shiftId, settings: session.settings, author: session.author }),
    [session.cashier, session.shiftId, session.settings, session.author],
  );

  return (
    <DeviceContext.Provider value={device}>
      <SessionContext.Provider value={context}>
        <ApprovalProvider cashiers={session.cashiers} requesterId={session.cashier?.id ?? null}>
          <div className="shell" inert={session.locked}>
            <div className="shell-content">
              {tab === 'sell' && !needsShift ? (
                <SellScreen checkout={checkout} />
              ) : (
                <div className="shell-page">
                  <TopBar />
                  <SyncStatusBar />
                  <UpdateBanner cartEmpty={checkout.cart.lines.length === 0 && checkout.stage.kind !== 'payment'} />
                  {tab === 'sell' && <OpenShiftGate />}
                  {tab === 'tickets' && (
                    <Suspense fallback={null}>
                      <TicketHistory
                        onRefund={(code) => {
                          setRefundOf({ code, at: Date.now() });
                          setTab('refund');
                        }}
                      />
                    </Suspense>
                  )}
                  {tab === 'refund' && (
                    <RefundDesk
                      initial={refundOf}
                      onExchange={(original, returned) => startExchange(checkout, original, returned) && setTab('sell')}
                    />
                  )}
                  {tab === 'inventory' && <InventoryScreen />}
                  {tab === 'shift' && <ShiftScreen events={session.shiftEvents} />}
                  {tab === 'device' && <DeviceScreen />}
                </div>
              )}
            </div>
            <nav className="tabbar" aria-label={t('nav')}>
              {TABS.map((x) => (
                <button
                  key={x}
                  type="button"
                  aria-current={tab === x ? 'page' : undefined}
                  onClick={() => {
                    setRefundOf(null);
                    setTab(x);
                  }}
                >
                  {t(x)}
                  {x === 'shift' && !session.shiftId && <small> ({t('noShift')})</small>}
                </button>
              ))}
              {canLock && (
                <button
                  type="button"
                  className="lock-button"
                  aria-label={t('lockNamed', { name: session.author.cashierName })}
                  onClick={lock}
                >
                  {t('lock')}
                </button>
              )}
            </nav>
          </div>
          {session.locked && <LockScreen cashiers={session.cashiers} onSignIn={session.signIn} />}
        </ApprovalProvider>
      </SessionContext.Provider>
    </DeviceContext.Provider>
  );
}
