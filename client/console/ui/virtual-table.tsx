import { tableFeatures, useTable, type ColumnDef, type RowData } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';

const gridFeatures = tableFeatures({});
export type GridFeatures = typeof gridFeatures;
export type GridColumn<T extends RowData> = ColumnDef<GridFeatures, T, unknown>;

/**
 * A real <table> (headers, row headers, screen readers) whose body renders only the rows in view:
 * spacer rows stand for the rest, so tens of thousands of rows scroll smoothly. `onNearEnd` asks
 * for the next server page as the manager scrolls towards the end.
 */
export function VirtualTable<T extends RowData>({
  label,
  columns,
  data,
  rowKey,
  rowHeight = 52,
  height = 'calc(100vh - 300px)',
  onNearEnd,
}: {
  label: string;
  columns: GridColumn<T>[];
  data: T[];
  rowKey: (row: T) => string;
  rowHeight?: number;
  height?: string;
  onNearEnd?: () => void;
}) {
  const table = useTable({ features: gridFeatures, columns, data, getRowId: (row) => rowKey(row) });
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const lastIndex = items.at(-1)?.index ?? -1;
  const nearEnd = rows.length > 0 && lastIndex >= rows.length - 10;
  const onNearEndRef = useRef(onNearEnd);
  onNearEndRef.current = onNearEnd;
  useEffect(() => {
    if (nearEnd) onNearEndRef.current?.();
  }, [nearEnd, rows.length]);

  return (
    <div
      className="table-scroll"
      ref={scrollRef}
      style={{ maxHeight: height }}
      role="region"
      aria-label={label}
      tabIndex={0}
    >
      <table className="grid">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col">
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {top > 0 && (
            <tr aria-hidden="true" style={{ height: top }}>
              <td colSpan={columns.length} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <tr key={row.id} style={{ height: rowHeight }}>
                {row.getAllCells().map((cell, i) =>
                  i === 0 ? (
                    <th key={cell.id} scope="row">
                      <table.FlexRender cell={cell} />
                    </th>
                  ) : (
                    <td key={cell.id}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ),
                )}
              </tr>
            );
          })}
          {bottom > 0 && (
            <tr aria-hidden="true" style={{ height: bottom }}>
              <td colSpan={columns.length} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
