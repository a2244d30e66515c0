import { useState } from 'react';
import { parseAmountToCents } from '../../../shared/sale/cart-math';
import { useT } from '../i18n';
import type { DraftLine } from './draft-cart';
import { priceOverrideMessages } from './price-override-messages';
import { useMoney } from '../session/device-context';
import { CartEditor } from './CartEditor';

/** The line's price typed by the cashier instead of the catalogue's; a supervisor approves it at the charge. */
export function PriceOverride({
  line,
  onApply,
  onCancel,
}: {
  line: DraftLine;
  onApply: (cents: number) => void;
  onCancel: () => void;
}) {
  const money = useMoney();
  const t = useT(priceOverrideMessages);
  const [text, setText] = useState((line.priceCents / 100).toFixed(2));
  const [error, setError] = useState(false);
  const apply = () => {
    const cents = parseAmountToCents(text);
    if (cents === null) return setError(true);
    onApply(cents);
  };
  return (
    <CartEditor
      label={t('change', { name: line.name })}
      problem={error ? t('invalid') : null}
      note={
        (line.overriddenFromCents ?? null) !== null && (
          <p className="hint">{t('changed', { before: money(line.overriddenFromCents!) })}</p>
        )
      }
      applyLabel={t('apply')}
      onApply={apply}
      onCancel={onCancel}
    >
      <label>
        {t('newPrice', { name: line.name })}
        <input inputMode="decimal" value={text} onChange={(e) => (setText(e.target.value), setError(false))} />
      </label>
    </CartEditor>
  );
}
