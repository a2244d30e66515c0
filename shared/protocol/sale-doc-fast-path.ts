import { z } from 'zod';
import type { Payment, SaleDoc, SaleLine } from './sale-doc';

/**
 * saleDocSchema's parse for the tickets a POS sends every day, written out by hand: zod was a
 * tenth of a push's server CPU (50 tickets a push: docs/benchmarks.md, issue 14). It answers only
 * when it is sure, with the very object zod would make (same keys in the schema's order, same
 * values, unknown keys dropped): its JSON is the stored body, whose hash tells a retry from a
 * reused id (SPEC S2). Anything else (an error to report, a whole-ticket discount or approvals,
 * whose reasons zod trims, an odd value) gives undefined, and the caller asks zod. The equality is
 * a property test against zod (sale-doc-fast-path.test.ts); a change to the schema needs its twin
 * here, or that test fails. Server only: the POS does not import it.
 */
export function fastSaleDoc(input: unknown): SaleDoc | undefined {
  if (!isPlainObject(input)) return undefined;
  const d = input as Record<string, unknown>;
  const { id, kind, refundOf, branchId, deviceId, deviceSeq, receiptNumber, cashierId, cashierName, shiftId } = d;
  const { createdAt, currency, totalCents, ticketDiscount, approvals, exchangeWith, _deleted } = d;
  if (
    !isUuid(id) ||
    (kind !== 'sale' && kind !== 'refund') ||
    (refundOf !== null && !isUuid(refundOf)) ||
    !isText(branchId, 1, 64) ||
    !isText(deviceId, 1, 64) ||
    !isInt(deviceSeq, 1, Number.MAX_SAFE_INTEGER) ||
    !isText(receiptNumber, 1, 64) ||
    (cashierId !== null && !isText(cashierId, 0, 64)) ||
    !isText(cashierName, 0, 100) ||
    (shiftId !== null && !isText(shiftId, 0, 64)) ||
    typeof createdAt !== 'string' ||
    !DATETIME.test(createdAt) ||
    !isText(currency, 3, 3) ||
    !isInt(totalCents, 0, MAX_CENTS) ||
    (ticketDiscount !== undefined && ticketDiscount !== null) ||
    (approvals !== undefined && !(Array.isArray(approvals) && approvals.length === 0)) ||
    (exchangeWith !== undefined && exchangeWith !== null && !isUuid(exchangeWith)) ||
    typeof _deleted !== 'boolean'
  )
    return undefined;
  const lines = listOf(d.lines, 500, fastLine);
  const payments = listOf(d.payments, 10, fastPayment);
  if (!lines || !payments) return undefined;
  // In the schema's key order; an optional key as zod keeps it: there when the input has it.
  const doc: Record<string, unknown> = { id, kind, refundOf, branchId, deviceId, deviceSeq, receiptNumber };
  Object.assign(doc, { cashierId, cashierName, shiftId, createdAt, currency, lines, totalCents, payments });
  keepOptional(doc, d, 'ticketDiscount');
  keepOptional(doc, d, 'approvals');
  keepOptional(doc, d, 'exchangeWith');
  doc._deleted = _deleted;
  return doc as SaleDoc;
}

const MAX_CENTS = 1e12;
// The patterns zod's z.uuid() and z.iso.datetime({ offset: true }) test.
const UUID = z.regexes.uuid();
const DATETIME = z.regexes.datetime({ offset: true });

const isPlainObject = (v: unknown): v is object =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
const isText = (v: unknown, min: number, max: number): v is string =>
  typeof v === 'string' && v.length >= min && v.length <= max;
const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
/** A safe integer within bounds, as zod's int() with min and max take it. */
const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
const isCentsOrNull = (v: unknown) => v === null || isInt(v, 0, MAX_CENTS);

function listOf<T>(v: unknown, max: number, item: (v: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(v) || v.length < 1 || v.length > max) return undefined;
  const out: T[] = [];
  for (const x of v as unknown[]) {
    const parsed = item(x);
    if (parsed === undefined) return undefined;
    out.push(parsed);
  }
  return out;
}

const UNITS = new Set(['each', 'kg', 'g', 'l']);
const LINE_OPTIONAL = ['unit', 'quantityDecimals', 'labelPriceCents', 'ticketDiscountCents', 'overriddenFromCents'];

/** An optional key as zod's output has it: there when the input has it (even undefined), else absent. */
function keepOptional(out: Record<string, unknown>, input: Record<string, unknown>, key: string): void {
  if (input[key] !== undefined || key in input) out[key] = input[key];
}

function fastLine(input: unknown): SaleLine | undefined {
  if (!isPlainObject(input)) return undefined;
  const l = input as Record<string, unknown>;
  const { productId, name, quantity, unitPriceCents, taxRateBp, discountCents, discountReason, lineTotalCents } = l;
  const { unit, quantityDecimals, labelPriceCents, ticketDiscountCents, overriddenFromCents } = l;
  if (
    !isText(productId, 1, 64) ||
    !isText(name, 1, 200) ||
    !isInt(quantity, 1, 100000) ||
    !isInt(unitPriceCents, 0, MAX_CENTS) ||
    !isInt(taxRateBp, 0, 10000) ||
    !isInt(discountCents, 0, MAX_CENTS) ||
    (discountReason !== null && !isText(discountReason, 0, 200)) ||
    !isInt(lineTotalCents, 0, MAX_CENTS) ||
    (unit !== undefined && !(typeof unit === 'string' && UNITS.has(unit))) ||
    (quantityDecimals !== undefined && !isInt(quantityDecimals, 0, 3)) ||
    (labelPriceCents !== undefined && !isCentsOrNull(labelPriceCents)) ||
    (ticketDiscountCents !== undefined && !isInt(ticketDiscountCents, 0, MAX_CENTS)) ||
    (overriddenFromCents !== undefined && !isCentsOrNull(overriddenFromCents))
  )
    return undefined;
  const line: Record<string, unknown> = { productId, name, quantity, unitPriceCents, taxRateBp, discountCents };
  line.discountReason = discountReason;
  line.lineTotalCents = lineTotalCents;
  for (const key of LINE_OPTIONAL) keepOptional(line, l, key);
  return line as SaleLine;
}

function fastPayment(input: unknown): Payment | undefined {
  if (!isPlainObject(input)) return undefined;
  const { method, amountCents, tenderedCents } = input as Record<string, unknown>;
  if (
    (method !== 'cash' && method !== 'card' && method !== 'exchange') ||
    !isInt(amountCents, 1, MAX_CENTS) ||
    !isCentsOrNull(tenderedCents)
  )
    return undefined;
  return { method, amountCents, tenderedCents: tenderedCents as number | null };
}
