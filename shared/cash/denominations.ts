/**
 * The notes and coins in circulation for the currencies the chain may sell in, in minor units
 * (the currency's fraction digits as Intl gives them: COP and CLP have none). A till is
 * counted by these; a currency not listed is counted by typing the total.
 */
export interface Denomination {
  valueCents: number;
  kind: 'note' | 'coin';
}

/** How many of one denomination were counted. */
export interface DenominationCount {
  valueCents: number;
  count: number;
}

type Table = { digits: number; notes: number[]; coins: number[] };

// Values in major units (COP and CLP have no fraction digits in Intl); a value the same as a note's is kept once (MXN's 20 coin counts with the note).
const TABLES: Record<string, Table> = {
  USD: { digits: 2, notes: [100, 50, 20, 10, 5, 2, 1], coins: [0.5, 0.25, 0.1, 0.05, 0.01] },
  EUR: { digits: 2, notes: [500, 200, 100, 50, 20, 10, 5], coins: [2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01] },
  MXN: { digits: 2, notes: [1000, 500, 200, 100, 50, 20], coins: [10, 5, 2, 1, 0.5] },
  COP: { digits: 0, notes: [100000, 50000, 20000, 10000, 5000, 2000], coins: [1000, 500, 200, 100, 50] },
  PEN: { digits: 2, notes: [200, 100, 50, 20, 10], coins: [5, 2, 1, 0.5, 0.2, 0.1] },
  CLP: { digits: 0, notes: [20000, 10000, 5000, 2000, 1000], coins: [500, 100, 50, 10] },
  ARS: { digits: 2, notes: [20000, 10000, 2000, 1000, 500, 200, 100], coins: [10, 5, 2, 1] },
  GBP: { digits: 2, notes: [50, 20, 10, 5], coins: [2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01] },
};

export const DENOMINATION_CURRENCIES = Object.keys(TABLES);

function toMinor(major: number, digits: number): number {
  return Math.round(major * 10 ** digits);
}

/** The currency's notes then coins, largest first; null when the currency has no table. */
export function denominationsOf(currency: string): Denomination[] | null {
  const table = TABLES[currency.toUpperCase()];
  if (!table) return null;
  return [
    ...table.notes.map((v) => ({ valueCents: toMinor(v, table.digits), kind: 'note' as const })),
    ...table.coins.map((v) => ({ valueCents: toMinor(v, table.digits), kind: 'coin' as const })),
  ];
}

/** The fraction digits the table was written with (it must agree with Intl's, which formats the money). */
export function denominationDigits(currency: string): number | null {
  return TABLES[currency.toUpperCase()]?.digits ?? null;
}

/** What the counted notes and coins add up to, in minor units. */
export function countedTotal(counts: readonly DenominationCount[]): number {
  let total = 0;
  for (const c of counts) total += c.valueCents * c.count;
  return total;
}

/**
 * Why a count by denomination cannot be the close of a till in this currency, or null when it can:
 * every value one of the currency's, each once, and adding up to the amount recorded.
 */
export function denominationProblem(
  currency: string,
  counts: readonly DenominationCount[],
  amountCents: number,
): string | null {
  if (counts.length === 0) return null;
  const table = denominationsOf(currency);
  if (!table) return `${currency} has no table of notes and coins; send the counted total without denominations.`;
  const known = new Set(table.map((d) => d.valueCents));
  const seen = new Set<number>();
  for (const c of counts) {
    if (!known.has(c.valueCents)) return `${c.valueCents} is not a note or coin of ${currency}.`;
    if (seen.has(c.valueCents)) return `The note or coin ${c.valueCents} is counted twice; send each once.`;
    seen.add(c.valueCents);
  }
  const total = countedTotal(counts);
  if (total !== amountCents)
    return `The notes and coins add up to ${total}, but the cash counted says ${amountCents}; they must agree.`;
  return null;
}
