import { useEffect, useMemo, useState } from 'react';
import type { PosDatabase } from '../sync/collections';
import type { DevicePairing } from '../sync/device-pairing';
import { SyncEngine } from '../sync/sync-engine';
import { LocaleContext, translator, type Locale } from './i18n';
import { PairScreen } from './PairScreen';
import { SellScreen } from './sell/SellScreen';

const LOCALE_KEY = 'ecomarket.locale';

export function App({ db, initialPairing }: { db: PosDatabase; initialPairing: DevicePairing | null }) {
  const [pairing, setPairing] = useState(initialPairing);
  const [locale, setLocale] = useState<Locale>(() => (localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'es'));
  const i18n = useMemo(() => ({ locale, t: translator(locale), setLocale }), [locale]);

  useEffect(() => {
    localStorage.setItem(LOCALE_KEY, locale);
    document.documentElement.lang = locale;
  }, [locale]);

  const engine = useMemo(
    () => (pairing ? new SyncEngine({ db, pairing, baseUrl: window.location.origin }) : null),
    [db, pairing],
  );
  useEffect(() => {
    if (!engine) return;
    void engine.start();
    return () => void engine.stop();
  }, [engine]);

  return (
    <LocaleContext.Provider value={i18n}>
      {pairing && engine ? <SellScreen db={db} pairing={pairing} engine={engine} /> : <PairScreen db={db} onPaired={setPairing} />}
    </LocaleContext.Provider>
  );
}
