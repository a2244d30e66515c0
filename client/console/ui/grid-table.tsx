import type { ReactNode } from 'react';

/**
 * A table of rows in a scrollable region named by the heading `labelledBy` (keyboard users scroll it with the
 * arrow keys). `columns` are the header cells' words; `children` the <tr> rows. For long lists, VirtualTable.
 */
export function GridTable({
  labelledBy,
  columns,
  children,
}: {
  labelledBy: string;
  columns: readonly ReactNode[];
  children: ReactNode;
}) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      <table className="grid">
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
