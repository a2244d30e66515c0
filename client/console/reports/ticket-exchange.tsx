import type { TicketDetail } from '../../../shared/console/reports-sales';
import { defineMessages, useT } from '../i18n/i18n';

const messages = defineMessages({
  es: {
    saleOfExchange: 'Cambio: esta venta se pagó en parte con lo devuelto en {receipt}.',
    refundOfExchange: 'Cambio: lo devuelto aquí pagó en parte la venta {receipt}.',
    open: 'Ver {receipt}',
    notArrived: 'el ticket que la acompaña aún no llegó de la tableta',
  },
  en: {
    saleOfExchange: 'Exchange: this sale was paid in part by what came back on {receipt}.',
    refundOfExchange: 'Exchange: what came back here paid in part for sale {receipt}.',
    open: 'Open {receipt}',
    notArrived: 'its other ticket has not arrived from the tablet yet',
  },
});

/** The other ticket of an exchange (SPEC S14), both ways: the sale names its refund and the refund its sale. */
export function TicketExchange({ ticket, onOpen }: { ticket: TicketDetail; onOpen: (id: string) => void }) {
  const t = useT(messages);
  const other = ticket.exchangeWith;
  if (!other) return null;
  const receipt = other.receiptNumber ?? t('notArrived');
  return (
    <p role="note">
      {t(ticket.kind === 'refund' ? 'refundOfExchange' : 'saleOfExchange', { receipt })}{' '}
      {other.receiptNumber && (
        <button type="button" onClick={() => onOpen(other.id)}>
          {t('open', { receipt: other.receiptNumber })}
        </button>
      )}
    </p>
  );
}
