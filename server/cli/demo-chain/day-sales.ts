import { v7 as uuidv7 } from 'uuid';
import type { SaleDoc } from '../../../shared/protocol';
import { receiptNumber } from '../../../shared/sale/receipt-number';
import {
  HOUR,
  HOUR_WEIGHTS,
  iso,
  type DemoBranch,
  type DemoProduct,
  type Dice,
  type ShiftDraft,
  type Till,
} from './demo-setup';
import type { Popularity } from './products';

/** What the chain remembers from one day to the next, and the items it has planted so far. */
export interface SalesMemory {
  /** Each branch's latest sales (up to 3,000), the originals of its refunds. */
  recent: Map<string, SaleDoc[]>;
  /** Each branch's refunded sales. */
  refunded: Map<string, SaleDoc[]>;
  mismatches: number;
  doubleRefunds: number;
}

export interface DayContext {
  dice: Dice;
  products: readonly DemoProduct[];
  popularity: Popularity;
  memory: SalesMemory;
  /** 0 for the first day of the chain. */
  day: number;
  days: number;
  now: Date;
}

/** Each tablet's two shifts of a day: the first cashier 08:00–14:30, the second 14:30–21:00. */
export function shiftsOfDay(own: readonly Till[], dayStart: number): ShiftDraft[] {
  const hours = [
    [8, 14.5],
    [14.5, 21],
  ] as const;
  return own.flatMap((till) =>
    hours.map(([opens, closes], i) => ({
      id: uuidv7(),
      till,
      cashier: till.cashiers[i]!,
      opensAt: dayStart + opens * HOUR,
      closesAt: dayStart + closes * HOUR,
      cashCents: 0,
    })),
  );
}

/** The moments of `count` tickets spread over the opening hours by HOUR_WEIGHTS, in order. */
function ticketTimes(count: number, dayStart: number, dice: Dice): number[] {
  const hourSum = HOUR_WEIGHTS.reduce((s, w) => s + w, 0);
  const times: number[] = [];
  for (const [h, w] of HOUR_WEIGHTS.entries()) {
    const n = Math.round((count * w) / hourSum);
    for (let k = 0; k < n; k++) times.push(dayStart + (8 + h) * HOUR + Math.floor(dice.rnd() * HOUR));
  }
  return times.sort((a, b) => a - b);
}

type TicketBase = Omit<SaleDoc, 'kind' | 'refundOf' | 'lines' | 'totalCents' | 'payments'>;

/** A cash refund of the original's first line: one unit, or the whole line again when it returns what was returned. */
function refundDoc(base: TicketBase, original: SaleDoc, again: boolean): SaleDoc {
  const line = original.lines[0]!;
  const quantity = again ? line.quantity : 1;
  const total = line.unitPriceCents * quantity;
  return {
    ...base,
    kind: 'refund',
    refundOf: original.id,
    lines: [{ ...line, quantity, discountCents: 0, discountReason: null, lineTotalCents: total }],
    totalCents: total,
    payments: [{ method: 'cash', amountCents: total, tenderedCents: null }],
  };
}

function saleLines(c: DayContext): SaleDoc['lines'] {
  const { dice, memory } = c;
  const n = 1 + Math.floor(dice.rnd() * dice.rnd() * 5);
  const seen = new Set<number>();
  const lines: SaleDoc['lines'] = [];
  for (let k = 0; k < n; k++) {
    const rank = c.popularity.draw();
    if (seen.has(rank)) continue;
    seen.add(rank);
    const p = c.products[rank]!;
    const quantity = dice.rnd() < 0.8 ? 1 : 2 + Math.floor(dice.rnd() * 2);
    // A handful of tickets charge an old price: price-mismatch items for the queue.
    const wrongPrice = memory.mismatches < 5 && c.day === c.days - 2 && lines.length === 0;
    if (wrongPrice) memory.mismatches++;
    const unit = wrongPrice ? Math.max(1, Math.round(p.priceCents * 0.9)) : p.priceCents;
    const discount = dice.rnd() < 0.08 ? Math.floor(unit * quantity * 0.1) : 0;
    lines.push({
      productId: p.id,
      name: p.name,
      quantity,
      unitPriceCents: unit,
      taxRateBp: p.taxRateBp,
      discountCents: discount,
      discountReason: discount ? 'Promoción 10 %' : null,
      lineTotalCents: unit * quantity - discount,
    });
  }
  return lines;
}

/** A sale of a few products by popularity, paid by card, cash, or half and half; returns its cash part too. */
function saleDoc(base: TicketBase, c: DayContext): { doc: SaleDoc; cashCents: number } {
  const lines = saleLines(c);
  const total = lines.reduce((s, l) => s + l.lineTotalCents, 0);
  const tender = c.dice.rnd();
  const cashPart = tender < 0.35 ? total : tender < 0.4 && total > 100 ? Math.floor(total / 2) : 0;
  const payments: SaleDoc['payments'] = [];
  if (cashPart > 0)
    payments.push({ method: 'cash', amountCents: cashPart, tenderedCents: Math.ceil(cashPart / 5000) * 5000 });
  if (total - cashPart > 0) payments.push({ method: 'card', amountCents: total - cashPart, tenderedCents: null });
  return { doc: { ...base, kind: 'sale', refundOf: null, lines, totalCents: total, payments }, cashCents: cashPart };
}

/**
 * The sale a ticket refunds, if it is a refund: about 1 in 100 of a branch's tickets returns one of
 * its recent sales, and in the last three days three return a sale already refunded (double-refund items).
 */
function refundTarget(c: DayContext, branchId: string): { original: SaleDoc; again: boolean } | 'skip' | null {
  const { dice, memory } = c;
  const earlier = memory.recent.get(branchId)!;
  const ownRefunded = memory.refunded.get(branchId)!;
  const forceDouble = memory.doubleRefunds < 3 && c.day >= c.days - 3 && ownRefunded.length > 0;
  const original = forceDouble
    ? dice.pick(ownRefunded)
    : earlier.length > 0 && dice.rnd() < 0.01
      ? dice.pick(earlier)
      : null;
  if (!original) return null;
  const again = ownRefunded.includes(original);
  if (again && !forceDouble) return 'skip';
  if (again) memory.doubleRefunds++;
  else ownRefunded.push(original);
  return { original, again };
}

/**
 * A branch's tickets of one day (up to `now`), each on a tablet picked at random in the shift open
 * at its moment, with receipt numbers in each tablet's sequence. Returns them by tablet.
 */
export function branchDaySales(
  c: DayContext,
  b: DemoBranch,
  own: readonly Till[],
  shifts: readonly ShiftDraft[],
  count: number,
  dayStart: number,
): Map<Till, SaleDoc[]> {
  const byTill = new Map<Till, SaleDoc[]>(own.map((t) => [t, []]));
  const todays: SaleDoc[] = [];
  for (const at of ticketTimes(count, dayStart, c.dice)) {
    if (at > c.now.getTime()) break;
    const till = c.dice.pick(own);
    const shift = shifts.find((s) => s.till === till && at >= s.opensAt && at < s.closesAt)!;
    const refund = refundTarget(c, b.id);
    if (refund === 'skip') continue;
    till.seq += 1;
    const base: TicketBase = {
      id: uuidv7(),
      branchId: b.id,
      deviceId: till.device.deviceId,
      deviceSeq: till.seq,
      receiptNumber: receiptNumber(till.device.receiptPrefix, till.device.deviceNumber, till.seq),
      cashierId: shift.cashier.id,
      cashierName: shift.cashier.name,
      shiftId: shift.id,
      createdAt: iso(at),
      currency: 'USD',
      _deleted: false,
    };
    if (refund) {
      const doc = refundDoc(base, refund.original, refund.again);
      shift.cashCents -= doc.totalCents;
      byTill.get(till)!.push(doc);
    } else {
      const { doc, cashCents } = saleDoc(base, c);
      shift.cashCents += cashCents;
      todays.push(doc);
      byTill.get(till)!.push(doc);
    }
  }
  const earlier = c.memory.recent.get(b.id)!;
  earlier.push(...todays);
  if (earlier.length > 3000) earlier.splice(0, earlier.length - 3000);
  return byTill;
}
