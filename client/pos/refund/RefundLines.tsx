import { useT } from '../i18n';
import { refundMessages } from './refund-messages';
import type { FoundSale } from './refund-ticket';
import { useMoney } from '../session/device-context';

/** The found ticket's lines, each with its units still refundable and how many of them come back. */
export function RefundLines({
  found,
  units,
  onUnits,
}: {
  found: FoundSale;
  units: number[];
  onUnits: (units: number[]) => void;
}) {
  const money = useMoney();
  const t = useT(refundMessages);
  const setLine = (i: number, n: number) => onUnits(units.map((u, j) => (j === i ? n : u)));
  return (
    <ul className="refund-lines">
      {found.sale.lines.map((l, i) => (
        <li key={i}>
          <span className="line-name">
            {l.name} <small>{money(l.lineTotalCents)}</small>
          </span>
          <span className="hint">{t('refundable', { n: found.left[i]!, sold: l.quantity })}</span>
          <input
            type="number"
            min={0}
            max={found.left[i]}
            disabled={found.left[i] === 0}
            aria-label={t('unitsToRefund', { name: l.name })}
            value={units[i] ?? 0}
            onChange={(e) => setLine(i, Math.max(0, Math.min(found.left[i]!, Math.trunc(Number(e.target.value) || 0))))}
          />
          <button
            type="button"
            disabled={found.left[i] === 0}
            aria-label={t('allOf', { name: l.name })}
            onClick={() => setLine(i, found.left[i]!)}
          >
            {t('all')}
          </button>
        </li>
      ))}
    </ul>
  );
}
