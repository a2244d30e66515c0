import type { ReactNode } from 'react';
import type { Payment } from '../../../shared/protocol';
import { useI18n, useT, INTL_LOCALE } from '../i18n';
import { soldQuantity } from '../receipt/sold-quantity';
import { returnedCents, type CartExchange } from './cart-exchange';
import { exchangeMessages } from './exchange-messages';
import { useMoney } from '../session/device-context';
import './exchange.css';

/** The cart's exchange: the lines that come back from a paid ticket, above the lines taken instead. */
export function ExchangeReturned({ exchange, onCancel }: { exchange: CartExchange; onCancel: () => void }) {
  const money = useMoney();
  const t = useT(exchangeMessages);
  const { locale } = useI18n();
  const title = t('title', { receipt: exchange.receiptNumber });
  return (
    <section className="exchange-returned" aria-label={title}>
      <div className="exchange-head">
        <h3>{title}</h3>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
      <ul>
        {exchange.returned.map((l, i) => (
          <li key={i}>
            <span>
              {l.name} <small>{soldQuantity(l, money, INTL_LOCALE[locale])}</small>
            </span>
            <span className="num">−{money(l.lineTotalCents)}</span>
          </li>
        ))}
      </ul>
      <p className="exchange-sum">
        <span>{t('returnedTotal')}</span>
        <strong data-testid="exchange-returned">{money(returnedCents(exchange))}</strong>
      </p>
    </section>
  );
}

/**
 * The exchange's difference and its one action: what the customer owes is paid with the usual
 * payment tools (`children`: cash with change, card), money owed back is given in cash, nothing when
 * even. The payments handed over are the difference's only (SPEC S14).
 */
export function ExchangeSettle({
  exchange,
  takenCents,
  disabled,
  onSettle,
  children,
}: {
  exchange: CartExchange;
  takenCents: number;
  disabled: boolean;
  onSettle: (payments: Payment[]) => void;
  children: ReactNode;
}) {
  const money = useMoney();
  const t = useT(exchangeMessages);
  const difference = takenCents - returnedCents(exchange);
  if (takenCents === 0) return <p className="hint">{t('addTaken')}</p>;
  return (
    <>
      <p className="exchange-sum exchange-difference" role="status">
        <span>{difference > 0 ? t('toPay') : difference < 0 ? t('toGiveBack') : t('even')}</span>
        <strong data-testid="exchange-difference">{money(Math.abs(difference))}</strong>
      </p>
      {difference > 0 ? (
        children
      ) : (
        <button type="button" className="primary charge" disabled={disabled} onClick={() => onSettle([])}>
          {difference < 0 ? t('giveBack', { amount: money(-difference) }) : t('finishEven')}
        </button>
      )}
    </>
  );
}
