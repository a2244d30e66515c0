import { sumCents } from '../money';
import type { Payment } from '../protocol/sale-doc';

export interface ExchangeSettlement {
  /** taken − returned: > 0 the customer pays it, < 0 the customer is given it back in cash, 0 even. */
  differenceCents: number;
  /** The refund's tenders: the credit carried to the sale, and any cash given back. */
  refundPayments: Payment[];
  /** The sale's tenders: the credit from the refund, and the money paid for the rest. */
  salePayments: Payment[];
}

/**
 * SPEC S14: the tenders of an exchange's two tickets. The worth of the returned goods pays the
 * taken goods by an 'exchange' tender of min(returned, taken) on both tickets; only the difference
 * is money. `paid` are the tenders of the difference the customer owes (cash with change, card, or
 * both, as at any charge), exactly that amount; none when even or when the customer gets money
 * back, which is always cash.
 */
export function settleExchange(
  returnedCents: number,
  takenCents: number,
  paid: readonly Payment[],
): ExchangeSettlement {
  if (returnedCents <= 0 || takenCents <= 0) throw new RangeError('Nothing to exchange');
  const differenceCents = takenCents - returnedCents;
  if (
    sumCents(paid.map((p) => p.amountCents)) !== Math.max(0, differenceCents) ||
    paid.some((p) => p.method === 'exchange')
  )
    throw new RangeError('The tenders do not pay the difference');
  const carried: Payment = {
    method: 'exchange',
    amountCents: Math.min(returnedCents, takenCents),
    tenderedCents: null,
  };
  const back = -differenceCents;
  return {
    differenceCents,
    refundPayments: back > 0 ? [carried, { method: 'cash', amountCents: back, tenderedCents: back }] : [carried],
    salePayments: [carried, ...paid],
  };
}

/** Problems with a ticket's exchange fields (SPEC S14), one sentence each; the server checks them at ingest. */
export function exchangeProblems(doc: {
  kind: 'sale' | 'refund';
  payments: readonly Payment[];
  exchangeWith?: string | null;
}): string[] {
  const problems: string[] = [];
  const carried = doc.payments.filter((p) => p.method === 'exchange');
  if (carried.length > 0 && !doc.exchangeWith)
    problems.push("an 'exchange' tender is only on a ticket of an exchange (exchangeWith)");
  if (carried.length > 1) problems.push("an exchange carries its credit in one 'exchange' tender");
  if (carried.some((p) => p.tenderedCents !== null)) problems.push("an 'exchange' tender has no cash tendered");
  if (doc.exchangeWith && carried.length === 0)
    problems.push("a ticket of an exchange carries the returned goods' worth in an 'exchange' tender");
  if (doc.kind === 'refund' && doc.payments.some((p) => p.method === 'card') && carried.length > 0)
    problems.push('the money an exchange gives back is cash');
  return problems;
}
