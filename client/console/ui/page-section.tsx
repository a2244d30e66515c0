import type { ReactNode } from 'react';
import { Link } from 'wouter';

/**
 * A console page: its heading (id `titleId`, which tables below may name as their label) with the page's own
 * buttons beside it, then the page. A page reached from a list has a link `back` to it above the heading.
 */
export function PageSection({
  titleId,
  title,
  actions,
  className,
  back,
  children,
}: {
  titleId: string;
  title: ReactNode;
  actions?: ReactNode;
  className?: string;
  back?: { href: string; label: string };
  children: ReactNode;
}) {
  return (
    <section className={className ? `page ${className}` : 'page'} aria-labelledby={titleId}>
      {back && <Link href={back.href}>{back.label}</Link>}
      <div className="page-head">
        <h1 id={titleId}>{title}</h1>
        {actions}
      </div>
      {children}
    </section>
  );
}
