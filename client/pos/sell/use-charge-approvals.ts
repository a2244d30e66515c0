import type { Approval, ApprovalKind } from '../../../shared/protocol';
import { approvalsNeeded } from '../../../shared/sale/approvals-needed';
import { useManagerApproval } from '../approval/approval-context';
import { useT } from '../i18n';
import { useSession } from '../session/session-context';
import type { CartTotals } from './draft-cart';
import { ticketDiscountMessages } from './ticket-discount-messages';

/** Any discount, as before approvals existed, until the branch's settings say otherwise. */
const NO_LIMIT_BP = 10000;

/**
 * Before a charge: asks a supervisor for each approval the ticket needs (the rule the server checks,
 * shared/sale/approvals-needed.ts). Resolves with the approvals, or null when one was not given.
 */
export function useChargeApprovals(
  money: (cents: number) => string,
): (totals: CartTotals) => Promise<Approval[] | null> {
  const approval = useManagerApproval();
  const { settings } = useSession();
  const t = useT(ticketDiscountMessages);
  const limit = settings?.maxDiscountBp ?? NO_LIMIT_BP;

  function summary(kind: ApprovalKind, totals: CartTotals): string {
    if (kind === 'price_override') {
      const changed = totals.lines.filter((l) => (l.overriddenFromCents ?? null) !== null);
      const lines = changed.map((l) => `${l.name} ${money(l.overriddenFromCents!)} → ${money(l.unitPriceCents)}`);
      return t('approveOverride', { count: changed.length, lines: lines.join('; ') });
    }
    const percent = totals.grossCents > 0 ? Math.round((totals.discountCents * 1000) / totals.grossCents) / 10 : 0;
    return t('approveDiscount', {
      amount: money(totals.discountCents),
      percent,
      gross: money(totals.grossCents),
      limit: limit / 100,
    });
  }

  return async (totals) => {
    const ticket = { kind: 'sale' as const, refundOf: null, lines: totals.lines, totalCents: totals.totalCents };
    const given: Approval[] = [];
    for (const kind of approvalsNeeded(ticket, limit)) {
      const reasons = [...new Set(totals.lines.map((l) => l.discountReason).filter((r): r is string => !!r))];
      const answer = await approval.request({
        kind,
        summary: summary(kind, totals),
        reason: kind === 'discount' ? reasons.join(' · ').slice(0, 200) : undefined,
      });
      if (!answer) return null;
      given.push(answer);
    }
    return given;
  };
}
