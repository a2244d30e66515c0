import { isValidElement, type ReactNode } from 'react';

/** A header cell over numbers (aligned to the right like them). */
export interface NumericColumn {
  numeric: ReactNode;
}

/** A column of numbers, for GridTable's `columns`. */
export const numeric = (label: ReactNode): NumericColumn => ({ numeric: label });

function isNumeric(c: ReactNode | NumericColumn): c is NumericColumn {
  return typeof c === 'object' && c !== null && !isValidElement(c) && 'numeric' in c;
}

interface TableParts {
  columns: readonly (ReactNode | NumericColumn)[];
  /** The table's own title (with id `captionId`). */
  caption?: ReactNode;
  captionId?: string;
  foot?: ReactNode;
  children: ReactNode;
}

/**
 * A table with a header row: `columns` are the header cells' words, `children` the <tr> rows, `foot` the totals'
 * rows. Short tables inside a card; GridTable puts one in a scrollable region.
 */
export function DataTable({ columns, caption, captionId, foot, children }: TableParts) {
  return (
    <table className="grid">
      {caption && <caption id={captionId}>{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c, i) =>
            isNumeric(c) ? (
              <th key={i} scope="col" className="num">
                {c.numeric}
              </th>
            ) : (
              <th key={i} scope="col">
                {c}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
      {foot && <tfoot>{foot}</tfoot>}
    </table>
  );
}

/**
 * A DataTable in a scrollable region named by the heading `labelledBy` (or by `label`, or by its own `caption`);
 * keyboard users scroll it with the arrow keys. For long lists, VirtualTable.
 */
export function GridTable({
  labelledBy,
  label,
  className,
  ...table
}: Omit<TableParts, 'captionId'> & { labelledBy?: string; label?: string; className?: string }) {
  return (
    <div
      className={className ? `table-scroll ${className}` : 'table-scroll'}
      role="region"
      aria-labelledby={labelledBy}
      aria-label={label}
      tabIndex={0}
    >
      <DataTable {...table} captionId={labelledBy} />
    </div>
  );
}
