/** A labelled field for an amount of money, typed as the cashier says it (12,50); parsed by parse-amount. */
export function AmountField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (text: string) => void;
}) {
  return (
    <label htmlFor={id} className="field">
      {label}
      <input id={id} inputMode="decimal" autoComplete="off" value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
