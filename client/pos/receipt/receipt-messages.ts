import type { Messages } from '../i18n';

const es = {
  receiptNumber: 'Ticket',
  refundTitle: 'DEVOLUCIÓN',
  refundOf: 'Devuelve el ticket {receipt}',
  date: 'Fecha',
  cashier: 'Atendió',
  discount: 'Descuento ({reason})',
  taxOf: 'IVA {rate} % incluido',
  taxFree: 'Exento (0 %)',
  total: 'Total',
  refundTotal: 'Total devuelto',
  cash: 'Efectivo',
  card: 'Tarjeta',
  tendered: 'Recibido',
  change: 'Cambio',
  printWidth: 'Ancho del papel',
  print: 'Imprimir ticket',
  receipt: 'Ticket impreso',
};

const en: typeof es = {
  receiptNumber: 'Receipt',
  refundTitle: 'REFUND',
  refundOf: 'Refunds receipt {receipt}',
  date: 'Date',
  cashier: 'Served by',
  discount: 'Discount ({reason})',
  taxOf: 'Tax {rate} % included',
  taxFree: 'Tax exempt (0 %)',
  total: 'Total',
  refundTotal: 'Total refunded',
  cash: 'Cash',
  card: 'Card',
  tendered: 'Received',
  change: 'Change',
  printWidth: 'Paper width',
  print: 'Print receipt',
  receipt: 'Printed receipt',
};

export const receiptMessages: Messages<keyof typeof es> = { es, en };
