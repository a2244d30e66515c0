import { useEffect, useRef, useState } from 'react';
import { askForUpdateCheck, onReplayedPushAnswer, replayQueuedSales } from './app-update';
import { storageStatus$ } from './device/storage-status';
import { INTL_LOCALE, useI18n, useT, type Messages } from './i18n';
import { RefusedSalesAlert } from './refused/RefusedSalesAlert';
import { useObservable } from './use-observable';
import { useDevice } from './session/device-context';

const messages: Messages<
  | 'documents'
  | 'region'
  | 'open'
  | 'half_open'
  | 'notPersisted'
  | 'catalogue'
  | 'catalogueOf'
  | 'catalogueDone'
  | 'others'
  | 'checkUpdate'
> = {
  es: {
    documents: '{count} documentos',
    region: 'Estado de sincronización',
    open: 'La oficina central no responde: se reintentará sola en unos segundos.',
    half_open: 'Reintentando la conexión con la oficina central…',
    notPersisted:
      'Este navegador podría borrar las ventas aún no enviadas si le falta espacio. Instale la aplicación en la pantalla de inicio y pida almacenamiento persistente en Dispositivo.',
    catalogue: 'Descargando catálogo: {count} productos',
    catalogueOf: 'Descargando catálogo: {count} de {total} productos',
    catalogueDone: 'Catálogo descargado',
    others: '+{count} otros documentos',
    checkUpdate: 'Buscar la actualización',
  },
  en: {
    documents: '{count} documents',
    region: 'Sync status',
    open: 'The central office is not answering: it will retry by itself in a few seconds.',
    half_open: 'Trying the central office again…',
    notPersisted:
      'This browser could delete sales not yet sent when short of space. Install the app on the home screen and ask for persistent storage under Device.',
    catalogue: 'Downloading the catalogue: {count} products',
    catalogueOf: 'Downloading the catalogue: {count} of {total} products',
    catalogueDone: 'Catalogue downloaded',
    others: '+{count} other documents',
    checkUpdate: 'Look for the update',
  },
};

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

/** How long the link may be down, with the network up, before the chip says so (a stream reconnecting). */
const LINK_GRACE_MS = 4000;

/**
 * Online as the cashier should see it: the network gone shows at once; the link to the centre
 * dropping while the network is up shows only if it stays down, so a reconnect does not flicker.
 */
function useSteadyOnline(linked: boolean, browserOnline: boolean): boolean {
  const [shown, setShown] = useState(linked);
  useEffect(() => {
    if (linked || !browserOnline) {
      setShown(linked);
      return;
    }
    const timer = setTimeout(() => setShown(false), LINK_GRACE_MS);
    return () => clearTimeout(timer);
  }, [linked, browserOnline]);
  return shown;
}

/** Always in view: network, what waits to be sent, last sync, a centre that does not answer, progress. */
export function SyncStatusBar() {
  const { engine, ledger, money } = useDevice();
  const { pending } = ledger;
  const { t, locale } = useI18n();
  const m = useT(messages);
  const browserOnline = useBrowserOnline();
  const link = useObservable(engine.link$, engine.link$.value);
  const outbox = useObservable(engine.outbox.state$, engine.outbox.state$.value);
  const breaker = useObservable(engine.breaker.state$, engine.breaker.state);
  const catalogue = useObservable(engine.catalogue$, engine.catalogue$.value);
  const online = useSteadyOnline(browserOnline && link.connected, browserOnline);
  const storage = useObservable(storageStatus$, storageStatus$.value);
  const n = (x: number) => x.toLocaleString(INTL_LOCALE[locale]);
  const catalogueText =
    catalogue.total === null
      ? m('catalogue', { count: n(catalogue.pulled) })
      : m('catalogueOf', { count: n(catalogue.pulled), total: n(catalogue.total) });

  const wasOnline = useRef(browserOnline);
  useEffect(() => {
    const cameBack = browserOnline && !wasOnline.current;
    wasOnline.current = browserOnline;
    if (!cameBack) return;
    // The network is back: have the service worker replay its queue, then sync from here too.
    replayQueuedSales();
    void engine.syncNow();
  }, [browserOnline, engine]);

  // A push the service worker replayed: its answer acknowledges the documents now (shift events
  // and counts have no pull that would tell).
  useEffect(() => onReplayedPushAnswer((body) => void engine.outbox.recordReplayedAnswer(body)), [engine]);

  const lastSync =
    outbox.lastSuccessAt && link.lastPullAt
      ? outbox.lastSuccessAt > link.lastPullAt
        ? outbox.lastSuccessAt
        : link.lastPullAt
      : (outbox.lastSuccessAt ?? link.lastPullAt);
  const salesPending = pending.salesCount ?? pending.count;
  const otherPending = pending.count - salesPending;

  return (
    <section className={online ? 'status online' : 'status offline'} aria-label={m('region')}>
      <span className="chip" role="status" data-testid="connection">
        {online ? t('online') : t('offline')}
      </span>
      <span data-testid="pending" className="pending">
        {pending.counting
          ? ''
          : pending.count === 0
            ? t('pendingNone')
            : salesPending === 0
              ? `${t('pending')}: ${m('documents', { count: otherPending })}`
              : `${t('pending')}: ${salesPending} (${money(pending.valueCents)})${otherPending > 0 ? ` ${m('others', { count: otherPending })}` : ''}`}
      </span>
      {breaker !== 'closed' && (
        <span className={`breaker ${breaker}`} data-testid="breaker">
          {m(breaker)}
        </span>
      )}
      {link.leader && !catalogue.done && (
        <span className="progress" data-testid="catalogue-progress">
          {/* Without a total (an older server) the bar is indeterminate. */}
          <progress
            aria-label={catalogueText}
            {...(catalogue.total === null
              ? {}
              : { max: catalogue.total, value: Math.min(catalogue.pulled, catalogue.total) })}
          />
          {catalogueText}
        </span>
      )}
      {outbox.draining && outbox.total > 1 && (
        <span className="progress" data-testid="drain-progress">
          <progress
            max={outbox.total}
            value={outbox.sent}
            aria-label={t('sending', { sent: n(outbox.sent), total: n(outbox.total) })}
          />
          {t('sending', { sent: n(outbox.sent), total: n(outbox.total) })}
        </span>
      )}
      <span className="last-sync">
        {t('lastSync')}: {lastSync ? new Date(lastSync).toLocaleTimeString(INTL_LOCALE[locale]) : t('never')}
      </span>
      <button type="button" className="ghost" onClick={() => void engine.syncNow()}>
        {t('syncNow')}
      </button>
      {!online && <p className="hint">{t('offlineHelp')}</p>}
      {storage.persisted === false && (
        <p className="warning" data-testid="storage-warning">
          {m('notPersisted')}
        </p>
      )}
      {pending.rejected > 0 && <RefusedSalesAlert count={pending.rejected} />}
      {outbox.outdated && (
        <p role="alert" className="error">
          {t('outdated')}{' '}
          <button type="button" onClick={() => void askForUpdateCheck()}>
            {m('checkUpdate')}
          </button>
        </p>
      )}
    </section>
  );
}
