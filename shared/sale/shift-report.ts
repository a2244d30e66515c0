import { sumCents } from '../money';
import type { Payment, SaleDoc } from '../protocol/sale-doc';
import type { DenominationCountDoc, ShiftEventDoc } from '../protocol/shift-event-doc';

/** A shift's cash report, derived from its events and its sales and refunds; every figure in cents. */
export interface ShiftReport {
  shiftId: string;
  status: 'open' | 'closed';
  cashierName: string;
  openedAt: string | null;
  closedAt: string | null;
  floatCents: number;
  cashSalesCents: number;
  cardSalesCents: number;
  cashRefundsCents: number;
  cardRefundsCents: number;
  cashInCents: number;
  cashOutCents: number;
  /** float + cash sales − cash refunds + cash in − cash out. */
  expectedCashCents: number;
  /** Cash counted at close; null while the shift is open. */
  countedCashCents: number | null;
  /** counted − expected: positive over, negative short; null while open. */
  overShortCents: number | null;
  salesCount: number;
  refundsCount: number;
  /** Times the drawer was opened with no sale (each with a supervisor's approval). */
  noSaleCount: number;
  /** The notes and coins counted at the close; empty while open or when the total was typed. */
  denominations: DenominationCountDoc[];
}

type EventInput = Pick<ShiftEventDoc, 'kind' | 'amountCents' | 'at' | 'cashierName'> &
  Partial<Pick<ShiftEventDoc, 'denominations'>>;
type SaleInput = Pick<SaleDoc, 'kind' | 'payments'>;

function byMethod(payments: readonly Pick<Payment, 'method' | 'amountCents'>[], method: Payment['method']): number {
  return sumCents(payments.filter((p) => p.method === method).map((p) => p.amountCents));
}

/**
 * The same maths on the POS (close-of-shift screen) and the console. Cash counts by what each
 * tender pays (change given is not in the till). Several opens or closes (a retry made anew) take
 * the first open and the last close.
 */
export function shiftReport(shiftId: string, events: readonly EventInput[], sales: readonly SaleInput[]): ShiftReport {
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at));
  const open = sorted.find((e) => e.kind === 'open');
  const close = sorted.filter((e) => e.kind === 'close').at(-1);
  const total = (kind: EventInput['kind']) => sumCents(sorted.filter((e) => e.kind === kind).map((e) => e.amountCents));
  const salesOnly = sales.filter((s) => s.kind === 'sale');
  const refunds = sales.filter((s) => s.kind === 'refund');
  const floatCents = open?.amountCents ?? 0;
  const cashSalesCents = sumCents(salesOnly.map((s) => byMethod(s.payments, 'cash')));
  const cardSalesCents = sumCents(salesOnly.map((s) => byMethod(s.payments, 'card')));
  const cashRefundsCents = sumCents(refunds.map((s) => byMethod(s.payments, 'cash')));
  const cardRefundsCents = sumCents(refunds.map((s) => byMethod(s.payments, 'card')));
  const cashInCents = total('cash_in');
  const cashOutCents = total('cash_out');
  const expectedCashCents = floatCents + cashSalesCents - cashRefundsCents + cashInCents - cashOutCents;
  const countedCashCents = close ? close.amountCents : null;
  return {
    shiftId,
    status: close ? 'closed' : 'open',
    cashierName: open?.cashierName ?? sorted[0]?.cashierName ?? '',
    openedAt: open?.at ?? null,
    closedAt: close?.at ?? null,
    floatCents,
    cashSalesCents,
    cardSalesCents,
    cashRefundsCents,
    cardRefundsCents,
    cashInCents,
    cashOutCents,
    expectedCashCents,
    countedCashCents,
    overShortCents: countedCashCents === null ? null : countedCashCents - expectedCashCents,
    salesCount: salesOnly.length,
    refundsCount: refunds.length,
    noSaleCount: sorted.filter((e) => e.kind === 'no_sale').length,
    denominations: close?.denominations ?? [],
  };
}

/**
 * Whether a difference between counted and expected cash is beyond what the branch allows
 * (`maxDifferenceCents`, either way): such a close needs a supervisor's approval on the tablet
 * and opens a reconciliation item at the centre.
 */
export function beyondCashLimit(overShortCents: number | null, maxDifferenceCents: number): boolean {
  return overShortCents !== null && Math.abs(overShortCents) > maxDifferenceCents;
}
