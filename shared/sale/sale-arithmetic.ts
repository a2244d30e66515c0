import { multiplyCents, sumCents } from '../money';
import type { Payment, SaleDoc, SaleLine } from '../protocol/sale-doc';

export function lineTotal(line: Pick<SaleLine, 'unitPriceCents' | 'quantity'>): number {
  return multiplyCents(line.unitPriceCents, line.quantity);
}

export function saleTotal(lines: readonly Pick<SaleLine, 'unitPriceCents' | 'quantity'>[]): number {
  return sumCents(lines.map(lineTotal));
}

/** Cash change due: what was tendered beyond the total (never negative). */
export function changeDue(totalCents: number, payments: readonly Payment[]): number {
  return Math.max(0, sumCents(payments.map((p) => p.amountCents)) - totalCents);
}

/**
 * Problems with a sale's own arithmetic, one sentence each; empty when it adds up.
 * The same rule runs on the device before commit and on the server at ingest.
 */
export function saleArithmeticProblems(sale: Pick<SaleDoc, 'lines' | 'totalCents' | 'payments'>): string[] {
  const problems: string[] = [];
  sale.lines.forEach((line, i) => {
    if (line.lineTotalCents !== lineTotal(line)) {
      problems.push(`line ${i + 1}: lineTotalCents ${line.lineTotalCents} is not ${line.quantity} × ${line.unitPriceCents}`);
    }
  });
  const expected = sumCents(sale.lines.map((l) => l.lineTotalCents));
  if (sale.totalCents !== expected) {
    problems.push(`totalCents ${sale.totalCents} is not the sum of the lines (${expected})`);
  }
  const paid = sumCents(sale.payments.map((p) => p.amountCents));
  if (paid < sale.totalCents) problems.push(`payments (${paid}) do not cover the total (${sale.totalCents})`);
  const card = sumCents(sale.payments.filter((p) => p.method === 'card').map((p) => p.amountCents));
  if (card > sale.totalCents) problems.push(`card payments (${card}) exceed the total (${sale.totalCents})`);
  return problems;
}
