import type { Denomination, DenominationCount } from '../../../shared/cash/denominations';
import { countedTotal } from '../../../shared/cash/denominations';
import { useT } from '../i18n';
import { cashMessages } from './cash-messages';
import { useMoney } from '../session/device-context';

/** What the cashier typed per note or coin, by value; '' is none. */
export type CountTexts = Record<number, string>;

/** The counts typed, or null when one is not a whole number. Zero counts are left out. */
export function parseCounts(texts: CountTexts): DenominationCount[] | null {
  const counts: DenominationCount[] = [];
  for (const [value, text] of Object.entries(texts)) {
    const t = text.trim();
    if (t === '') continue;
    if (!/^\d{1,6}$/.test(t)) return null;
    const count = Number(t);
    if (count > 0) counts.push({ valueCents: Number(value), count });
  }
  return counts.sort((a, b) => b.valueCents - a.valueCents);
}

/** One row per note and coin of the branch's currency, with the total shown as it is counted. */
export function DenominationCounter({
  denominations,
  texts,
  onChange,
}: {
  denominations: Denomination[];
  texts: CountTexts;
  onChange: (texts: CountTexts) => void;
}) {
  const money = useMoney();
  const t = useT(cashMessages);
  const counts = parseCounts(texts);
  return (
    <div className="denominations">
      <ul className="denomination-grid">
        {denominations.map((d) => {
          const id = `count-${d.valueCents}`;
          const label = t(d.kind, { value: money(d.valueCents) });
          const n = Number(texts[d.valueCents] ?? '');
          return (
            <li key={d.valueCents} className={d.kind}>
              <label htmlFor={id}>{label}</label>
              <input
                id={id}
                inputMode="numeric"
                autoComplete="off"
                placeholder="0"
                value={texts[d.valueCents] ?? ''}
                onChange={(e) => onChange({ ...texts, [d.valueCents]: e.target.value })}
              />
              <span className="subtotal" aria-hidden="true">
                {Number.isInteger(n) && n > 0 ? money(n * d.valueCents) : ''}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="counted-total" role="status" aria-live="polite" data-testid="counted-so-far">
        {counts ? t('countedSoFar', { amount: money(countedTotal(counts)) }) : t('badCount')}
      </p>
    </div>
  );
}
