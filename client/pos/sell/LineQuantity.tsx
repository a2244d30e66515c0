import { useState } from 'react';
import { formatQuantity, MAX_LINE_QUANTITY, parseQuantityIn } from '../../../shared/sale/quantity';
import { INTL_LOCALE, useI18n, useT } from '../i18n';
import { isWeighed, type DraftLine } from './draft-cart';
import { sellMessages } from './sell-messages';

/**
 * A line's quantity: stepped with − and + and typed in between; a weighed line's weight is only typed,
 * its unit beside it.
 */
export function LineQuantity({
  line,
  onStep,
  onCommit,
  onProblem,
}: {
  line: DraftLine;
  onStep: (delta: number) => void;
  onCommit: (quantity: number) => void;
  onProblem: (message: string | null) => void;
}) {
  const t = useT(sellMessages);
  const weighed = isWeighed(line);
  return (
    <span className="qty">
      {!weighed && (
        <button type="button" aria-label={t('decrease', { name: line.name })} onClick={() => onStep(-1)}>
          −
        </button>
      )}
      <QuantityInput
        line={line}
        label={
          weighed
            ? t('weighedQuantity', { name: line.name, unit: line.unit ?? 'kg' })
            : t('quantity', { name: line.name })
        }
        onCommit={onCommit}
        onProblem={onProblem}
      />
      {weighed ? (
        <span className="qty-unit">{line.unit}</span>
      ) : (
        <button type="button" aria-label={t('increase', { name: line.name })} onClick={() => onStep(1)}>
          +
        </button>
      )}
    </span>
  );
}

/** Typed quantities are read by parseQuantity: a wrong one stays in the box, its reason shown, the line unchanged. */
function QuantityInput({
  line,
  label,
  onCommit,
  onProblem,
}: {
  line: DraftLine;
  label: string;
  onCommit: (q: number) => void;
  onProblem: (message: string | null) => void;
}) {
  const t = useT(sellMessages);
  const { locale } = useI18n();
  const [text, setText] = useState<string | null>(null);
  const commit = () => {
    if (text === null) return;
    const decimals = line.quantityDecimals ?? 0;
    const parsed = parseQuantityIn(text, decimals);
    if ('problem' in parsed) {
      const max = decimals
        ? formatQuantity(MAX_LINE_QUANTITY, decimals, INTL_LOCALE[locale])
        : MAX_LINE_QUANTITY.toLocaleString(INTL_LOCALE[locale]);
      return onProblem(t(QUANTITY_MESSAGE[parsed.problem], { name: line.name, text, max, decimals }));
    }
    onProblem(null);
    setText(null);
    onCommit(parsed.quantity);
  };
  return (
    <input
      className="qty-input"
      inputMode={isWeighed(line) ? 'decimal' : 'numeric'}
      aria-label={label}
      value={text ?? formatQuantity(line.quantity, line.quantityDecimals ?? 0, INTL_LOCALE[locale])}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}

const QUANTITY_MESSAGE = {
  notANumber: 'quantityNotANumber',
  notWhole: 'quantityNotWhole',
  tooLarge: 'quantityTooLarge',
  tooPrecise: 'quantityTooPrecise',
} as const;
