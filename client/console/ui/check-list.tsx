import type { ReactNode } from 'react';

/** One checkbox with its words beside it. */
export function CheckField({
  label,
  checked,
  onChange,
  className,
}: {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
}) {
  return (
    <label className={className ? `check ${className}` : 'check'}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

/** A named group of checkboxes choosing some of `options` (in the order they were ticked). */
export function CheckList<V extends string>({
  legend,
  options,
  chosen,
  onChange,
  className,
}: {
  legend: string;
  options: readonly { value: V; label: string }[];
  chosen: readonly V[];
  onChange: (chosen: V[]) => void;
  className?: string;
}) {
  return (
    <fieldset className={className ? `checks ${className}` : 'checks'}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <CheckField
          key={o.value}
          label={o.label}
          checked={chosen.includes(o.value)}
          onChange={(on) => onChange(on ? [...chosen, o.value] : chosen.filter((v) => v !== o.value))}
        />
      ))}
    </fieldset>
  );
}
