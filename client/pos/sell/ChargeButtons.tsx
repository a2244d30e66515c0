import type { Payment } from '../../../shared/protocol';
import { useT } from '../i18n';
import { sellMessages } from './sell-messages';

/** "Charge cash" for the exact total in one tap, or "pay" to choose methods and amounts. */
export function ChargeButtons({
  totalCents,
  disabled,
  money,
  onCharge,
  onPay,
}: {
  totalCents: number;
  disabled: boolean;
  money: (cents: number) => string;
  onCharge: (payments: Payment[]) => void;
  onPay: () => void;
}) {
  const t = useT(sellMessages);
  return (
    <div className="charge-buttons">
      <button
        type="button"
        className="primary charge"
        disabled={disabled}
        onClick={() => onCharge([{ method: 'cash', amountCents: totalCents, tenderedCents: totalCents }])}
      >
        {t('chargeCash')} {money(totalCents)}
      </button>
      <button type="button" className="charge secondary" disabled={disabled} onClick={onPay}>
        {t('pay')}
      </button>
    </div>
  );
}
