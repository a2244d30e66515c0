import { useMemo } from 'react';
import { formatter, type FormatPlace, type Formatter } from './format';
import { useLocale } from './i18n';

export function useFormat(place: FormatPlace = {}): Formatter {
  const { locale } = useLocale();
  const { currency, timeZone } = place;
  return useMemo(() => formatter(locale, { currency, timeZone }), [locale, currency, timeZone]);
}
