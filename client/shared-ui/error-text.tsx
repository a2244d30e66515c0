import type { ReactNode } from 'react';

/** What failed or what stops the person, said at once (role=alert) in the error look; nothing when there is none. */
export function ErrorText({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p role="alert" className="error">
      {children}
    </p>
  );
}
