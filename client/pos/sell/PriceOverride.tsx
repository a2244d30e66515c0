import { useState } from 'react';
import { parseAmountToCents } from '../../../shared/sale/cart-math';
import { useT } from '../i18n';
import type { DraftLine } from './draft-cart';
import { priceOverrideMessages } from './price-override-messages';

/** The line's price typed by the cashier instead of the catalogue's; a supervisor approves it at the charge. */
export function PriceOverride({
  line,
  money,
  onApply,
  onCancel,
}: {
  line: DraftLine;
  money: (c: number) => string;
  onApply: (cents: number) => void;
  onCancel: () => void;
}) {
  const t = useT(priceOverrideMessages);
  const [text, setText] = useState((line.priceCents / 100).toFixed(2));
  const [error, setError] = useState(false);
  const apply = () => {
    const cents = parseAmountToCents(text);
    if (cents === null) return setError(true);
    onApply(cents);
  };
  return (
    <div className="discount-editor" role="group" aria-label={t('change', { name: line.name })}>
      <label>
        {t('newPrice', { name: line.name })}
        <input inputMode="decimal" value={text} onChange={(e) => (setText(e.target.value), setError(false))} />
      </label>
      {error && (
        <p role="alert" className="error">
          {t('invalid')}
        </p>
      )}
      {(line.overriddenFromCents ?? null) !== null && (
        <p className="hint">{t('changed', { before: money(line.overriddenFromCents!) })}</p>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={apply}>
          {t('apply')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
