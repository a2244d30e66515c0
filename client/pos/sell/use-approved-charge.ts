import type { Payment } from '../../../shared/protocol';
import { useT } from '../i18n';
import type { CartTotals } from './draft-cart';
import type { SellNoticeText } from './SellNotice';
import { ticketDiscountMessages } from './ticket-discount-messages';
import { useChargeApprovals } from './use-charge-approvals';
import type { Author, Checkout } from './use-checkout';

/**
 * Charges the cart once a supervisor has given every approval it needs; when one is refused the cart
 * stays as it is and the cashier reads why.
 */
export function useApprovedCharge(
  checkout: Checkout,
  totals: CartTotals,
  author: Author,
  money: (cents: number) => string,
  notify: (notice: SellNoticeText | null) => void,
): (payments: Payment[]) => void {
  const askApprovals = useChargeApprovals(money);
  const t = useT(ticketDiscountMessages);
  return (payments) =>
    void askApprovals(totals).then((approvals) =>
      approvals
        ? (notify(null), checkout.charge(payments, author, approvals))
        : notify({ text: t('approvalCancelled'), alert: true }),
    );
}
