import { useState } from 'react';
import { formatQuantity, parseQuantityIn } from '../../../shared/sale/quantity';
import { useT } from '../i18n/i18n';
import { countMessages } from './count-messages';

export const countInputId = (productId: string) => `count-${productId}`;

/**
 * What is on the shelf of one product, typed fast: Enter saves and moves to the next product,
 * leaving the field saves what changed. Shows the server's quantity until the manager types.
 */
export function CountInput({
  productId,
  productName,
  decimals,
  locale,
  value,
  onSave,
  onNext,
}: {
  productId: string;
  productName: string;
  /** The product's quantity decimals: a weighed product is typed by weight (decimal comma or point). */
  decimals: number;
  locale: string;
  value: number | null;
  onSave: (productId: string, quantity: number) => Promise<boolean>;
  onNext: (productId: string) => void;
}) {
  const t = useT(countMessages);
  const [text, setText] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [saving, setSaving] = useState(false);
  const saved = value === null ? '' : formatQuantity(value, decimals, locale);
  const shown = text ?? saved;

  async function save(): Promise<boolean> {
    if (text === null || text.trim() === saved) return true;
    const parsed = parseQuantityIn(text, decimals);
    if ('problem' in parsed) {
      setInvalid(true);
      return false;
    }
    setInvalid(false);
    setSaving(true);
    const ok = await onSave(productId, parsed.quantity);
    setSaving(false);
    if (ok) setText(null);
    return ok;
  }

  return (
    <span className="count-input">
      <input
        id={countInputId(productId)}
        inputMode={decimals > 0 ? 'decimal' : 'numeric'}
        autoComplete="off"
        aria-label={t('countedInput', { product: productName })}
        aria-invalid={invalid || undefined}
        title={invalid ? t(decimals > 0 ? 'invalidWeight' : 'invalid', { decimals }) : undefined}
        value={shown}
        disabled={saving}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => void save()}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          void save().then((ok) => ok && onNext(productId));
        }}
      />
      {invalid && <span className="field-error">{t(decimals > 0 ? 'invalidWeight' : 'invalid', { decimals })}</span>}
    </span>
  );
}
