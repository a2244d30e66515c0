import { useState } from 'react';
import type { LineDiscountInput } from '../../../shared/sale/cart-math';
import { useT } from '../i18n';
import { DiscountEditor } from './DiscountEditor';
import type { CartTotals, DraftCart } from './draft-cart';
import { ticketDiscountMessages } from './ticket-discount-messages';
import { useMoney } from '../session/device-context';

/** The whole-ticket discount: what it takes off, and its editor. */
export function TicketDiscount({
  cart,
  totals,
  onApply,
}: {
  cart: DraftCart;
  totals: CartTotals;
  onApply: (discount: LineDiscountInput | null, reason: string) => void;
}) {
  const money = useMoney();
  const t = useT(ticketDiscountMessages);
  const [editing, setEditing] = useState(false);
  const given = totals.ticketDiscount;
  return (
    <div className="ticket-discount">
      {given && (
        <p className="line-discount" data-testid="ticket-discount">
          {t('ticketDiscountLine', { reason: given.reason })}: −{money(given.cents)}
        </p>
      )}
      {editing ? (
        <DiscountEditor
          label={t('ticketDiscount')}
          groupName="ticket-discount-kind"
          initial={cart.ticketDiscount?.discount}
          initialReason={cart.ticketDiscount?.reason ?? ''}
          onApply={(d, reason) => {
            onApply(d, reason);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <button type="button" className="ghost" aria-expanded={false} onClick={() => setEditing(true)}>
          {given ? t('ticketDiscountEdit') : t('ticketDiscount')}
        </button>
      )}
    </div>
  );
}
