import { useT } from '../i18n';
import { cashierMessages } from './cashier-messages';
import type { PinEntry } from './use-pin-entry';

/** The PIN field, the on-screen digits and what went wrong; the surrounding form submits it. */
export function PinPad({
  entry,
  label,
  inputId,
  submitLabel,
}: {
  entry: PinEntry;
  label: string;
  inputId: string;
  submitLabel: string;
}) {
  const t = useT(cashierMessages);
  const { pin, setPin, checking, waitMs, triesLeft } = entry;
  return (
    <>
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
        value={pin}
        autoFocus
        onChange={(e) => setPin(() => e.target.value)}
      />
      <div className="keypad">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9', 'C', '0', 'OK'].map((k) =>
          k === 'C' ? (
            <button key={k} type="button" aria-label={t('clear')} onClick={() => setPin(() => '')}>
              ⌫
            </button>
          ) : k === 'OK' ? (
            <button key={k} type="submit" className="primary" disabled={checking || waitMs > 0}>
              {checking ? t('checking') : submitLabel}
            </button>
          ) : (
            <button key={k} type="button" aria-label={t('digit', { d: k })} onClick={() => setPin((p) => p + k)}>
              {k}
            </button>
          ),
        )}
      </div>
      {waitMs > 0 && (
        <p role="alert" className="error">
          {t('wait', { seconds: Math.ceil(waitMs / 1000) })}
        </p>
      )}
      {triesLeft !== null && waitMs === 0 && (
        <p role="alert" className="error">
          {t('wrongPin', { left: triesLeft })}
        </p>
      )}
    </>
  );
}
