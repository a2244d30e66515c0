import type { Payment } from '../protocol/sale-doc';

/** How the customer settles an exchange's difference when they owe it: cash handed over, or card. */
export type DifferenceTender = { method: 'cash'; tenderedCents: number } | { method: 'card' };

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
 * is money. `tender` is needed only when the customer owes something (cash handed over, at least
 * the difference, or card); the money given back is always cash.
 */
export function settleExchange(
  returnedCents: number,
  takenCents: number,
  tender: DifferenceTender | null,
): ExchangeSettlement {
  if (returnedCents <= 0 || takenCents <= 0)
    throw new RangeError('An exchange returns and takes something worth more than nothing.');
  const credit = Math.min(returnedCents, takenCents);
  const differenceCents = takenCents - returnedCents;
  const carried: Payment = { method: 'exchange', amountCents: credit, tenderedCents: null };
  const refundPayments: Payment[] = [carried];
  const salePayments: Payment[] = [carried];
  if (differenceCents < 0) {
    const back = -differenceCents;
    refundPayments.push({ method: 'cash', amountCents: back, tenderedCents: back });
  } else if (differenceCents > 0) {
    if (!tender) throw new RangeError('The customer owes the difference: say how they pay it.');
    if (tender.method === 'card')
      salePayments.push({ method: 'card', amountCents: differenceCents, tenderedCents: null });
    else {
      if (tender.tenderedCents < differenceCents)
        throw new RangeError('The cash handed over does not cover the difference.');
      salePayments.push({ method: 'cash', amountCents: differenceCents, tenderedCents: tender.tenderedCents });
    }
  }
  return { differenceCents, refundPayments: [...refundPayments], salePayments: [...salePayments] };
}

/** Problems with a ticket's exchange fields (SPEC S14), one sentence each; the device and the server both check. */
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
