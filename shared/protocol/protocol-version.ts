/**
 * Version of the wire protocol between devices and the central server.
 * Bump it with a history line whenever a message in shared/protocol changes shape;
 * protocol-version.test.ts hashes the schemas so an unversioned change fails the build.
 *
 * History:
 * 1 — walking skeleton: products and stock pull with {seq,id} checkpoints, sales push with acks,
 *     one SSE stream per device, pairing with one-time codes.
 * 2 — sales carry kind (sale/refund), cashier, shift, line tax and discount, cash tendered;
 *     generic acks {id, appliedSeq}; new collections: otherstock, counts, shiftevents, cashiers,
 *     settings, transfers, transferreceipts; device status reports. (No client had shipped
 *     version 1, so collection schema versions stay 0.)
 * 3 — the products pull answer may carry `remaining` (products still to pull after the page).
 *     Optional both ways: older devices ignore it, newer devices show an indeterminate bar
 *     without it, so the products schema version stays 0.
 * 4 — a push answers RxDB's documented shape (the array of conflicting master states, and a 4xx for
 *     the batch when a row is refused, after the good rows are applied) unless it carries the header
 *     `x-push-answer: detailed` (PUSH_ANSWER_HEADER), which the POS sends and which gets version
 *     3's `{conflicts, acks, rejected}`. A pull's `limit` above 1000 is served as 1000 rather than
 *     refused (RxDB asks for the batch size it likes). A count's countedQuantity below zero is
 *     refused (a shelf holds no negative count). No stored shape changed, so collection schema
 *     versions stay 0.
 * 5 — (one bump for this session's wire changes)
 *     approvals: `approvalSchema` (shared/protocol/approval.ts), a supervisor's PIN approval of a
 *     discount above the branch limit, a price override, a zero total, a refund without a receipt, a
 *     no-sale drawer open or a till close with a cash difference, recorded on the document it allowed.
 *     Sales (collection version 1) carry `approvals` and `ticketDiscount` (a whole-ticket discount spread
 *     over the lines by largest remainder); a sale line may carry `ticketDiscountCents` (its share) and
 *     `overriddenFromCents` (the catalogue price it replaced). All optional: a version 0 ticket is unchanged.
 *     Settings (version 1) also carry `maxDiscountBp`, the largest discount without a supervisor's
 *     approval (10000, any, when upgraded).
 *     Rejections: `code` is one of the API's error codes (`errorCodeSchema`, ERROR_CODES), no longer any
 *     string; a code a device does not know yet reads as INTERNAL, its message kept.
 *     Collection schema versions (SPEC S9): each collection's `upgrades` in REPLICATED turn a document of
 *     the previous version into the next; tablets migrate their stored documents with them (RxDB
 *     migrationStrategies) and the server takes a push of an older version, upgrading each document.
 *     Products (version 1) carry `unit` (each, kg, g, l), `quantityDecimals` (0–3) and `barcodes` (every
 *     barcode, unique across the chain; `barcode` stays the first); a version 0 product is sold by the
 *     piece with its one barcode. Settings (version 1) carry `scaleLabels`, the branch's scale-label
 *     layout (shared/protocol/scale-label-layout.ts), the default when upgraded.
 *     Sale lines may carry `unit`, `quantityDecimals` (the quantity is an integer of 10^-decimals of the
 *     unit) and `labelPriceCents` (a price-embedded scale label's price, the line's worth); all optional, a
 *     line without them is sold by the piece. Their worth is shared/sale/line-amount.ts's rule.
 *     Cash control: shift events (collection version 1) may be a `no_sale` drawer open (amount 0, with
 *     its approval); a close carries the `denominations` counted ({valueCents, count}, adding up to the
 *     amount; empty when the total was typed) and an `approval` when beyond the branch's limit; a version 0
 *     event upgrades with none. Branch settings (version 1) carry `requireOpenShift`,
 *     `maxCashDifferenceCents` and `quickKeys` (the sell screen's favourites, {productId, label}).
 *     Exchanges (SPEC S14): sales (collection version 2) may carry `exchangeWith`, the other ticket of
 *     an exchange, and a payment may be the `exchange` tender (the returned goods' worth, not money);
 *     both absent on every other ticket, so a version 1 ticket is unchanged.
 */
export const PROTOCOL_VERSION = 5;
