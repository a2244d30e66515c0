import type { UnparseObject } from 'papaparse';

/**
 * Saves rows (objects, or `fields` and `data`) as `<name>-<today>.csv` through the browser's download.
 * papaparse is loaded on the first export, not with the page.
 */
export async function downloadCsv<T>(name: string, rows: T[] | UnparseObject<T>): Promise<void> {
  const { unparse } = await import('papaparse');
  const url = URL.createObjectURL(new Blob([unparse(rows)], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}-${new Date().toISOString().slice(0, 10)}.csv`;
  a.click();
  // Some browsers read the file after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
