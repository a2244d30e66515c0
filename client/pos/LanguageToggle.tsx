import { useI18n } from './i18n';

export function LanguageToggle() {
  const { t, locale, setLocale } = useI18n();
  return (
    <button
      type="button"
      className="ghost"
      aria-label={t('languageLabel')}
      onClick={() => setLocale(locale === 'es' ? 'en' : 'es')}
    >
      {t('language')}
    </button>
  );
}
