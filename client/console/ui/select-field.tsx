import { useId, type ReactNode } from 'react';

export interface SelectOption {
  value: string;
  label: string;
}

/**
 * A labelled <select> (label beside, not around it, so the accessible name is the label alone). Its choices are
 * either `options` (with `all`: a first choice of value "" that filters nothing, e.g. "Todas las sucursales") or
 * <option> children.
 */
export function SelectField({
  label,
  value,
  onChange,
  options,
  all,
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options?: readonly SelectOption[];
  all?: string;
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {all !== undefined && <option value="">{all}</option>}
        {options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
    </div>
  );
}

/** Branches (or locations) as choices of a SelectField. */
export function placeOptions(places: readonly { id: string; name: string }[]): SelectOption[] {
  return places.map((p) => ({ value: p.id, label: p.name }));
}

/** Fixed values (states, kinds, reasons) as choices of a SelectField, each with its words. */
export function choices<V extends string>(values: readonly V[], label: (value: V) => string): SelectOption[] {
  return values.map((value) => ({ value, label: label(value) }));
}
