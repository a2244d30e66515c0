import { useLocale, useT } from '../i18n/i18n';
import { shellMessages } from './shell-messages';

export function LanguageToggle() {
  const t = useT(shellMessages);
  const { locale, setLocale } = useLocale();
  return (
    <button
      type="button"
      className="ghost"
      lang={locale === 'es' ? 'en' : 'es'}
      aria-label={t('languageLabel')}
      onClick={() => setLocale(locale === 'es' ? 'en' : 'es')}
    >
      {t('language')}
    </button>
  );
}
