import { useState } from 'react';
import type { Payment } from '../../../shared/protocol';
import {
  addTender,
  parseAmountToCents,
  quickCashAmounts,
  remainingDue,
  type TenderInput,
} from '../../../shared/sale/cart-math';
import { changeDue } from '../../../shared/sale/sale-arithmetic';
import { useT } from '../i18n';
import { sellMessages } from './sell-messages';

/**
 * Tenders towards the total: cash (typed or a quick note button), card (charged on the separate
 * terminal, confirmed here by the cashier), or several. Once they cover the total the ticket is
 * committed (onComplete) and only then shows as paid.
 */
export function PaymentPanel({
  totalCents,
  money,
  busy,
  onComplete,
  onCancel,
}: {
  totalCents: number;
  money: (c: number) => string;
  busy: boolean;
  onComplete: (payments: Payment[]) => void;
  onCancel: () => void;
}) {
  const t = useT(sellMessages);
  const [payments, setPayments] = useState<Payment[]>([]);
  const [cashText, setCashText] = useState('');
  const [cardText, setCardText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const due = remainingDue(totalCents, payments);

  function take(tender: TenderInput) {
    setError(null);
    const r = addTender(totalCents, payments, tender);
    if ('problem' in r) {
      setError(r.problem === 'card-over-due' ? t('cardOverDue', { due: money(due) }) : t('amountInvalid'));
      return;
    }
    setPayments(r.payments);
    setCashText('');
    setCardText('');
    if (remainingDue(totalCents, r.payments) === 0) onComplete(r.payments);
  }

  const parse = (text: string, fallback: number) => (text.trim() === '' ? fallback : parseAmountToCents(text));

  return (
    <section className="payment" aria-label={t('payment')}>
      <p className="due">
        <span>{t('due')}</span> <strong data-testid="amount-due">{money(due)}</strong>
      </p>
      {payments.length > 0 && (
        <ol className="tenders" aria-label={t('paidSoFar')}>
          {payments.map((p, i) => (
            <li key={i}>
              {p.method === 'cash'
                ? t('tenderCash', { amount: money(p.amountCents), tendered: money(p.tenderedCents ?? p.amountCents) })
                : t('tenderCard', { amount: money(p.amountCents) })}
              {!busy && (
                <button
                  type="button"
                  className="ghost"
                  aria-label={t('removeTender', { n: i + 1 })}
                  onClick={() => setPayments(payments.filter((_, j) => j !== i))}
                >
                  ✕
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {payments.length > 0 && changeDue(payments) > 0 && (
        <p>
          {t('changeDue')}: {money(changeDue(payments))}
        </p>
      )}
      {due > 0 && (
        <>
          <fieldset disabled={busy}>
            <legend>{t('cashTendered')}</legend>
            <div className="quick-cash">
              {quickCashAmounts(due).map((a) => (
                <button
                  key={a}
                  type="button"
                  aria-label={t('quickCash', { amount: money(a) })}
                  onClick={() => take({ method: 'cash', tenderedCents: a })}
                >
                  {money(a)}
                </button>
              ))}
            </div>
            <div className="row">
              <input
                inputMode="decimal"
                aria-label={t('cashTendered')}
                placeholder={money(due)}
                value={cashText}
                onChange={(e) => setCashText(e.target.value)}
              />
              <button
                type="button"
                onClick={() => {
                  const c = parse(cashText, due);
                  if (c === null) setError(t('amountInvalid'));
                  else take({ method: 'cash', tenderedCents: c });
                }}
              >
                {t('takeCash')}
              </button>
            </div>
          </fieldset>
          <fieldset disabled={busy}>
            <legend>{t('cardAmount')}</legend>
            <p className="hint">{t('cardHelp')}</p>
            <div className="row">
              <input
                inputMode="decimal"
                aria-label={t('cardAmount')}
                placeholder={money(due)}
                value={cardText}
                onChange={(e) => setCardText(e.target.value)}
              />
              <button
                type="button"
                onClick={() => {
                  const c = parse(cardText, due);
                  if (c === null) setError(t('amountInvalid'));
                  else take({ method: 'card', amountCents: c });
                }}
              >
                {t('cardApproved')}
              </button>
            </div>
          </fieldset>
        </>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {due === 0 && !busy && (
        <button type="button" className="primary charge" onClick={() => onComplete(payments)}>
          {t('retry')}
        </button>
      )}
      {busy && <p role="status">{t('saving')}</p>}
      <button type="button" disabled={busy} onClick={onCancel}>
        {t('cancelPayment')}
      </button>
    </section>
  );
}
