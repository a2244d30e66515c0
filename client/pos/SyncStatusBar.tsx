import { useEffect, useState } from 'react';
import type { PendingSummary } from '../sync/displayed-stock-view';
import type { SyncEngine } from '../sync/sync-engine';
import { replayQueuedSales } from './app-update';
import { INTL_LOCALE, useI18n } from './i18n';
import { useObservable } from './use-observable';

function useBrowserOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

export function SyncStatusBar({ engine, pending, money }: { engine: SyncEngine; pending: PendingSummary; money: (c: number) => string }) {
  const { t, locale } = useI18n();
  const browserOnline = useBrowserOnline();
  const link = useObservable(engine.link$, engine.link$.value);
  const outbox = useObservable(engine.outbox.state$, engine.outbox.state$.value);
  const online = browserOnline && link.connected;

  useEffect(() => {
    if (!browserOnline) return;
    // The network is back: have the service worker replay its queue, then sync from here too.
    replayQueuedSales();
    void engine.syncNow();
  }, [browserOnline, engine]);

  const lastSync = outbox.lastSuccessAt && link.lastPullAt ? (outbox.lastSuccessAt > link.lastPullAt ? outbox.lastSuccessAt : link.lastPullAt) : (outbox.lastSuccessAt ?? link.lastPullAt);

  return (
    <section className={online ? 'status online' : 'status offline'} aria-label="Estado de sincronización">
      <span className="chip" role="status" data-testid="connection">
        {online ? t('online') : t('offline')}
      </span>
      <span data-testid="pending" className="pending">
        {pending.count === 0 ? t('pendingNone') : `${t('pending')}: ${pending.count} (${money(pending.valueCents)})`}
      </span>
      {outbox.draining && outbox.total > 1 && (
        <span className="progress">
          <progress max={outbox.total} value={outbox.sent} aria-label={t('sending', { sent: outbox.sent, total: outbox.total })} />
          {t('sending', { sent: outbox.sent.toLocaleString(INTL_LOCALE[locale]), total: outbox.total.toLocaleString(INTL_LOCALE[locale]) })}
        </span>
      )}
      <span className="last-sync">
        {t('lastSync')}: {lastSync ? new Date(lastSync).toLocaleTimeString(INTL_LOCALE[locale]) : t('never')}
      </span>
      <button type="button" className="ghost" onClick={() => void engine.syncNow()}>
        {t('syncNow')}
      </button>
      {!online && <p className="hint">{t('offlineHelp')}</p>}
      {pending.rejected > 0 && (
        <p role="alert" className="error">
          {t('rejectedSales', { count: pending.rejected })}
        </p>
      )}
      {outbox.outdated && (
        <p role="alert" className="error">
          {t('outdated')}
        </p>
      )}
    </section>
  );
}
