import { v7 as uuidv7 } from 'uuid';
import type { SaleLine, TicketDiscount } from '../../../shared/protocol';
import { applyTicketDiscount } from '../../../shared/sale/ticket-discount';
import { discountCents, taxBreakdown, type LineDiscountInput, type TaxGroup } from '../../../shared/sale/cart-math';
import { sumCents } from '../../../shared/money';
import { lineGrossCents, quantityFromPrice } from '../../../shared/sale/line-amount';
import { MAX_LINE_QUANTITY } from '../../../shared/sale/quantity';
import type { ProductRow } from '../../sync/collections';
import { toSaleLine, type CartLine } from '../../sync/commit-sale';
import type { CartExchange } from '../exchange/cart-exchange';

export interface DraftLine {
  productId: string;
  sku: string;
  name: string;
  priceCents: number;
  taxRateBp: number;
  quantity: number;
  discount: LineDiscountInput | null;
  discountReason: string;
  /** How the product is counted; quantity is in 10^-quantityDecimals of it (absent: by the piece). */
  unit?: ProductRow['unit'];
  quantityDecimals?: number;
  /** The price of the scale labels scanned into this line (shared/sale/line-amount.ts); null: by the rule. */
  labelPriceCents?: number | null;
  /** The catalogue price when the cashier typed another (priceCents); a supervisor approves it. */
  overriddenFromCents?: number | null;
}

export type CartProduct = Pick<ProductRow, 'id' | 'sku' | 'name' | 'priceCents' | 'taxRateBp'> &
  Partial<Pick<ProductRow, 'unit' | 'quantityDecimals'>>;

/**
 * The ticket being rung up. Its id becomes the sale's id at commit, so a cart that outlived a
 * crash right after its sale was saved is recognised and never charged twice.
 */
export interface DraftCart {
  id: string;
  lines: DraftLine[];
  /** A discount on the whole ticket, spread over the lines at the charge (shared/sale/ticket-discount.ts). */
  ticketDiscount?: { discount: LineDiscountInput; reason: string } | null;
  /** An exchange (SPEC S14): what comes back from a paid ticket; the lines are what the customer takes instead. */
  exchange?: CartExchange | null;
}

export const emptyCart = (): DraftCart => ({ id: uuidv7(), lines: [] });

/**
 * A weighed quantity (a scale label, a typed weight) added to the product's line. Labels that
 * carry a price add up their prices and the line's quantity is derived from the sum, so the line
 * still follows the rule; a label added to a line weighed otherwise loses its fixed price.
 */
export function addWeighed(
  cart: DraftCart,
  p: CartProduct,
  quantity: number,
  labelPriceCents: number | null,
): DraftCart {
  const existing = cart.lines.find((l) => l.productId === p.id);
  const decimals = p.quantityDecimals ?? 0;
  if (!existing) {
    const added = addProduct(cart, p, quantity);
    return {
      ...added,
      lines: added.lines.map((l) => (l.productId === p.id ? { ...l, labelPriceCents } : l)),
    };
  }
  const bothLabels = labelPriceCents !== null && existing.labelPriceCents != null;
  const price = bothLabels ? existing.labelPriceCents! + labelPriceCents : null;
  const total = price !== null ? quantityFromPrice(price, p.priceCents, decimals) : existing.quantity + quantity;
  if (total === null || total > MAX_LINE_QUANTITY) return cart;
  return {
    ...cart,
    lines: cart.lines.map((l) => (l.productId === p.id ? { ...l, quantity: total, labelPriceCents: price } : l)),
  };
}

export function addProduct(cart: DraftCart, p: CartProduct, delta = 1): DraftCart {
  const existing = cart.lines.find((l) => l.productId === p.id);
  if (!existing) {
    if (delta <= 0) return cart;
    return {
      ...cart,
      lines: [
        ...cart.lines,
        {
          productId: p.id,
          sku: p.sku,
          name: p.name,
          priceCents: p.priceCents,
          taxRateBp: p.taxRateBp,
          quantity: delta,
          discount: null,
          discountReason: '',
          unit: p.unit ?? 'each',
          quantityDecimals: p.quantityDecimals ?? 0,
        },
      ],
    };
  }
  return setQuantity(cart, p.id, existing.quantity + delta);
}

export function setQuantity(cart: DraftCart, productId: string, quantity: number): DraftCart {
  // Callers check the quantity first (parseQuantity, MAX_LINE_QUANTITY): nothing is rounded or capped here.
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > MAX_LINE_QUANTITY) return cart;
  const q = quantity;
  return {
    ...cart,
    // A changed quantity is no longer what the scale label priced.
    lines: cart.lines
      .map((l) => (l.productId === productId ? { ...l, quantity: q, labelPriceCents: null } : l))
      .filter((l) => l.quantity > 0),
  };
}

export function setDiscount(
  cart: DraftCart,
  productId: string,
  discount: LineDiscountInput | null,
  reason: string,
): DraftCart {
  return {
    ...cart,
    lines: cart.lines.map((l) =>
      l.productId === productId ? { ...l, discount, discountReason: discount ? reason : '' } : l,
    ),
  };
}

/** The line sold at `cents` instead of the catalogue price; back at the catalogue price, no override. */
export function setPrice(cart: DraftCart, productId: string, cents: number): DraftCart {
  return {
    ...cart,
    lines: cart.lines.map((l) => {
      if (l.productId !== productId) return l;
      const catalogue = l.overriddenFromCents ?? l.priceCents;
      return { ...l, priceCents: cents, overriddenFromCents: cents === catalogue ? null : catalogue };
    }),
  };
}

export function setTicketDiscount(cart: DraftCart, discount: LineDiscountInput | null, reason: string): DraftCart {
  return { ...cart, ticketDiscount: discount ? { discount, reason } : null };
}

export function toCartLine(l: DraftLine): CartLine {
  return {
    product: {
      id: l.productId,
      name: l.name,
      priceCents: l.priceCents,
      taxRateBp: l.taxRateBp,
      unit: l.unit ?? 'each',
      quantityDecimals: l.quantityDecimals ?? 0,
    },
    labelPriceCents: l.labelPriceCents ?? null,
    overriddenFromCents: l.overriddenFromCents ?? null,
    quantity: l.quantity,
    discountCents: discountCents(
      lineGrossCents({
        unitPriceCents: l.priceCents,
        quantity: l.quantity,
        quantityDecimals: l.quantityDecimals ?? 0,
        labelPriceCents: l.labelPriceCents ?? null,
      }),
      l.discount,
    ),
    discountReason: l.discountReason.trim() || null,
  };
}

export interface CartTotals {
  /** The lines as they will be sold, each with its share of the ticket discount. */
  lines: SaleLine[];
  ticketDiscount: TicketDiscount | null;
  grossCents: number;
  discountCents: number;
  totalCents: number;
  taxes: TaxGroup[];
}

export function cartTotals(cart: DraftCart): CartTotals {
  const td = cart.ticketDiscount ?? null;
  const { lines, ticketDiscount } = applyTicketDiscount(
    cart.lines.map((l) => toSaleLine(toCartLine(l))),
    td?.discount ?? null,
    td?.reason ?? '',
  );
  const grossCents = sumCents(lines.map((l) => lineGrossCents(l)));
  const discount = sumCents(lines.map((l) => l.discountCents));
  return {
    lines,
    ticketDiscount,
    grossCents,
    discountCents: discount,
    totalCents: grossCents - discount,
    taxes: taxBreakdown(lines),
  };
}

/** A line sold by weight or volume: its quantity has decimals and a unit, typed rather than stepped. */
export function isWeighed(l: DraftLine): boolean {
  return (l.quantityDecimals ?? 0) > 0 || (l.unit ?? 'each') !== 'each';
}
