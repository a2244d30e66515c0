import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { formatMessage as formatTemplate } from '../../../shared/i18n/format-message';

export const LOCALES = ['es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A page's own texts: Spanish first (the default), English with exactly the same keys. */
export interface Messages<K extends string> {
  es: Record<K, string>;
  en: Record<K, string>;
}
type Params = Record<string, string | number>;
export type Translate<K extends string> = (key: K, params?: Params) => string;

const STORAGE_KEY = 'ecomarket.console.locale';

export function defineMessages<K extends string>(m: Messages<K>): Messages<K> {
  return m;
}

const INTL_LOCALE: Record<Locale, string> = { es: 'es-MX', en: 'en-US' };

/** `{name}` parameters and `{count, plural, one {…} other {…}}` forms: see shared/i18n/format-message.ts. */
function formatMessage(template: string, params?: Params, locale: Locale = 'es'): string {
  return formatTemplate(template, params, INTL_LOCALE[locale]);
}

export function translate<K extends string>(m: Messages<K>, locale: Locale): Translate<K> {
  return (key, params) => formatMessage(m[locale][key], params, locale);
}

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'es' || saved === 'en') return saved;
  } catch {
    // Storage blocked (private mode): Spanish, the default.
  }
  return 'es';
}

interface I18nValue {
  locale: Locale;
  setLocale: (l: Locale) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    document.documentElement.lang = l;
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // Not remembered across visits; the choice still holds for this one.
    }
  }, []);
  document.documentElement.lang = locale;
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useLocale(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useLocale outside I18nProvider');
  return v;
}

/** `t` for a page's messages in the current language. */
export function useT<K extends string>(m: Messages<K>): Translate<K> {
  const { locale } = useLocale();
  return useMemo(() => translate(m, locale), [m, locale]);
}
