import { useState, type FormEvent } from 'react';
import type { PosDatabase } from '../sync/collections';
import { ApiCallError } from '../sync/api-client';
import { pairThisDevice, type DevicePairing } from '../sync/device-pairing';
import { useI18n } from './i18n';
import { LanguageToggle } from './LanguageToggle';

export function PairScreen({ db, onPaired }: { db: PosDatabase; onPaired: (p: DevicePairing) => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('Caja 1');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onPaired(await pairThisDevice(db, window.location.origin, code, deviceName));
    } catch (err) {
      // The server's own words are for the operator's logs; the cashier reads what to do.
      setError(
        !(err instanceof ApiCallError)
          ? t('pairNeedsNetwork')
          : err.code === 'FORBIDDEN' || err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST'
            ? t('pairCodeRefused')
            : err.code === 'RATE_LIMITED'
              ? t('pairTooMany')
              : t('pairFailed'),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="pair">
      <header className="pair-header">
        <h1>{t('appTitle')}</h1>
        <LanguageToggle />
      </header>
      <form className="card pair-form" onSubmit={submit}>
        <h2>{t('pairTitle')}</h2>
        <p>{t('pairHelp')}</p>
        <label>
          {t('pairCode')}
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            placeholder="ABCD-2345"
            required
          />
        </label>
        <label>
          {t('deviceName')}
          <input value={deviceName} onChange={(e) => setDeviceName(e.target.value)} required maxLength={80} />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('pairing') : t('pairButton')}
        </button>
      </form>
    </main>
  );
}
