import { useState, type ReactNode } from 'react';
import { DoneNotice } from './done-notice';
import { ErrorNotice } from './error-notice';
import { FormProblem } from './form-problem';

export interface CardFormProps {
  /** The id of the heading that names the form. */
  titleId: string;
  /** The form's own heading; leave it out when a heading already on the page (with id `titleId`) names it. */
  title?: ReactNode;
  /** The heading's level: a form of a page (2) or of a card (3). */
  level?: 2 | 3;
  /** "card form" (the default) for a form of its own, "form" inside a card. */
  className?: string;
  /** The submit button's words, and the words while the request runs (the same unless given). */
  submitLabel: string;
  busyLabel?: string;
  /** The submit button's look ("primary", …). */
  tone?: string;
  /** False hides the submit button (a manager who may only read). */
  canSubmit?: boolean;
  /** A problem with what was typed, said to the manager; nothing is sent while there is one. */
  validate?: () => ReactNode;
  /**
   * Sends the form; what it answers is shown as done (words in one line, or a block of paragraphs and links), a
   * thrown error is shown in the form.
   */
  onSubmit: () => Promise<ReactNode | void>;
  children: ReactNode;
}

/**
 * A form on a page (not in a dialog): its heading, fields, the problem with what was typed, the server's refusal,
 * what the last send did, and the submit button, disabled while the request runs.
 */
export function CardForm(props: CardFormProps) {
  const { titleId, title, level = 2, className = 'card form', validate, onSubmit, children } = props;
  const [problem, setProblem] = useState<ReactNode>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<ReactNode>(null);
  const [busy, setBusy] = useState(false);
  const Heading = level === 2 ? 'h2' : 'h3';

  async function submit() {
    const found = validate?.() || null;
    setProblem(found);
    setError(null);
    setDone(null);
    if (found) return;
    setBusy(true);
    try {
      setDone((await onSubmit()) ?? null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className={className}
      noValidate
      aria-labelledby={titleId}
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
      {title !== undefined && <Heading id={titleId}>{title}</Heading>}
      {children}
      <FormProblem>{problem}</FormProblem>
      <ErrorNotice error={error} />
      {typeof done === 'string' || !done ? (
        <DoneNotice>{done}</DoneNotice>
      ) : (
        <div role="status" className="ok">
          {done}
        </div>
      )}
      {props.canSubmit !== false && (
        <div className="actions start">
          <button type="submit" className={props.tone} disabled={busy}>
            {busy && props.busyLabel ? props.busyLabel : props.submitLabel}
          </button>
        </div>
      )}
    </form>
  );
}
