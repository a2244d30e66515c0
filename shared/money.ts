/** Money is always an integer number of minor units (cents). Never a float. */
export type Cents = number;

export function isCents(value: number): boolean {
  return Number.isSafeInteger(value);
}

export function multiplyCents(unitCents: Cents, quantity: number): Cents {
  if (!isCents(unitCents) || !Number.isInteger(quantity)) {
    throw new RangeError(`multiplyCents needs integers, got ${unitCents} × ${quantity}`);
  }
  return unitCents * quantity;
}

export function sumCents(values: readonly Cents[]): Cents {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Formats minor units with Intl for the branch's currency (fraction digits come from the currency). */
export function formatMoney(cents: Cents, currency: string, locale: string): string {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, f);
  }
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(cents / 10 ** digits);
}
