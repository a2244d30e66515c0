import { sumCents } from '../money';
import type { ApprovalKind } from '../protocol/approval';
import type { SaleDoc, SaleLine } from '../protocol/sale-doc';
import { lineGrossCents } from './line-amount';

type Line = Pick<
  SaleLine,
  'unitPriceCents' | 'quantity' | 'discountCents' | 'ticketDiscountCents' | 'overriddenFromCents'
>;
type Ticket = Pick<SaleDoc, 'kind' | 'totalCents' | 'refundOf'> & { lines: readonly Line[] };

/** A discount of `cents` on `grossCents` is above `limitBp` basis points (exactly at the limit is allowed). */
function aboveLimit(cents: number, grossCents: number, limitBp: number): boolean {
  return cents > 0 && BigInt(cents) * 10_000n > BigInt(grossCents) * BigInt(limitBp);
}

/**
 * What a ticket needs a supervisor's approval for, one rule on the tablet (which asks before the
 * charge) and on the server (which refuses a ticket without them). `maxDiscountBp` is the branch's
 * largest discount a cashier may give alone: any line's own discount, or the ticket's discounts
 * taken together, above it needs approval. A changed price, a zero total and a refund naming no
 * sale always do.
 */
export function approvalsNeeded(ticket: Ticket, maxDiscountBp: number): ApprovalKind[] {
  const needed: ApprovalKind[] = [];
  if (ticket.kind === 'refund') {
    if (ticket.refundOf === null) needed.push('refund_without_receipt');
    return needed;
  }
  const gross = sumCents(ticket.lines.map((l) => lineGrossCents(l)));
  const discounts = sumCents(ticket.lines.map((l) => l.discountCents));
  const lineAbove = ticket.lines.some((l) =>
    aboveLimit(l.discountCents - (l.ticketDiscountCents ?? 0), lineGrossCents(l), maxDiscountBp),
  );
  if (lineAbove || aboveLimit(discounts, gross, maxDiscountBp)) needed.push('discount');
  if (ticket.lines.some((l) => (l.overriddenFromCents ?? null) !== null)) needed.push('price_override');
  if (ticket.totalCents === 0) needed.push('zero_total');
  return needed;
}

/** The kinds `needed` for which `approvals` holds no approval. */
export function missingApprovals(
  needed: readonly ApprovalKind[],
  approvals: readonly { kind: ApprovalKind }[],
): ApprovalKind[] {
  return needed.filter((k) => !approvals.some((a) => a.kind === k));
}
