import { useState } from 'react';
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
  value,
  onSave,
  onNext,
}: {
  productId: string;
  productName: string;
  value: number | null;
  onSave: (productId: string, quantity: number) => Promise<boolean>;
  onNext: (productId: string) => void;
}) {
  const t = useT(countMessages);
  const [text, setText] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [saving, setSaving] = useState(false);
  const shown = text ?? (value === null ? '' : String(value));

  async function save(): Promise<boolean> {
    if (text === null || text.trim() === (value === null ? '' : String(value))) return true;
    if (!/^\d{1,9}$/.test(text.trim())) {
      setInvalid(true);
      return false;
    }
    setInvalid(false);
    setSaving(true);
    const ok = await onSave(productId, Number(text.trim()));
    setSaving(false);
    if (ok) setText(null);
    return ok;
  }

  return (
    <span className="count-input">
      <input
        id={countInputId(productId)}
        inputMode="numeric"
        autoComplete="off"
        aria-label={t('countedInput', { product: productName })}
        aria-invalid={invalid || undefined}
        title={invalid ? t('invalid') : undefined}
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
      {invalid && <span className="field-error">{t('invalid')}</span>}
    </span>
  );
}
