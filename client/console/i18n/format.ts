import { formatProductQuantity, formatQuantity } from '../../../shared/sale/quantity';
import type { Locale } from './i18n';

const intlLocale: Record<Locale, string> = { es: 'es', en: 'en' };

/** Where figures are shown: the branch's currency and time zone (the browser's when none is chosen). */
export interface FormatPlace {
  currency?: string;
  timeZone?: string;
}

/** Numbers, money (integer minor units) and moments through Intl, in the console's language. */
export function formatter(locale: Locale, place: FormatPlace = {}) {
  const tag = intlLocale[locale];
  const number = new Intl.NumberFormat(tag);
  return {
    /** For text built beside the figures (client/console/reconciliation/sync-item-summary.ts). */
    locale,
    number: (n: number) => number.format(n),
    money(minorUnits: number, currency = place.currency ?? 'MXN') {
      const f = new Intl.NumberFormat(tag, { style: 'currency', currency });
      const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
      return f.format(minorUnits / 10 ** digits);
    },
    dateTime(iso: string | Date, timeZone = place.timeZone) {
      return new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
    },
    date(iso: string | Date, timeZone = place.timeZone) {
      return new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone }).format(new Date(iso));
    },
    /** "hace 5 minutos" / "5 minutes ago", from the server's clock difference. */
    ago(iso: string | Date, now = Date.now()) {
      const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
      const rtf = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
      const abs = Math.abs(seconds);
      if (abs < 60) return rtf.format(seconds, 'second');
      if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
      if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
      return rtf.format(Math.round(seconds / 86400), 'day');
    },
    /** A product's quantity in its unit: "1,250 kg", or the bare number by the piece (shared/sale/quantity.ts). */
    quantity(quantity: number, decimals = 0, unit = 'each') {
      return formatProductQuantity(quantity, { unit, quantityDecimals: decimals }, tag);
    },
    /** The same without the unit, as a field holds it for editing: "12,500". */
    editableQuantity(quantity: number, decimals: number) {
      return formatQuantity(quantity, decimals, tag);
    },
    bytes(n: number) {
      return new Intl.NumberFormat(tag, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 0 }).format(
        n / 1_000_000,
      );
    },
  };
}
export type Formatter = ReturnType<typeof formatter>;
