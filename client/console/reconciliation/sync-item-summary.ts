import type { Formatter } from '../i18n/format';
import { translate } from '../i18n/i18n';
import { syncItemMessages } from './sync-item-messages';

type Key = keyof (typeof syncItemMessages)['es'];
type Details = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '—');
const has = (key: string): key is Key => key in syncItemMessages.es;

/** A product field's value as a manager reads it: prices as money, lists joined, nothing as "(empty)". */
function fieldValue(field: string, value: unknown, f: Formatter, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (field === 'priceCents' && typeof value === 'number') return f.money(value);
  if (field === 'taxRateBp' && typeof value === 'number') return `${f.number(value / 100)} %`;
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : empty;
  return `«${String(value)}»`;
}

export function syncConflictSummary(d: Details, f: Formatter): string {
  const t = translate(syncItemMessages, f.locale);
  const field = str(d.field);
  const fieldKey = `field_${field}`;
  return t('summary_sync_conflict', {
    product: str(d.productName),
    device: str(d.deviceName),
    field: has(fieldKey) ? t(fieldKey) : t('field_other', { field }),
    deviceValue: fieldValue(field, d.deviceValue, f, t('empty')),
    centreValue: fieldValue(field, d.centreValue, f, t('empty')),
  });
}

/** Worded from the refusal's code (the server's own message is English and stays in its log). */
export function refusedDocumentSummary(d: Details, f: Formatter): string {
  const t = translate(syncItemMessages, f.locale);
  const collection = str(d.collection);
  const isSale = collection === 'sales';
  const documentKey = `document_${collection}`;
  const document = isSale
    ? typeof d.receiptNumber === 'string'
      ? t('document_sales', { receipt: d.receiptNumber })
      : t('document_sales_unnumbered')
    : has(documentKey)
      ? t(documentKey)
      : t('document_other');
  const reasonKey = `reason_${str(d.code)}`;
  const summary = t('summary_refused_document', {
    device: str(d.deviceName),
    document,
    reason: has(reasonKey) ? t(reasonKey) : t('reason_other', { code: str(d.code) }),
  });
  return isSale ? `${summary} ${t('refusedSaleAdvice')}` : summary;
}
