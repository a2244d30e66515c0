import { sumCents, type Cents } from '../money';
import type { Payment, SaleLine } from '../protocol/sale-doc';
import { lineGrossCents } from './line-amount';

/**
 * Cart maths of the selling screen: line discounts, the tax breakdown of tax-inclusive prices,
 * tenders and change. Integer cents only; every rounding is "half up" on a non-negative amount.
 */

/** A discount the cashier typed: a fixed amount, or a percent in basis points (1250 = 12.5 %). */
export type LineDiscountInput = { kind: 'amount'; cents: Cents } | { kind: 'percent'; basisPoints: number };

/** round(n / d) with halves going up, for n ≥ 0, d > 0, exact for any safe integers. */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

/**
 * The discount in cents on a line worth `grossCents` (price × quantity): a percent is rounded
 * half up to the cent; either kind is capped at the line, so a discount never exceeds the line
 * and never goes negative.
 */
export function discountCents(grossCents: Cents, discount: LineDiscountInput | null | undefined): Cents {
  if (!discount || grossCents <= 0) return 0;
  const raw =
    discount.kind === 'amount'
      ? Math.trunc(discount.cents)
      : Number(divideRoundHalfUp(BigInt(grossCents) * BigInt(Math.max(0, Math.trunc(discount.basisPoints))), 10_000n));
  return Math.min(grossCents, Math.max(0, raw));
}

/** Parses "12,5" or "12.5" (a percent as people type it) into basis points; null if not a number in 0..100. */
export function percentToBasisPoints(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

/** Parses an amount as people type it ("12", "12.5", "12,50") into minor units; null if it is not one. */
export function parseAmountToCents(text: string, fractionDigits = 2): Cents | null {
  const m = /^\s*(\d{1,10})(?:[.,](\d*))?\s*$/.exec(text);
  if (!m) return null;
  const frac = m[2] ?? '';
  if (frac.length > fractionDigits) return null;
  return Number(m[1]) * 10 ** fractionDigits + Number(frac.padEnd(fractionDigits, '0') || '0');
}

export interface TaxGroup {
  taxRateBp: number;
  /** What the lines of this rate cost after discounts, tax included. */
  grossCents: Cents;
  taxCents: Cents;
  netCents: Cents;
}

/**
 * Tax broken out of tax-inclusive prices, one group per rate, in ascending rate order.
 * Rule: per rate group, on the discounted total of its lines, tax = gross × rate / (1 + rate)
 * rounded half up to the cent; net = gross − tax. So the groups' gross adds up to the ticket
 * total exactly, and tax + net = gross in every group.
 */
export function taxBreakdown(lines: readonly Pick<SaleLine, 'taxRateBp' | 'lineTotalCents'>[]): TaxGroup[] {
  const byRate = new Map<number, Cents>();
  for (const l of lines) byRate.set(l.taxRateBp, (byRate.get(l.taxRateBp) ?? 0) + l.lineTotalCents);
  return [...byRate.entries()]
    .sort(([a], [b]) => a - b)
    .map(([taxRateBp, grossCents]) => {
      const taxCents = Number(divideRoundHalfUp(BigInt(grossCents) * BigInt(taxRateBp), 10_000n + BigInt(taxRateBp)));
      return { taxRateBp, grossCents, taxCents, netCents: grossCents - taxCents };
    });
}

/** What is still to pay once these tenders are taken (never below zero). */
export function remainingDue(totalCents: Cents, payments: readonly Pick<Payment, 'amountCents'>[]): Cents {
  return Math.max(0, totalCents - sumCents(payments.map((p) => p.amountCents)));
}

export type TenderInput = { method: 'card'; amountCents: Cents } | { method: 'cash'; tenderedCents: Cents };

/**
 * Adds one tender towards the total. A card pays what the cashier keyed (at most what is due);
 * cash pays up to what is due and the rest of the notes handed over is change (tenderedCents
 * keeps what was handed over). Returns a sentence instead when the tender cannot be taken.
 */
export function addTender(
  totalCents: Cents,
  payments: readonly Payment[],
  tender: TenderInput,
): { payments: Payment[] } | { problem: 'nothing-due' | 'not-positive' | 'card-over-due' } {
  const due = remainingDue(totalCents, payments);
  if (due === 0) return { problem: 'nothing-due' };
  if (tender.method === 'card') {
    if (!Number.isSafeInteger(tender.amountCents) || tender.amountCents <= 0) return { problem: 'not-positive' };
    if (tender.amountCents > due) return { problem: 'card-over-due' };
    return { payments: [...payments, { method: 'card', amountCents: tender.amountCents, tenderedCents: null }] };
  }
  if (!Number.isSafeInteger(tender.tenderedCents) || tender.tenderedCents <= 0) return { problem: 'not-positive' };
  const amountCents = Math.min(due, tender.tenderedCents);
  return { payments: [...payments, { method: 'cash', amountCents, tenderedCents: tender.tenderedCents }] };
}

/** Common notes in minor units (20, 50, 100, 200, 500, 1000 of the currency's major unit... and smaller). */
const NOTES: readonly Cents[] = [500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];

/** Quick-tender buttons: the exact amount, then the next notes a customer is likely to hand over. */
export function quickCashAmounts(dueCents: Cents, max = 4): Cents[] {
  if (dueCents <= 0) return [];
  const out = [dueCents];
  for (const note of NOTES) {
    const rounded = Math.ceil(dueCents / note) * note;
    if (!out.includes(rounded)) out.push(rounded);
    if (out.length >= max) break;
  }
  return out.sort((a, b) => a - b);
}

/** A line of a ticket: what the sell screen builds before commit. */
export interface DraftLine {
  unitPriceCents: Cents;
  quantity: number;
  quantityDecimals?: number;
  labelPriceCents?: Cents | null;
  discount?: LineDiscountInput | null;
}

export function draftLineDiscount(line: DraftLine): Cents {
  return discountCents(lineGrossCents(line), line.discount);
}
