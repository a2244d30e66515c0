import { applyUpdate, updateWaiting$ } from './app-update';
import { useI18n } from './i18n';
import { useObservable } from './use-observable';

/** A waiting update is offered, never forced, and only between sales (DESIGN invariant 9). */
export function UpdateBanner({ cartEmpty }: { cartEmpty: boolean }) {
  const { t } = useI18n();
  const waiting = useObservable(updateWaiting$, false);
  if (!waiting) return null;
  return (
    <div className="update" role="status">
      <span>{t('updateReady')}</span>
      {cartEmpty ? (
        <button type="button" className="primary" onClick={applyUpdate}>
          {t('updateNow')}
        </button>
      ) : (
        <span>{t('updateAfterSale')}</span>
      )}
    </div>
  );
}
