import type { ReactNode } from 'react';
import { PinPad } from './PinPad';
import type { PinEntry } from './use-pin-entry';

/**
 * The PIN form of the person chosen from a list: fields of its own first (`children`), the PIN pad,
 * and, when `back` is given, a button that returns to the list and forgets the typed PIN.
 */
export function PersonPinForm({
  entry,
  label,
  inputId,
  submitLabel,
  back,
  onSubmit,
  children,
}: {
  entry: PinEntry;
  label: string;
  inputId: string;
  submitLabel: string;
  back?: { label: string; onBack: () => void };
  onSubmit: () => void;
  children?: ReactNode;
}) {
  return (
    <form
      className="pin-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <PinPad entry={entry} label={label} inputId={inputId} submitLabel={submitLabel} />
      {back && (
        <button type="button" className="ghost" onClick={() => (back.onBack(), entry.reset())}>
          {back.label}
        </button>
      )}
    </form>
  );
}
