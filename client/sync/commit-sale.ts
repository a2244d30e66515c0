import { v7 as uuidv7 } from 'uuid';
import type { Approval, Payment, SaleDoc, SaleLine } from '../../shared/protocol';
import type { LineDiscountInput } from '../../shared/sale/cart-math';
import { settleExchange } from '../../shared/sale/exchange';
import { sumCents } from '../../shared/money';
import { applyTicketDiscount } from '../../shared/sale/ticket-discount';
import { lineTotal, saleArithmeticProblems, saleTotal } from '../../shared/sale/sale-arithmetic';
import type { PosDatabase, ProductRow, SaleRow } from './collections';
import type { DevicePairing } from './device-pairing';
import type { PosStore } from './pos-database';
import type { Journal } from './ticket-journal';

export interface CartLine {
  product: Pick<ProductRow, 'id' | 'name' | 'priceCents' | 'taxRateBp'> &
    Partial<Pick<ProductRow, 'unit' | 'quantityDecimals'>>;
  /** In 10^-quantityDecimals of the product's unit (grams of a kg product with 3 decimals). */
  quantity: number;
  /** The price of the scale labels this line was scanned from: its worth (shared/sale/line-amount.ts). */
  labelPriceCents?: number | null;
  /** The catalogue price when the cashier changed it (approved by a supervisor). */
  overriddenFromCents?: number | null;
  discountCents?: number;
  discountReason?: string | null;
}

export interface TicketDraft {
  /** The id the ticket will have (UUIDv7); the cart's own id, so committing it twice saves it once. */
  id?: string;
  kind?: SaleDoc['kind'];
  /** The sale a refund gives back; null for a sale. */
  refundOf?: string | null;
  lines: readonly CartLine[];
  payments: readonly Payment[];
  cashierId?: string | null;
  cashierName: string;
  shiftId?: string | null;
  /** A discount on the whole ticket, spread over its lines here (shared/sale/ticket-discount.ts). */
  ticketDiscount?: { discount: LineDiscountInput; reason: string } | null;
  /** Supervisors' approvals the ticket needed (shared/sale/approvals-needed.ts). */
  approvals?: readonly Approval[];
}

export function toSaleLine(l: CartLine): SaleLine {
  const discountCents = l.discountCents ?? 0;
  const decimals = l.product.quantityDecimals ?? 0;
  const unit = l.product.unit ?? 'each';
  const weighed = {
    unitPriceCents: l.product.priceCents,
    quantity: l.quantity,
    quantityDecimals: decimals,
    labelPriceCents: l.labelPriceCents ?? null,
  };
  return {
    productId: l.product.id,
    name: l.product.name,
    quantity: l.quantity,
    unitPriceCents: l.product.priceCents,
    taxRateBp: l.product.taxRateBp,
    discountCents,
    discountReason: discountCents > 0 ? (l.discountReason ?? null) : null,
    lineTotalCents: lineTotal({ ...weighed, discountCents }),
    // Only on weighed lines: a line sold by the piece is the same document as before weighed products.
    ...(unit !== 'each' || decimals > 0 ? { unit, quantityDecimals: decimals } : {}),
    ...(weighed.labelPriceCents !== null ? { labelPriceCents: weighed.labelPriceCents } : {}),
    ...((l.overriddenFromCents ?? null) !== null ? { overriddenFromCents: l.overriddenFromCents } : {}),
  };
}

/** Per journal and device: its numbering read once this session. */
const numbering = new WeakMap<Journal, Map<string, Promise<void>>>();

/**
 * The journal's numbering starts above this device's tickets in RxDB (its own, and those pulled
 * back from the server): once per device and session, ahead of the first charge when the selling
 * screen calls it on mount.
 */
export function prepareSaleNumbering({ db, journal }: PosStore, deviceId: string): Promise<void> {
  let perDevice = numbering.get(journal);
  if (!perDevice) numbering.set(journal, (perDevice = new Map()));
  let ready = perDevice.get(deviceId);
  if (!ready) {
    ready = (async () => {
      const last = await db.sales.findOne({ selector: { deviceId }, sort: [{ deviceSeq: 'desc' }] }).exec();
      await journal.raiseFloor(deviceId, last?.deviceSeq ?? 0);
    })();
    ready.catch(() => perDevice.delete(deviceId));
    perDevice.set(deviceId, ready);
  }
  return ready;
}

/** Takes `count` receipt numbers at once (the benchmark's bulk backlog); resolves with the first. */
export async function reserveSaleNumbers(store: PosStore, deviceId: string, count: number): Promise<number> {
  await prepareSaleNumbering(store, deviceId);
  return store.journal.reserve(deviceId, count);
}

export interface ChargedSale {
  /** The ticket as written; durable when the promise holding this resolves. */
  sale: SaleRow;
  /** Resolves once the ticket is also in RxDB (where stock, the outbox and the screens read it). */
  stored: Promise<SaleRow>;
  /** When it became durable, as `performance.timeOrigin + performance.now()` (the journal may run in a worker). */
  durableAt: number;
}

/**
 * DESIGN invariant 1: the whole ticket (lines, payments, cashier, numbers) is one document,
 * written with its number in one IndexedDB transaction (the ticket journal). When this resolves
 * the ticket is durable and may be shown as paid; until it does, nothing of it exists. Copying it
 * into RxDB follows at once (`stored`); a crash in between is repaired at the next start.
 */
export async function chargeSale(
  store: PosStore,
  pairing: DevicePairing,
  draft: TicketDraft,
  now = new Date(),
): Promise<ChargedSale> {
  const sold = draft.lines.filter((l) => l.quantity > 0).map(toSaleLine);
  if (sold.length === 0) throw new Error('The cart is empty.');
  const kind = draft.kind ?? 'sale';
  const td = draft.ticketDiscount ?? null;
  const { lines, ticketDiscount } = applyTicketDiscount(sold, td?.discount ?? null, td?.reason ?? '');
  const base = {
    lines,
    totalCents: saleTotal(lines),
    payments: [...draft.payments],
    // Only when there are some: a ticket without either is the same document as before version 1.
    ...(ticketDiscount ? { ticketDiscount } : {}),
    ...(draft.approvals?.length ? { approvals: [...draft.approvals] } : {}),
  };
  const problems = saleArithmeticProblems(base);
  if (problems.length > 0) throw new Error(problems.join('; '));

  await prepareSaleNumbering(store, pairing.deviceId);
  const { sale, durableAt } = await store.journal.charge({
    id: draft.id ?? uuidv7(),
    kind,
    refundOf: kind === 'refund' ? (draft.refundOf ?? null) : null,
    ...ticketHeader(pairing, draft, now),
    ...base,
  });
  return { sale, stored: storeTicket(store.db, sale), durableAt };
}

/** What every ticket of this device and cashier carries, whatever its kind. */
function ticketHeader(
  pairing: DevicePairing,
  draft: Pick<TicketDraft, 'cashierId' | 'cashierName' | 'shiftId'>,
  now: Date,
) {
  return {
    branchId: pairing.branch.id,
    deviceId: pairing.deviceId,
    receiptPrefix: pairing.branch.receiptPrefix,
    deviceNumber: pairing.deviceNumber,
    cashierId: draft.cashierId ?? null,
    cashierName: draft.cashierName,
    shiftId: draft.shiftId ?? null,
    createdAt: now.toISOString(),
    currency: pairing.branch.currency,
  };
}

export interface ExchangeDraft extends Omit<TicketDraft, 'id' | 'kind' | 'refundOf' | 'payments'> {
  /** The sale's id: the cart's, so a restart finds the exchange charged or not (and a double tap charges it once). */
  id: string;
  /** The refund's id, made with the exchange and kept with the cart for the same reason. */
  refundId: string;
  /** The ticket the goods came back from. */
  refundOf: string;
  /** The lines brought back, at the prices they were sold for (shared/sale/refund-math.ts refundLine). */
  returned: readonly SaleLine[];
  /** The tenders of the difference the customer owes (as at any charge); none when even or when they get money back. */
  payments: readonly Payment[];
}

export interface ChargedExchange {
  sale: SaleRow;
  refund: SaleRow;
  /** Resolves once both tickets are in RxDB too. */
  stored: Promise<SaleRow>;
  durableAt: number;
}

/**
 * SPEC S14: an exchange is its refund and its sale, numbered together and written by one journal
 * transaction, so a crash leaves both or neither (DESIGN invariant 1). The returned goods' worth pays
 * the taken goods by the 'exchange' tender; only the difference is money (shared/sale/exchange.ts).
 */
export async function chargeExchange(
  store: PosStore,
  pairing: DevicePairing,
  draft: ExchangeDraft,
  now = new Date(),
): Promise<ChargedExchange> {
  const sold = draft.lines.filter((l) => l.quantity > 0).map(toSaleLine);
  const returned = draft.returned.filter((l) => l.quantity > 0);
  if (sold.length === 0 || returned.length === 0) throw new Error('An exchange returns some lines and takes others.');
  const td = draft.ticketDiscount ?? null;
  const { lines, ticketDiscount } = applyTicketDiscount(sold, td?.discount ?? null, td?.reason ?? '');
  const takenCents = saleTotal(lines);
  const returnedCents = sumCents(returned.map((l) => l.lineTotalCents));
  const { refundPayments, salePayments } = settleExchange(returnedCents, takenCents, draft.payments);
  const common = ticketHeader(pairing, draft, now);
  const sale = {
    ...common,
    id: draft.id,
    kind: 'sale' as const,
    refundOf: null,
    lines,
    totalCents: takenCents,
    payments: salePayments,
    ...(ticketDiscount ? { ticketDiscount } : {}),
    ...(draft.approvals?.length ? { approvals: [...draft.approvals] } : {}),
    exchangeWith: draft.refundId,
  };
  const refund = {
    ...common,
    id: draft.refundId,
    kind: 'refund' as const,
    refundOf: draft.refundOf,
    lines: [...returned],
    totalCents: returnedCents,
    payments: refundPayments,
    exchangeWith: draft.id,
  };
  // The 'exchange' tenders are right by construction (settleExchange); the server checks them too (exchangeProblems).
  const problems = [sale, refund].flatMap((t) => saleArithmeticProblems(t));
  if (problems.length > 0) throw new Error(problems.join('; '));

  await prepareSaleNumbering(store, pairing.deviceId);
  // The sale first: a retry finds the exchange by the cart's id.
  const [s, r] = await store.journal.chargeTogether([sale, refund]);
  if (!s || !r) throw new Error('The exchange was saved in part; this should not happen.');
  const stored = storeTicket(store.db, r.sale).then(() => storeTicket(store.db, s.sale));
  return { sale: s.sale, refund: r.sale, stored, durableAt: s.durableAt };
}

/** chargeSale, resolving once the ticket is in RxDB too (refunds, simulations, tests). */
export async function commitSale(
  store: PosStore,
  pairing: DevicePairing,
  draft: TicketDraft,
  now = new Date(),
): Promise<SaleRow> {
  return (await chargeSale(store, pairing, draft, now)).stored;
}

async function storeTicket(db: PosDatabase, sale: SaleRow): Promise<SaleRow> {
  try {
    await db.sales.insert(sale);
    return sale;
  } catch (err) {
    // Already there (a double tap, a recovery in another tab, the server's copy pulled back).
    const existing = (err as { code?: string }).code === 'CONFLICT' ? await db.sales.findOne(sale.id).exec() : null;
    if (existing) return existing.toJSON() as SaleRow;
    throw err;
  }
}

/** Journaled tickets kept after they reached RxDB, so a re-charged cart id finds its ticket. */
const KEEP_STORED_TICKETS = 200;

/**
 * Copies into RxDB every journaled ticket that is not there yet (a crash between the journal and
 * RxDB, a failed insert) and prunes the journal down to its most recent stored tickets. Runs when
 * the database opens, before anything reads sales.
 */
export async function storeJournaledTickets({ db, journal }: PosStore): Promise<number> {
  const tickets = await journal.all();
  if (tickets.length === 0) return 0;
  const present = new Set((await db.sales.findByIds(tickets.map((t) => t.id)).exec()).keys());
  let stored = 0;
  for (const t of tickets.filter((t) => !present.has(t.id))) {
    try {
      await storeTicket(db, t);
      present.add(t.id);
      stored++;
    } catch (err) {
      // Kept in the journal and tried again at the next start; selling goes on.
      console.error(`Ticket ${t.receiptNumber} is saved but could not be copied into the sales database`, err);
    }
  }
  // UUIDv7 ids sort by creation time.
  const newestFirst = tickets.filter((t) => present.has(t.id)).sort((a, b) => (a.id < b.id ? 1 : -1));
  const dropped = newestFirst.slice(KEEP_STORED_TICKETS);
  // Their numbers stay taken after they leave the journal.
  const highest = new Map<string, number>();
  for (const t of dropped) highest.set(t.deviceId, Math.max(highest.get(t.deviceId) ?? 0, t.deviceSeq));
  for (const [deviceId, lastSeq] of highest) await journal.raiseFloor(deviceId, lastSeq);
  await journal.forget(dropped.map((t) => t.id));
  return stored;
}
