import { v7 as uuidv7 } from "uuid";
import type { SaleLine, TicketDiscount } from "../../../shared/protocol";
import { applyTicketDiscount } from "../../../shared/sale/ticket-discount";
import {
  discountCents,
  taxBreakdown,
  type LineDiscountInput,
  type TaxGroup,
} from "../../../shared/sale/cart-math";
import { multiplyCents, sumCents } from "../../../shared/money";
import { MAX_LINE_QUANTITY } from "../../../shared/sale/quantity";
import type { ProductRow } from "../../sync/collections";
import { toSaleLine, type CartLine } from "../../sync/commit-sale";

export interface DraftLine {
  productId: string;
  sku: string;
  name: string;
  priceCents: number;
  taxRateBp: number;
  quantity: number;
  discount: LineDiscountInput | null;
  discountReason: string;
}

/**
 * The ticket being rung up. Its id becomes the sale's id at commit, so a cart that outlived a
 * crash right after its sale was saved is recognised and never charged twice.
 */
export interface DraftCart {
  id: string;
  lines: DraftLine[];
  /** A discount on the whole ticket, spread over the lines at the charge (shared/sale/ticket-discount.ts). */
  ticketDiscount?: { discount: LineDiscountInput; reason: string } | null;
}

export const emptyCart = (): DraftCart => ({ id: uuidv7(), lines: [] });

export function addProduct(
  cart: DraftCart,
  p: Pick<ProductRow, "id" | "sku" | "name" | "priceCents" | "taxRateBp">,
  delta = 1,
): DraftCart {
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
          discountReason: "",
        },
      ],
    };
  }
  return setQuantity(cart, p.id, existing.quantity + delta);
}

export function setQuantity(
  cart: DraftCart,
  productId: string,
  quantity: number,
): DraftCart {
  // Callers check the quantity first (parseQuantity, MAX_LINE_QUANTITY): nothing is rounded or capped here.
  if (
    !Number.isInteger(quantity) ||
    quantity < 0 ||
    quantity > MAX_LINE_QUANTITY
  )
    return cart;
  const q = quantity;
  return {
    ...cart,
    lines: cart.lines
      .map((l) => (l.productId === productId ? { ...l, quantity: q } : l))
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
      l.productId === productId
        ? { ...l, discount, discountReason: discount ? reason : "" }
        : l,
    ),
  };
}

export function setTicketDiscount(
  cart: DraftCart,
  discount: LineDiscountInput | null,
  reason: string,
): DraftCart {
  return { ...cart, ticketDiscount: discount ? { discount, reason } : null };
}

export function toCartLine(l: DraftLine): CartLine {
  return {
    product: {
      id: l.productId,
      name: l.name,
      priceCents: l.priceCents,
      taxRateBp: l.taxRateBp,
    },
    quantity: l.quantity,
    discountCents: discountCents(
      multiplyCents(l.priceCents, l.quantity),
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
    td?.reason ?? "",
  );
  const grossCents = sumCents(
    lines.map((l) => multiplyCents(l.unitPriceCents, l.quantity)),
  );
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
