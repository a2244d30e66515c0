import { useEffect, useState } from 'react';
import { verifyPin } from '../../../shared/auth/pin-hash';
import type { CashierRow } from '../../sync/collections';
import { useT } from '../i18n';
import type { SessionCashier } from '../session/session-context';
import { cashierMessages } from './cashier-messages';
import { afterWrongPin, FREE_ATTEMPTS, noAttempts, waitLeftMs, type PinAttemptState } from './pin-attempts';

const ATTEMPTS_KEY = 'ecomarket.pin-attempts';

function loadAttempts(): PinAttemptState {
  try {
    return (JSON.parse(localStorage.getItem(ATTEMPTS_KEY) ?? 'null') as PinAttemptState | null) ?? noAttempts;
  } catch {
    return noAttempts;
  }
}

/** PIN sign-in that works offline: the PIN is checked against the pulled hash on the tablet. */
export function LockScreen({ cashiers, onSignIn }: { cashiers: CashierRow[]; onSignIn: (c: SessionCashier) => void }) {
  const t = useT(cashierMessages);
  const [chosen, setChosen] = useState<CashierRow | null>(cashiers.length === 1 ? cashiers[0]! : null);
  const [pin, setPin] = useState('');
  const [attempts, setAttempts] = useState<PinAttemptState>(loadAttempts);
  const [message, setMessage] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [now, setNow] = useState(Date.now());
  const waitMs = waitLeftMs(attempts, now);

  useEffect(() => {
    if (waitMs <= 0) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [waitMs]);

  function remember(next: PinAttemptState) {
    localStorage.setItem(ATTEMPTS_KEY, JSON.stringify(next));
    setAttempts(next);
  }

  async function submit() {
    if (!chosen || pin.length === 0 || checking || waitLeftMs(attempts, Date.now()) > 0) return;
    setChecking(true);
    const ok = await verifyPin(pin, chosen);
    setChecking(false);
    setPin('');
    if (ok) {
      remember(noAttempts);
      onSignIn({ id: chosen.id, name: chosen.name, role: chosen.role });
      return;
    }
    const next = afterWrongPin(attempts, Date.now());
    remember(next);
    setNow(Date.now());
    setMessage(waitLeftMs(next, Date.now()) > 0 ? null : t('wrongPin', { left: FREE_ATTEMPTS - next.failures }));
  }

  return (
    <div className="lock" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <div className="card lock-card">
        <h1 id="lock-title">{t('title')}</h1>
        {!chosen ? (
          <>
            <h2>{t('who')}</h2>
            {cashiers.length === 0 && <p className="hint">{t('noCashiers')}</p>}
            <ul className="cashier-list">
              {cashiers.map((c) => (
                <li key={c.id}>
                  <button type="button" className="cashier-button" onClick={() => setChosen(c)}>
                    {c.name}
                    {c.role === 'supervisor' && <small> · {t('supervisor')}</small>}
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <form
            className="pin-form"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <label htmlFor="pin-input">{t('pinFor', { name: chosen.name })}</label>
            <input
              id="pin-input"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={8}
              value={pin}
              autoFocus
              onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
            />
            <div className="keypad">
              {['1', '2', '3', '4', '5', '6', '7', '8', '9', 'C', '0', 'OK'].map((k) =>
                k === 'C' ? (
                  <button key={k} type="button" aria-label={t('clear')} onClick={() => setPin('')}>
                    ⌫
                  </button>
                ) : k === 'OK' ? (
                  <button key={k} type="submit" className="primary" disabled={checking || waitMs > 0}>
                    {checking ? t('checking') : t('enter')}
                  </button>
                ) : (
                  <button
                    key={k}
                    type="button"
                    aria-label={t('digit', { d: k })}
                    onClick={() => setPin((p) => (p + k).slice(0, 8))}
                  >
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
            {message && waitMs === 0 && (
              <p role="alert" className="error">
                {message}
              </p>
            )}
            {cashiers.length > 1 && (
              <button type="button" className="ghost" onClick={() => (setChosen(null), setPin(''), setMessage(null))}>
                {t('back')}
              </button>
            )}
          </form>
        )}
      </div>
    </div>
  );
}
