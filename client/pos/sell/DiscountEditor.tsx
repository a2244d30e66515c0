import { useState } from 'react';
import { parseAmountToCents, percentToBasisPoints, type LineDiscountInput } from '../../../shared/sale/cart-math';
import { useT } from '../i18n';
import { sellMessages } from './sell-messages';
import { CartEditor } from './CartEditor';

/** A discount as a percent or an amount, with its reason: for one line or for the whole ticket. */
export function DiscountEditor({
  label,
  groupName,
  initial,
  initialReason,
  onApply,
  onCancel,
}: {
  label: string;
  /** Name of the percent/amount radio pair, unique on the screen. */
  groupName: string;
  initial: LineDiscountInput | null | undefined;
  initialReason: string;
  onApply: (d: LineDiscountInput | null, reason: string) => void;
  onCancel: () => void;
}) {
  const t = useT(sellMessages);
  const [kind, setKind] = useState<'amount' | 'percent'>(initial?.kind ?? 'percent');
  const [value, setValue] = useState(
    initial ? (initial.kind === 'amount' ? (initial.cents / 100).toFixed(2) : String(initial.basisPoints / 100)) : '',
  );
  const [reason, setReason] = useState(initialReason);
  const [error, setError] = useState<string | null>(null);
  function apply() {
    const parsed = kind === 'amount' ? parseAmountToCents(value) : percentToBasisPoints(value);
    if (parsed === null) return setError(t('discountInvalid'));
    if (!reason.trim()) return setError(t('discountNeedsReason'));
    onApply(kind === 'amount' ? { kind, cents: parsed } : { kind, basisPoints: parsed }, reason.trim());
  }
  return (
    <CartEditor
      label={label}
      problem={error}
      applyLabel={t('applyDiscount')}
      onApply={apply}
      otherAction={
        initial && (
          <button type="button" onClick={() => onApply(null, '')}>
            {t('removeDiscount')}
          </button>
        )
      }
      onCancel={onCancel}
    >
      <div role="radiogroup" aria-label={t('discountKind')} className="segmented">
        <label>
          <input type="radio" name={groupName} checked={kind === 'percent'} onChange={() => setKind('percent')} />{' '}
          {t('discountPercent')}
        </label>
        <label>
          <input type="radio" name={groupName} checked={kind === 'amount'} onChange={() => setKind('amount')} />{' '}
          {t('discountAmount')}
        </label>
      </div>
      <label>
        {t('discountValue')}
        <input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <label>
        {t('discountReason')}
        <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
      </label>
    </CartEditor>
  );
}
