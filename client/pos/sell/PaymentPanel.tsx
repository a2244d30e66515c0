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
import { useMoney } from '../session/device-context';

/** An amount typed (left empty: what is due) and the button that takes it as a tender. */
function TypedTender({
  label,
  buttonLabel,
  due,
  text,
  onText,
  onInvalid,
  onAmount,
}: {
  label: string;
  buttonLabel: string;
  due: number;
  text: string;
  onText: (text: string) => void;
  onInvalid: () => void;
  onAmount: (cents: number) => void;
}) {
  const money = useMoney();
  return (
    <div className="row">
      <input
        inputMode="decimal"
        aria-label={label}
        placeholder={money(due)}
        value={text}
        onChange={(e) => onText(e.target.value)}
      />
      <button
        type="button"
        onClick={() => {
          const cents = text.trim() === '' ? due : parseAmountToCents(text);
          if (cents === null) onInvalid();
          else onAmount(cents);
        }}
      >
        {buttonLabel}
      </button>
    </div>
  );
}

/**
 * Tenders towards the total: cash (typed or a quick note button), card (charged on the separate
 * terminal, confirmed here by the cashier), or several. Once they cover the total the ticket is
 * committed (onComplete) and only then shows as paid.
 */
export function PaymentPanel({
  totalCents,
  busy,
  onComplete,
  onCancel,
}: {
  totalCents: number;
  busy: boolean;
  onComplete: (payments: Payment[]) => void;
  onCancel: () => void;
}) {
  const money = useMoney();
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

  const invalid = () => setError(t('amountInvalid'));

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
            <TypedTender
              label={t('cashTendered')}
              buttonLabel={t('takeCash')}
              due={due}
              text={cashText}
              onText={setCashText}
              onInvalid={invalid}
              onAmount={(c) => take({ method: 'cash', tenderedCents: c })}
            />
          </fieldset>
          <fieldset disabled={busy}>
            <legend>{t('cardAmount')}</legend>
            <p className="hint">{t('cardHelp')}</p>
            <TypedTender
              label={t('cardAmount')}
              buttonLabel={t('cardApproved')}
              due={due}
              text={cardText}
              onText={setCardText}
              onInvalid={invalid}
              onAmount={(c) => take({ method: 'card', amountCents: c })}
            />
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
