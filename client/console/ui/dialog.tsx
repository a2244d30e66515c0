import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/i18n';
import { uiMessages } from './ui-messages';

/** A modal dialog on the native <dialog>, open while mounted: focus stays inside and Escape closes it. */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

/** A dialog that shows something to read or copy, closed with its one Close button (or Escape). */
export function ViewDialog({
  title,
  onClose,
  wide = false,
  children,
}: {
  title: string;
  onClose: () => void;
  /** Room for a table. */
  wide?: boolean;
  children: ReactNode;
}) {
  const t = useT(uiMessages);
  return (
    <Dialog title={title} onClose={onClose}>
      <div className={wide ? 'form wide-dialog' : 'form'}>
        {children}
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
