import type { Messages } from '../i18n';

/** Why the central office refused a ticket, in the cashier's words; by the code it answered. */
const es = {
  refusedLine: 'Ticket {receipt}: {reason}.',
  reason_NOT_FOUND: 'vende un producto que la oficina central no tiene en su catálogo',
  reason_CONFLICT: 'su número ya lo tiene otra venta en la oficina central',
  reason_SALE_ID_REUSED: 'la oficina central ya recibió esta venta con otro contenido',
  reason_FORBIDDEN: 'esta tableta no puede vender para esa sucursal',
  reason_BAD_REQUEST: 'la oficina central no acepta sus datos (importes, moneda o número de ticket)',
  reason_other: 'la oficina central no la aceptó',
  notRefundable:
    'El ticket {receipt} fue rechazado por la oficina central: {reason}. No se puede devolver como una venta normal: avise al encargado.',
};

const en: typeof es = {
  refusedLine: 'Receipt {receipt}: {reason}.',
  reason_NOT_FOUND: 'it sells a product the central office does not have in its catalogue',
  reason_CONFLICT: 'another sale at the central office already has its number',
  reason_SALE_ID_REUSED: 'the central office already received this sale with other content',
  reason_FORBIDDEN: 'this tablet may not sell for that branch',
  reason_BAD_REQUEST: 'the central office does not accept its data (amounts, currency or receipt number)',
  reason_other: 'the central office did not accept it',
  notRefundable:
    'Receipt {receipt} was refused by the central office: {reason}. It cannot be refunded as a normal sale: tell the manager.',
};

export type RefusedMessageKey = keyof typeof es;
export const refusedMessages: Messages<RefusedMessageKey> = { es, en };

export function reasonKey(code: string): RefusedMessageKey {
  const key = `reason_${code}`;
  return key in es ? (key as RefusedMessageKey) : 'reason_other';
}
