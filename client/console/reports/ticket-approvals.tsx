import type { TicketDetail } from '../../../shared/console/reports-sales';
import { defineMessages, useT } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';

const messages = defineMessages({
  es: {
    ticketDiscount: 'Descuento al ticket: −{amount} ({what}; motivo: {reason})',
    percent: '{percent} %',
    amount: 'importe fijo',
    approvals: 'Autorizaciones del encargado',
    approval: '{what}: autorizó {name} el {at}. Motivo: {reason}',
    discount: 'Descuento por encima del límite',
    price_override: 'Cambio de precio',
    zero_total: 'Venta con total cero',
    refund_without_receipt: 'Devolución sin ticket',
    no_sale: 'Cajón abierto sin venta',
    cash_difference: 'Cierre de caja con diferencia',
  },
  en: {
    ticketDiscount: 'Ticket discount: −{amount} ({what}; reason: {reason})',
    percent: '{percent} %',
    amount: 'fixed amount',
    approvals: 'Supervisor approvals',
    approval: '{what}: approved by {name} on {at}. Reason: {reason}',
    discount: 'Discount above the limit',
    price_override: 'Price change',
    zero_total: 'Sale with a zero total',
    refund_without_receipt: 'Refund without a receipt',
    no_sale: 'Drawer opened without a sale',
    cash_difference: 'Till close with a cash difference',
  },
});

/** What a ticket's receipt does not show the manager: its whole-ticket discount and who approved what. */
export function TicketApprovals({ ticket }: { ticket: TicketDetail }) {
  const t = useT(messages);
  const f = useFormat({ currency: ticket.currency });
  const td = ticket.ticketDiscount;
  return (
    <>
      {td && (
        <p data-testid="ticket-discount">
          {t('ticketDiscount', {
            amount: f.money(td.cents),
            what: td.basisPoints === null ? t('amount') : t('percent', { percent: td.basisPoints / 100 }),
            reason: td.reason,
          })}
        </p>
      )}
      {ticket.approvals.length > 0 && (
        <>
          <h4>{t('approvals')}</h4>
          <ul className="reasons" aria-label={t('approvals')}>
            {ticket.approvals.map((a, i) => (
              <li key={i}>
                {t('approval', { what: t(a.kind), name: a.approverName, at: f.dateTime(a.at), reason: a.reason })}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
