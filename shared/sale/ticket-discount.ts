import { sumCents, type Cents } from '../money';
import type { SaleLine, TicketDiscount } from '../protocol/sale-doc';
import { discountCents, type LineDiscountInput } from './cart-math';
import { lineGrossCents } from './line-amount';

/**
 * A whole-ticket discount spread over the lines by largest remainder: each line takes the floor of
 * its proportional share of the discount, and the cents left over go one each to the lines with the
 * largest fractional parts (ties to the earlier line). So the shares add up to the discount exactly,
 * no line's share exceeds the line, and every line total stays `gross − its discounts`, which is
 * what the server checks and what reports sum.
 */
export function spreadTicketDiscount(lineAmounts: readonly Cents[], discount: Cents): Cents[] {
  const total = sumCents(lineAmounts);
  if (discount <= 0 || total <= 0) return lineAmounts.map(() => 0);
  const d = BigInt(Math.min(discount, total));
  const t = BigInt(total);
  const exact = lineAmounts.map((a) => BigInt(Math.max(0, a)) * d);
  const shares = exact.map((e) => e / t);
  let left = d - shares.reduce((s, x) => s + x, 0n);
  const byRemainder = exact
    .map((e, i) => ({ i, rest: e % t }))
    .filter((x) => x.rest > 0n)
    .sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (const { i } of byRemainder) {
    if (left === 0n) break;
    shares[i]! += 1n;
    left -= 1n;
  }
  return shares.map(Number);
}

/** The whole-ticket discount in cents on a ticket worth `subtotalCents`: same rounding and cap as a line's. */
export function ticketDiscountCents(subtotalCents: Cents, discount: LineDiscountInput | null | undefined): Cents {
  return discountCents(subtotalCents, discount);
}

/** A discount's reason on a line that carries both its own and a share of the ticket's. */
export function combinedReason(lineReason: string | null | undefined, ticketReason: string | null): string | null {
  const parts = [lineReason?.trim(), ticketReason?.trim()].filter((r): r is string => !!r);
  return parts.length ? parts.join(' · ').slice(0, 200) : null;
}

type TicketLines = {
  lines: readonly Pick<SaleLine, 'unitPriceCents' | 'quantity' | 'discountCents' | 'ticketDiscountCents'>[];
  ticketDiscount?: TicketDiscount | null;
};

/**
 * Problems with a ticket's whole-ticket discount, one sentence each: its cents must be the percent
 * of the ticket (when a percent), and the lines' shares must be exactly this rule's spread of it.
 */
export function ticketDiscountProblems(sale: TicketLines): string[] {
  const shares = sale.lines.map((l) => l.ticketDiscountCents ?? 0);
  const td = sale.ticketDiscount ?? null;
  if (td === null)
    return shares.some((s) => s !== 0) ? ['lines carry a share of a ticket discount the ticket does not have'] : [];
  const before = sale.lines.map((l, i) => lineGrossCents(l) - l.discountCents + shares[i]!);
  const problems: string[] = [];
  if (td.kind === 'percent') {
    const expected = ticketDiscountCents(sumCents(before), { kind: 'percent', basisPoints: td.basisPoints ?? -1 });
    if (td.basisPoints === null || expected !== td.cents)
      problems.push(`ticket discount ${td.cents} is not ${td.basisPoints ?? '?'} basis points of ${sumCents(before)}`);
  } else if (td.basisPoints !== null) problems.push('an amount ticket discount has no percent');
  const expectedShares = spreadTicketDiscount(before, td.cents);
  if (sumCents(before) < td.cents || expectedShares.some((s, i) => s !== shares[i]))
    problems.push(
      `the lines' shares of the ticket discount (${shares.join(', ')}) are not ${expectedShares.join(', ')}`,
    );
  shares.forEach((s, i) => {
    if (s > sale.lines[i]!.discountCents) problems.push(`line ${i + 1}: ticket share ${s} exceeds its discount`);
  });
  return problems;
}

/**
 * The ticket's lines with a whole-ticket discount spread over them: each line's discount grows by
 * its share, its reason names both, and its total stays price × quantity − discount.
 */
export function applyTicketDiscount(
  lines: readonly SaleLine[],
  input: LineDiscountInput | null,
  reason: string,
): { lines: SaleLine[]; ticketDiscount: TicketDiscount | null } {
  const subtotal = sumCents(lines.map((l) => l.lineTotalCents));
  const cents = ticketDiscountCents(subtotal, input);
  if (!input || cents === 0) return { lines: [...lines], ticketDiscount: null };
  const shares = spreadTicketDiscount(
    lines.map((l) => l.lineTotalCents),
    cents,
  );
  const ticketReason = reason.trim();
  return {
    lines: lines.map((l, i) => {
      const share = shares[i]!;
      if (share === 0) return { ...l, ticketDiscountCents: 0 };
      return {
        ...l,
        discountCents: l.discountCents + share,
        discountReason: combinedReason(l.discountReason, ticketReason),
        lineTotalCents: l.lineTotalCents - share,
        ticketDiscountCents: share,
      };
    }),
    ticketDiscount: {
      kind: input.kind,
      basisPoints: input.kind === 'percent' ? input.basisPoints : null,
      cents,
      reason: ticketReason,
    },
  };
}
