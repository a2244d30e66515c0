import type { ReactNode } from 'react';

/** What the manager's last action did ("Guardado", "Enviado"…), announced politely (nothing when there is none). */
export function DoneNotice({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p role="status" className="ok">
      {children}
    </p>
  );
}
