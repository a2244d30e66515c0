import { sumCents } from '../money';
import { lineAmountProblem, lineGrossCents, type PricedQuantity } from './line-amount';
import type { Payment, SaleDoc, SaleLine } from '../protocol/sale-doc';
import { ticketDiscountProblems } from './ticket-discount';

/** The line's worth (price × quantity, rounded once per line: line-amount.ts) − discount, in cents. */
export function lineTotal(line: PricedQuantity & Partial<Pick<SaleLine, 'discountCents'>>): number {
  return lineGrossCents(line) - (line.discountCents ?? 0);
}

export function saleTotal(lines: readonly (PricedQuantity & Partial<Pick<SaleLine, 'discountCents'>>)[]): number {
  return sumCents(lines.map(lineTotal));
}

/** Cash change due: cash handed over beyond what it pays (never negative). */
export function changeDue(payments: readonly Payment[]): number {
  return sumCents(
    payments.map((p) =>
      p.method === 'cash' && p.tenderedCents !== null ? Math.max(0, p.tenderedCents - p.amountCents) : 0,
    ),
  );
}

/**
 * Problems with a ticket's own arithmetic, one sentence each; empty when it adds up.
 * The same rule runs on the device before commit and on the server at ingest.
 * Tenders must pay the total exactly; cash handed over beyond that is change, kept in tenderedCents.
 */
export function saleArithmeticProblems(
  sale: Pick<SaleDoc, 'lines' | 'totalCents' | 'payments'> & Partial<Pick<SaleDoc, 'ticketDiscount'>>,
): string[] {
  const problems: string[] = ticketDiscountProblems(sale);
  sale.lines.forEach((line, i) => {
    const gross = lineGrossCents(line);
    const amount = lineAmountProblem(line);
    if (amount) problems.push(`line ${i + 1}: ${amount}`);
    if (line.discountCents > gross)
      problems.push(`line ${i + 1}: discount ${line.discountCents} exceeds the line's ${gross}`);
    if (line.discountCents > 0 && !line.discountReason?.trim())
      problems.push(`line ${i + 1}: a discount needs a reason`);
    if (line.lineTotalCents !== lineTotal(line)) {
      problems.push(
        `line ${i + 1}: lineTotalCents ${line.lineTotalCents} is not ${line.quantity} × ${line.unitPriceCents} − ${line.discountCents}`,
      );
    }
  });
  const expected = sumCents(sale.lines.map((l) => l.lineTotalCents));
  if (sale.totalCents !== expected) {
    problems.push(`totalCents ${sale.totalCents} is not the sum of the lines (${expected})`);
  }
  const paid = sumCents(sale.payments.map((p) => p.amountCents));
  if (paid !== sale.totalCents) problems.push(`payments (${paid}) do not add up to the total (${sale.totalCents})`);
  sale.payments.forEach((p, i) => {
    if (p.method === 'card' && p.tenderedCents !== null)
      problems.push(`payment ${i + 1}: a card payment has no cash tendered`);
    if (p.method === 'cash' && p.tenderedCents !== null && p.tenderedCents < p.amountCents) {
      problems.push(`payment ${i + 1}: cash tendered ${p.tenderedCents} is less than the ${p.amountCents} it pays`);
    }
  });
  return problems;
}
