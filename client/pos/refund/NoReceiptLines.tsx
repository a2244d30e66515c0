import { useState } from 'react';
import { formatQuantity, MAX_LINE_QUANTITY, parseQuantityIn } from '../../../shared/sale/quantity';
import type { ProductRow } from '../../sync/collections';
import { INTL_LOCALE, useI18n, useT } from '../i18n';
import { sellMessages } from '../sell/sell-messages';
import { noReceiptMessages } from './no-receipt-messages';

export interface NoReceiptLine {
  product: ProductRow;
  /** In 10^-quantityDecimals of the product's unit, as a sale line (grams of a kg product with 3). */
  quantity: number;
}

/** What a line starts at: one piece, or one whole unit of a weighed product (1,000 kg) to be typed over. */
export function firstQuantity(product: ProductRow): number {
  return 10 ** (product.quantityDecimals ?? 0);
}

const weighed = (p: ProductRow) => (p.unit ?? 'each') !== 'each' || (p.quantityDecimals ?? 0) > 0;

const PROBLEM = {
  notANumber: 'quantityNotANumber',
  notWhole: 'quantityNotWhole',
  tooLarge: 'quantityTooLarge',
  tooPrecise: 'quantityTooPrecise',
} as const;

/** The goods brought back, each with its quantity: whole units, or a weight typed with a decimal comma or point. */
export function NoReceiptLines({
  lines,
  setQuantity,
}: {
  lines: readonly NoReceiptLine[];
  setQuantity: (productId: string, quantity: number) => void;
}) {
  const t = useT(noReceiptMessages);
  return (
    <ul className="refund-lines">
      {lines.map((l) => (
        <li key={l.product.id}>
          <span className="line-name">{l.product.name}</span>
          <LineQuantityInput line={l} onCommit={(q) => setQuantity(l.product.id, q)} />
          {weighed(l.product) && <span className="qty-unit">{l.product.unit}</span>}
          <button
            type="button"
            aria-label={t('remove', { name: l.product.name })}
            onClick={() => setQuantity(l.product.id, 0)}
          >
            ✕
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * Read by the same shared parser and limits as selling (shared/sale/quantity.ts): a wrong quantity
 * stays in the box with its reason, the line unchanged; 0 removes the line.
 */
function LineQuantityInput({ line, onCommit }: { line: NoReceiptLine; onCommit: (quantity: number) => void }) {
  const t = useT(noReceiptMessages);
  const sell = useT(sellMessages);
  const { locale } = useI18n();
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { product } = line;
  const decimals = product.quantityDecimals ?? 0;
  const intl = INTL_LOCALE[locale];
  const commit = () => {
    if (text === null) return;
    const parsed = parseQuantityIn(text, decimals);
    if ('problem' in parsed) {
      const max = formatQuantity(MAX_LINE_QUANTITY, decimals, intl);
      return setProblem(sell(PROBLEM[parsed.problem], { name: product.name, text, max, decimals }));
    }
    setProblem(null);
    setText(null);
    onCommit(parsed.quantity);
  };
  return (
    <>
      <input
        className="qty-input"
        inputMode={weighed(product) ? 'decimal' : 'numeric'}
        aria-label={
          weighed(product)
            ? t('weight', { name: product.name, unit: product.unit ?? 'kg' })
            : t('units', { name: product.name })
        }
        aria-invalid={problem !== null}
        value={text ?? formatQuantity(line.quantity, decimals, intl)}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {problem && (
        <span role="alert" className="error">
          {problem}
        </span>
      )}
    </>
  );
}
