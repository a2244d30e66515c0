import type { ReactNode } from 'react';

/**
 * A console page: its heading (id `titleId`, which tables below may name as their label) with the page's own
 * buttons beside it, then the page.
 */
export function PageSection({
  titleId,
  title,
  actions,
  className,
  children,
}: {
  titleId: string;
  title: ReactNode;
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section className={className ? `page ${className}` : 'page'} aria-labelledby={titleId}>
      <div className="page-head">
        <h1 id={titleId}>{title}</h1>
        {actions}
      </div>
      {children}
    </section>
  );
}
