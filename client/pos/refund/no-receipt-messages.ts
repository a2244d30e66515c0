import type { Messages } from '../i18n';

export const noReceiptMessages: Messages<
  | 'open'
  | 'title'
  | 'help'
  | 'search'
  | 'add'
  | 'units'
  | 'weight'
  | 'remove'
  | 'reason'
  | 'needsReason'
  | 'needsLines'
  | 'refund'
  | 'summary'
  | 'notApproved'
  | 'close'
> = {
  es: {
    open: 'Devolución sin ticket',
    title: 'Devolución sin ticket',
    help: 'Elija los productos que el cliente devuelve; se reembolsan al precio actual y hace falta la autorización de un encargado.',
    search: 'Buscar producto para devolver',
    add: 'Devolver {name}',
    units: 'Unidades de {name}',
    weight: 'Peso de {name} en {unit}',
    remove: 'Quitar {name} de la devolución',
    reason: 'Motivo de la devolución',
    needsReason: 'Escriba el motivo de la devolución.',
    needsLines: 'Elija al menos un producto.',
    refund: 'Devolver {amount}',
    summary: '{count, plural, one {# producto} other {# productos}} por {amount}: {names}.',
    notApproved: 'Sin la autorización del encargado no se hace la devolución.',
    close: 'Cerrar la devolución sin ticket',
  },
  en: {
    open: 'Refund without a receipt',
    title: 'Refund without a receipt',
    help: 'Choose the products the customer brings back; they are refunded at today’s price and a supervisor must approve.',
    search: 'Find a product to refund',
    add: 'Refund {name}',
    units: 'Units of {name}',
    weight: 'Weight of {name} in {unit}',
    remove: 'Remove {name} from the refund',
    reason: 'Reason for the refund',
    needsReason: 'Write the reason for the refund.',
    needsLines: 'Choose at least one product.',
    refund: 'Refund {amount}',
    summary: '{count, plural, one {# product} other {# products}} for {amount}: {names}.',
    notApproved: 'Without the supervisor’s approval the refund is not made.',
    close: 'Close the refund without a receipt',
  },
};
