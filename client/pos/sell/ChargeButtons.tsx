import type { Payment } from '../../../shared/protocol';
import { useT } from '../i18n';
import { sellMessages } from './sell-messages';
import { useMoney } from '../session/device-context';

/** "Charge cash" for the exact total in one tap, or "pay" to choose methods and amounts. */
export function ChargeButtons({
  totalCents,
  disabled,
  onCharge,
  onPay,
}: {
  totalCents: number;
  disabled: boolean;
  onCharge: (payments: Payment[]) => void;
  onPay: () => void;
}) {
  const money = useMoney();
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
