import type { ReactNode } from 'react';

/** What stops a form from being sent, announced as soon as it shows (nothing when there is no problem). */
export function FormProblem({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="field-error" role="alert">
      {children}
    </p>
  );
}
