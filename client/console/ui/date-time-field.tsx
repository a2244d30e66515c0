import type { ComponentPropsWithRef } from 'react';
import { TextField } from './text-field';

/** A date and time as the browser's datetime-local field writes it ("2026-03-01T09:30"), in the branch's zone. */
export const isLocalDateTime = (text: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text);

/**
 * A labelled date-and-time field (the label says the time zone it is read in); `onText` gets what it holds, to
 * check with isLocalDateTime and turn into an instant with zonedLocalToIso.
 */
export function DateTimeField({
  onText,
  ...field
}: { label: string; onText: (text: string) => void } & Omit<ComponentPropsWithRef<'input'>, 'type' | 'onChange'>) {
  return <TextField {...field} type="datetime-local" onChange={(e) => onText(e.target.value)} />;
}
