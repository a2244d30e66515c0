import { useState, type FormEvent } from 'react';
import { POS_PAIRING_CODE_PARAM } from '../../shared/protocol';
import type { PosDatabase } from '../sync/collections';
import { ApiCallError } from '../sync/api-client';
import { pairThisDevice, type DevicePairing } from '../sync/device-pairing';
import { useI18n } from './i18n';
import { LanguageToggle } from './LanguageToggle';

export function PairScreen({ db, onPaired }: { db: PosDatabase; onPaired: (p: DevicePairing) => void }) {
  const { t } = useI18n();
  // The console's QR code opens /pos?pairingCode=…: the cashier only names the tablet.
  const [code, setCode] = useState(() => new URLSearchParams(window.location.search).get(POS_PAIRING_CODE_PARAM) ?? '');
  const [deviceName, setDeviceName] = useState('Caja 1');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const paired = await pairThisDevice(db, window.location.origin, code, deviceName);
      // A used code has no business staying in the address (or in a bookmark of it).
      const url = new URL(window.location.href);
      if (url.searchParams.has(POS_PAIRING_CODE_PARAM)) {
        url.searchParams.delete(POS_PAIRING_CODE_PARAM);
        window.history.replaceState(null, '', url.pathname + url.search + url.hash);
      }
      onPaired(paired);
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
