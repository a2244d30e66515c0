import { useId, type ComponentPropsWithRef } from 'react';

interface FieldOwn {
  label: string;
  /** What is wrong with this field, shown under it and tied to it (aria-describedby). */
  error?: string | false | null;
}

function useFieldIds(error: FieldOwn['error'], given: string | undefined) {
  const generated = useId();
  const id = given ?? generated;
  const errorId = `${id}-error`;
  return { id, errorId, described: error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {} };
}

function FieldError({ id, error }: { id: string; error: FieldOwn['error'] }) {
  if (!error) return null;
  return (
    <p id={id} className="field-error">
      {error}
    </p>
  );
}

/**
 * A labelled text input (label beside, not around it, so the accessible name is the label alone). Takes every
 * <input> prop, so react-hook-form's `register()` spreads into it as well as `value`/`onChange`.
 */
export function TextField({ label, error, className, ...input }: FieldOwn & ComponentPropsWithRef<'input'>) {
  const { id, errorId, described } = useFieldIds(error, input.id);
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input {...described} {...input} id={id} />
      <FieldError id={errorId} error={error} />
    </div>
  );
}

/** A labelled multi-line text field, like TextField. */
export function TextAreaField({ label, error, className, ...area }: FieldOwn & ComponentPropsWithRef<'textarea'>) {
  const { id, errorId, described } = useFieldIds(error, area.id);
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <textarea {...described} {...area} id={id} />
      <FieldError id={errorId} error={error} />
    </div>
  );
}
