import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { sellMessages } from './sell-messages';

/**
 * An editor opened in the cart (a line's price, a line's or the ticket's discount): its fields, the
 * problem with what was typed, a note, then apply, any other action, and cancel.
 */
export function CartEditor({
  label,
  problem,
  note,
  applyLabel,
  onApply,
  otherAction,
  onCancel,
  children,
}: {
  label: string;
  problem: string | null;
  note?: ReactNode;
  applyLabel: string;
  onApply: () => void;
  /** Shown between apply and cancel (e.g. removing the discount). */
  otherAction?: ReactNode;
  onCancel: () => void;
  children: ReactNode;
}) {
  const t = useT(sellMessages);
  return (
    <div className="discount-editor" role="group" aria-label={label}>
      {children}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {note}
      <div className="row">
        <button type="button" className="primary" onClick={onApply}>
          {applyLabel}
        </button>
        {otherAction}
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
