import type { Messages } from '../i18n';

export const ticketDiscountMessages: Messages<
  | 'ticketDiscount'
  | 'ticketDiscountEdit'
  | 'ticketDiscountLine'
  | 'approveDiscount'
  | 'approveOverride'
  | 'approvalCancelled'
> = {
  es: {
    ticketDiscount: 'Descuento al ticket',
    ticketDiscountEdit: 'Cambiar el descuento al ticket',
    ticketDiscountLine: 'Descuento al ticket ({reason})',
    approveDiscount:
      'Descuentos de {amount} ({percent} %) en un ticket de {gross}; el límite sin autorización es {limit} %.',
    approveOverride:
      '{count, plural, one {Precio cambiado en # línea} other {Precios cambiados en # líneas}}: {lines}.',
    approvalCancelled:
      'Sin la autorización del encargado no se cobra el ticket. Quite lo que la necesita o pida que la den.',
  },
  en: {
    ticketDiscount: 'Ticket discount',
    ticketDiscountEdit: 'Change the ticket discount',
    ticketDiscountLine: 'Ticket discount ({reason})',
    approveDiscount:
      'Discounts of {amount} ({percent} %) on a ticket of {gross}; the limit without approval is {limit} %.',
    approveOverride: '{count, plural, one {Price changed on # line} other {Prices changed on # lines}}: {lines}.',
    approvalCancelled:
      'Without the supervisor’s approval the ticket is not charged. Remove what needs it or ask for it.',
  },
};
