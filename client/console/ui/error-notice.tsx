import { describeError } from '../api/error-messages';
import { useLocale } from '../i18n/i18n';

/** A failed call, said in words a manager can act on. */
export function ErrorNotice({ error }: { error: unknown }) {
  const { locale } = useLocale();
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {describeError(error, locale)}
    </p>
  );
}
