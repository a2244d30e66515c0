import type { InputHTMLAttributes } from 'react';

/** The search box at the top of a list (the catalogue, the ticket history): named, with a hint of what it finds. */
export function SearchField({
  label,
  hint,
  value,
  onChange,
  ...input
}: {
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'type' | 'placeholder'>) {
  return (
    <input
      type="search"
      className="search"
      aria-label={label}
      placeholder={hint}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      {...input}
    />
  );
}
