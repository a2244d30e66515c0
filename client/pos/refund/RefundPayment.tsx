import { useT } from '../i18n';
import { refundMessages } from './refund-messages';
import type { RefundMethod } from './refund-ticket';
import { useMoney } from '../session/device-context';

/** How the money goes back (cash or card), and the button that gives it. */
export function RefundPayment({
  method,
  onMethod,
  totalCents,
  busy,
  disabled,
  onRefund,
}: {
  method: RefundMethod;
  onMethod: (method: RefundMethod) => void;
  totalCents: number;
  busy: boolean;
  disabled: boolean;
  onRefund: () => void;
}) {
  const money = useMoney();
  const t = useT(refundMessages);
  return (
    <>
      <div role="radiogroup" aria-label={t('method')} className="segmented">
        <span>{t('method')}:</span>
        <label>
          <input type="radio" name="refund-method" checked={method === 'cash'} onChange={() => onMethod('cash')} />{' '}
          {t('cash')}
        </label>
        <label>
          <input type="radio" name="refund-method" checked={method === 'card'} onChange={() => onMethod('card')} />{' '}
          {t('card')}
        </label>
      </div>
      <button type="button" className="primary charge" disabled={busy || disabled} onClick={onRefund}>
        {busy ? t('saving') : t('refundButton', { amount: money(totalCents) })}
      </button>
    </>
  );
}
