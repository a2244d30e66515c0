import type { Messages } from '../i18n';

const es = {
  title: 'Tickets de hoy',
  search: 'Buscar en los tickets de hoy',
  searchHint: 'Número, hora (10:42), importe (4,30) o producto',
  loading: 'Cargando los tickets…',
  none: 'Hoy aún no hay tickets en esta tableta.',
  noMatches: 'Ningún ticket de hoy coincide con «{query}».',
  count: '{count, plural, one {# ticket} other {# tickets}}',
  more: 'Se muestran los {shown} más recientes: escriba para afinar.',
  refund: 'Devolución',
  otherTill: 'Otra caja',
  open: 'Abrir ticket {receipt}',
  close: 'Cerrar ticket',
  startRefund: 'Devolver productos de este ticket',
  lines: '{count, plural, one {# artículo} other {# artículos}}',
};

const en: typeof es = {
  title: "Today's receipts",
  search: "Search today's receipts",
  searchHint: 'Number, time (10:42), amount (4.30) or product',
  loading: 'Loading the receipts…',
  none: 'No receipts on this tablet yet today.',
  noMatches: 'No receipt of today matches “{query}”.',
  count: '{count, plural, one {# receipt} other {# receipts}}',
  more: 'Showing the {shown} most recent: type to narrow it down.',
  refund: 'Refund',
  otherTill: 'Other till',
  open: 'Open receipt {receipt}',
  close: 'Close receipt',
  startRefund: 'Refund items of this receipt',
  lines: '{count, plural, one {# item} other {# items}}',
};

export const historyMessages: Messages<keyof typeof es> = { es, en };
