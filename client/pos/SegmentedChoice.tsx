/** One choice out of a few, shown as a row of toggle buttons (a radio group). */
export function SegmentedChoice<K extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  /** Each choice and the words on its button, in order. */
  options: readonly (readonly [K, string])[];
  value: K;
  onChange: (choice: K) => void;
}) {
  return (
    <div role="radiogroup" aria-label={label} className="segmented">
      {options.map(([k, text]) => (
        <button key={k} type="button" role="radio" aria-checked={value === k} onClick={() => onChange(k)}>
          {text}
        </button>
      ))}
    </div>
  );
}
