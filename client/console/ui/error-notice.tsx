import { describeError } from '../api/error-messages';
import { useLocale } from '../i18n/i18n';
import { ErrorText } from '../../shared-ui/error-text';

/** A failed call, said in words a manager can act on. */
export function ErrorNotice({ error }: { error: unknown }) {
  const { locale } = useLocale();
  return <ErrorText>{error ? describeError(error, locale) : null}</ErrorText>;
}
