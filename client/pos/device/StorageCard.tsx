import { useEffect } from 'react';
import { INTL_LOCALE, useI18n, useT } from '../i18n';
import { useObservable } from '../use-observable';
import { deviceMessages } from './device-messages';
import { formatBytes, readStorageStatus, requestPersistentStorage, storageStatus$ } from './storage-status';

/** The browser storage this tablet uses, and whether it is kept safe from eviction (with the way to ask). */
export function StorageCard() {
  const t = useT(deviceMessages);
  const { locale } = useI18n();
  const storage = useObservable(storageStatus$, storageStatus$.value);
  useEffect(() => {
    void readStorageStatus();
  }, []);
  const persistText =
    storage.persisted === true ? t('persistYes') : storage.persisted === false ? t('persistNo') : t('persistUnknown');
  return (
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
  );
}
