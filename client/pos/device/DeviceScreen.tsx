import { useEffect, useRef, useState } from 'react';
import type { PosDatabase } from '../../sync/collections';
import type { DevicePairing } from '../../sync/device-pairing';
import type { PendingSummary } from '../../sync/displayed-stock-view';
import { countExported, exportQueue, importQueue, parseQueueFile, QueueImportError } from '../../sync/queue-export';
import type { SyncEngine } from '../../sync/sync-engine';
import { askForUpdateCheck } from '../app-update';
import { APP_VERSION } from '../app-version';
import { INTL_LOCALE, useI18n, useT } from '../i18n';
import { useObservable } from '../use-observable';
import { deviceMessages } from './device-messages';
import { formatBytes, readStorageStatus, requestPersistentStorage, storageStatus$ } from './storage-status';

/** Sync health, storage safety and queue recovery for this tablet. */
export function DeviceScreen({
  db,
  pairing,
  engine,
  pending,
  money,
}: {
  db: PosDatabase;
  pairing: DevicePairing;
  engine: SyncEngine;
  pending: PendingSummary;
  money: (c: number) => string;
}) {
  const t = useT(deviceMessages);
  const { locale } = useI18n();
  const breaker = useObservable(engine.breaker.state$, engine.breaker.state);
  const link = useObservable(engine.link$, engine.link$.value);
  const storage = useObservable(storageStatus$, storageStatus$.value);
  const [message, setMessage] = useState<{ text: string; alert: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void readStorageStatus();
  }, []);

  async function doExport() {
    const file = await exportQueue(engine.outbox, pairing);
    const name = `ecomarket-cola-${pairing.branch.id}-${pairing.deviceNumber}-${file.exportedAt.replace(/[:.]/g, '-')}.json`;
    const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setMessage({ text: t('exported', { count: countExported(file), file: name }), alert: false });
  }

  async function doImport(f: File) {
    setBusy(true);
    try {
      const file = parseQueueFile(await f.text(), pairing);
      const result = await importQueue(db, file);
      setMessage({ text: t('imported', { count: result.imported, already: result.alreadyHere }), alert: false });
      void engine.outbox.drain();
    } catch (err) {
      if (err instanceof QueueImportError) {
        const p = err.problem;
        setMessage({
          text:
            p.kind === 'other-branch'
              ? t('otherBranch', { branch: p.branchName })
              : p.kind === 'wrong-documents'
                ? t('wrongDocuments')
                : t('notQueueFile'),
          alert: true,
        });
      } else setMessage({ text: err instanceof Error ? err.message : String(err), alert: true });
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  const persistText =
    storage.persisted === true ? t('persistYes') : storage.persisted === false ? t('persistNo') : t('persistUnknown');
  return (
    <main className="screen device" aria-labelledby="device-title">
      <h1 id="device-title">{t('title')}</h1>
      {message && (
        <p role={message.alert ? 'alert' : 'status'} className={message.alert ? 'error' : 'notice ok'}>
          {message.text}
        </p>
      )}
      <div className="device-grid">
        <section className="card" aria-label={t('thisDevice')}>
          <h2>{t('thisDevice')}</h2>
          <dl className="report-rows">
            <div>
              <dt>{t('branch')}</dt>
              <dd>{pairing.branch.name}</dd>
            </div>
            <div>
              <dt>{t('number')}</dt>
              <dd>{pairing.deviceNumber}</dd>
            </div>
            <div>
              <dt>{t('version')}</dt>
              <dd>{APP_VERSION}</dd>
            </div>
          </dl>
          <button type="button" onClick={() => void askForUpdateCheck()}>
            {t('checkUpdate')}
          </button>
        </section>
        <section className="card" aria-label={t('sync')}>
          <h2>{t('sync')}</h2>
          <dl className="report-rows">
            <div>
              <dt>{t('breaker')}</dt>
              <dd data-testid="breaker-state">{t(`breaker_${breaker}`)}</dd>
            </div>
            <div>
              <dt>{t('leader')}</dt>
              <dd data-testid="leader">{link.leader ? t('leaderYes') : t('leaderNo')}</dd>
            </div>
            <div>
              <dt>{t('pending')}</dt>
              <dd data-testid="device-pending">
                {pending.count} ({money(pending.valueCents)})
              </dd>
            </div>
            <div>
              <dt>{t('rejected')}</dt>
              <dd>{pending.rejected}</dd>
            </div>
          </dl>
        </section>
        <section className="card" aria-label={t('storage')}>
          <h2>{t('storage')}</h2>
          <dl className="report-rows">
            <div>
              <dt>{t('used')}</dt>
              <dd data-testid="storage-used">
                {formatBytes(storage.usageBytes, INTL_LOCALE[locale])} /{' '}
                {formatBytes(storage.quotaBytes, INTL_LOCALE[locale])}
              </dd>
            </div>
            <div>
              <dt>{t('persisted')}</dt>
              <dd data-testid="storage-persisted">{persistText}</dd>
            </div>
          </dl>
          {storage.persisted !== true && (
            <>
              {storage.persisted === false && <p className="warning">{t('persistRefusedHelp')}</p>}
              <button type="button" onClick={() => void requestPersistentStorage()}>
                {t('persistAsk')}
              </button>
            </>
          )}
        </section>
        <section className="card" aria-label={t('recovery')}>
          <h2>{t('recovery')}</h2>
          <p className="hint">{t('recoveryHelp')}</p>
          <div className="row-form">
            <button type="button" className="primary" onClick={() => void doExport()}>
              {t('export')}
            </button>
            <label className="button-like">
              {busy ? t('importing') : t('import')}
              <input
                ref={fileInput}
                type="file"
                accept="application/json,.json"
                aria-label={t('import')}
                className="sr-only"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) void doImport(f);
                }}
              />
            </label>
          </div>
        </section>
      </div>
    </main>
  );
}
