import type { SaleRow } from '../../sync/collections';

/** Lower case without accents, as the catalogue search folds names. */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/**
 * Whether a ticket matches what the cashier typed: part of its number, its time (10:42), its
 * total (4.30 or 4,30) or a product on it. Every word typed must match something.
 */
export function ticketMatches(sale: SaleRow, query: string, time: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const total = (sale.totalCents / 100).toFixed(2);
  const haystack = [sale.receiptNumber, time, total, total.replace('.', ','), ...sale.lines.map((l) => fold(l.name))];
  return words.every((w) => haystack.some((h) => h.includes(w)));
}

/** Midnight of `now`'s day on this tablet's clock, as an ISO instant. */
export function startOfDay(now: Date): string {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
}
