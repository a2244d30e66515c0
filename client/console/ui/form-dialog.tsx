import { useState, type ReactNode } from 'react';
import { useT } from '../i18n/i18n';
import { Dialog } from './dialog';
import { ErrorNotice } from './error-notice';
import { uiMessages } from './ui-messages';

export interface FormDialogProps {
  title: string;
  /** The submit button's words ("Guardar", "Crear", …). */
  submitLabel: string;
  onClose: () => void;
  /** A problem with what was typed, said to the manager; nothing is sent while there is one. */
  validate?: () => string | null | undefined | false;
  /** Sends the form; a thrown error is shown in the dialog, which stays open. */
  onSubmit: () => Promise<unknown>;
  /** Two columns of fields (wide children span both with className "wide"). */
  columns?: 1 | 2;
  /** The submit button's look: "primary" (the default) or "danger" (then Cancel has the focus first). */
  tone?: 'primary' | 'danger';
  children: ReactNode;
}

/**
 * A dialog holding one form: fields, the problem with what was typed, the server's refusal, Cancel and submit.
 * Enter submits; the submit button is disabled while the request runs.
 */
export function FormDialog(props: FormDialogProps) {
  const { title, submitLabel, onClose, validate, onSubmit, columns = 1, tone = 'primary', children } = props;
  const t = useT(uiMessages);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const wide = columns === 2 ? 'wide' : undefined;

  async function submit() {
    const found = validate?.() || null;
    setProblem(found);
    setError(null);
    if (found) return;
    setBusy(true);
    try {
      await onSubmit();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={title} onClose={onClose}>
      <form
        className={columns === 2 ? 'form two-columns' : 'form'}
        noValidate
        onChange={() => {
          // What was said about the last send refers to what was typed then: an edit makes it stale.
          setProblem(null);
          setError(null);
        }}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {children}
        {problem && (
          <p className={wide ? 'field-error wide' : 'field-error'} role="alert">
            {problem}
          </p>
        )}
        {error ? (
          <div className={wide}>
            <ErrorNotice error={error} />
          </div>
        ) : null}
        <div className={wide ? 'actions wide' : 'actions'}>
          <button type="button" onClick={onClose} autoFocus={tone === 'danger'}>
            {t('cancel')}
          </button>
          <button type="submit" className={tone} disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
