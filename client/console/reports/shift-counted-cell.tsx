import type { ShiftRow } from '../../../shared/console/reports-shifts';

/** The cash counted at a close and, when it was counted note by note, the notes and coins. */
export function ShiftCountedCell({
  shift,
  money,
  label,
}: {
  shift: Pick<ShiftRow, 'countedCashCents' | 'denominations'>;
  money: (cents: number) => string;
  /** "Billetes y monedas". */
  label: string;
}) {
  if (shift.countedCashCents === null) return <>—</>;
  if (shift.denominations.length === 0) return <>{money(shift.countedCashCents)}</>;
  return (
    <details className="denominations">
      <summary>{money(shift.countedCashCents)}</summary>
      <p className="sub">{label}</p>
      <ul>
        {shift.denominations.map((d) => (
          <li key={d.valueCents}>
            {d.count} × {money(d.valueCents)}
          </li>
        ))}
      </ul>
    </details>
  );
}
