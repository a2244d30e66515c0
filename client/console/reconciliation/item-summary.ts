import type { ReconciliationItem } from '../../../shared/console/ledger-api';
import type { Formatter } from '../i18n/format';
import type { Translate } from '../i18n/i18n';
import type { reconciliationMessages } from './reconciliation-messages';
import { refusedDocumentSummary, syncConflictSummary } from './sync-item-summary';

type Key = keyof (typeof reconciliationMessages)['es'];

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '—');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);
/** The unit an item's quantities are counted in; items from before units: by the piece. */
const unitOf = (d: Record<string, unknown>) => (typeof d.unit === 'string' ? d.unit : 'each');

/**
 * What happened, in the console's language, from the item's figures (the server's own summary is
 * English; it is the fallback for a kind this console does not know yet).
 */
export function itemSummary(
  item: Pick<ReconciliationItem, 'kind' | 'details' | 'summary'>,
  t: Translate<Key>,
  f: Formatter,
  placeName: (locationId: string) => string,
): string {
  const d = item.details;
  switch (item.kind) {
    case 'oversell':
      return t('summary_oversell', {
        product: str(d.productName),
        level: f.quantity(num(d.level), num(d.quantityDecimals), unitOf(d)),
        sales: f.number(num(d.sales)),
        receipt: str(d.lastReceiptNumber),
      });
    case 'price_mismatch':
      return t('summary_price_mismatch', {
        product: str(d.productName),
        receipt: str(d.receiptNumber),
        charged: f.money(num(d.chargedTotalCents)),
        quantity: f.quantity(num(d.quantity), num(d.quantityDecimals), unitOf(d)),
        expected: f.money(num(d.expectedTotalCents)),
        difference: f.money(num(d.chargedTotalCents) - num(d.expectedTotalCents)),
      });
    case 'count_discrepancy':
      return t('summary_count_discrepancy', {
        product: str(d.productName),
        counted: f.quantity(num(d.counted), num(d.quantityDecimals), unitOf(d)),
        believed: f.quantity(num(d.believed), num(d.quantityDecimals), unitOf(d)),
        delta: `${num(d.delta) > 0 ? '+' : ''}${f.quantity(num(d.delta), num(d.quantityDecimals), unitOf(d))}`,
        levelAfter: f.quantity(num(d.levelAfter), num(d.quantityDecimals), unitOf(d)),
      });
    case 'double_refund':
      return t('summary_double_refund', { refund: str(d.refundReceiptNumber), original: str(d.originalReceiptNumber) });
    case 'transfer_discrepancy': {
      const lines = Array.isArray(d.lines) ? (d.lines as Record<string, unknown>[]) : [];
      return t('summary_transfer_discrepancy', {
        from: placeName(str(d.fromLocationId)),
        lines: lines
          .map((l) =>
            t('transferLine', {
              product: str(l.productName ?? l.productId),
              sent: f.number(num(l.sent)),
              received: f.number(num(l.received)),
            }),
          )
          .join('; '),
      });
    }
    case 'cash_difference':
      return cashDifferenceSummary(d, t, f);
    case 'sync_conflict':
      return syncConflictSummary(d, f);
    case 'refused_document':
      return refusedDocumentSummary(d, f);
    case 'unapproved_ticket':
      return unapprovedTicketSummary(d, t, f);
    case 'unit_mismatch':
      return unitMismatchSummary(d, t, f);
    case 'unapproved_shift_event':
      return t('summary_unapproved_shift_event', {
        event: t(d.eventKind === 'close' ? 'shiftEvent_close' : 'shiftEvent_no_sale'),
        device: str(d.deviceName),
        cashier: str(d.cashierName),
        findings: approvalFindingsText(d, t, f),
      });
    default:
      return item.summary;
  }
}

/** A ticket recorded without the approvals it needed, worded from the item's findings. */
function unapprovedTicketSummary(d: Record<string, unknown>, t: Translate<Key>, f: Formatter): string {
  const currency = typeof d.currency === 'string' ? d.currency : undefined;
  return t('summary_unapproved_ticket', {
    receipt: str(d.receiptNumber),
    cashier: str(d.cashierName),
    total: f.money(num(d.totalCents), currency),
    findings: approvalFindingsText(d, t, f),
  });
}

/** The approvals a document lacked and the ones given by the wrong person, in a phrase. */
function approvalFindingsText(d: Record<string, unknown>, t: Translate<Key>, f: Formatter): string {
  const limit = f.number(num(d.maxDiscountBp) / 100);
  const what = (kind: unknown) => t(`approval_${str(kind)}` as Key, { limit });
  const missing = Array.isArray(d.missing) ? d.missing : [];
  const invalid = Array.isArray(d.invalid) ? (d.invalid as Record<string, unknown>[]) : [];
  return [
    ...(missing.length > 0 ? [t('unapprovedMissing', { what: missing.map(what).join(', ') })] : []),
    ...invalid.map((a) =>
      t(a.why === 'own' ? 'unapprovedOwn' : 'unapprovedNotSupervisor', {
        what: what(a.kind),
        name: str(a.approverName),
      }),
    ),
  ].join('; ');
}

/** A line counted in another unit than its product: what the tablet said, and how much stock moved. */
function unitMismatchSummary(d: Record<string, unknown>, t: Translate<Key>, f: Formatter): string {
  const by = (unit: unknown) => t(`countedBy_${str(unit)}` as Key);
  const moved = typeof d.movedQuantity === 'number' ? d.movedQuantity : null;
  return t('summary_unit_mismatch', {
    product: str(d.productName),
    receipt: str(d.receiptNumber),
    soldBy: by(d.lineUnit),
    sold: f.quantity(num(d.lineQuantity), num(d.lineDecimals), str(d.lineUnit)),
    productBy: by(d.productUnit),
    moved:
      moved === null
        ? t('unitNotMoved')
        : t('unitMoved', { quantity: f.quantity(moved, num(d.productDecimals), str(d.productUnit)) }),
  });
}

/** A close beyond the branch's limit: counted and expected cash, and who approved it. */
function cashDifferenceSummary(d: Record<string, unknown>, t: Translate<Key>, f: Formatter): string {
  const currency = typeof d.currency === 'string' ? d.currency : undefined;
  const diff = num(d.differenceCents);
  return t(diff > 0 ? 'summary_cash_over' : 'summary_cash_short', {
    device: str(d.deviceName),
    cashier: str(d.cashierName),
    counted: f.money(num(d.countedCashCents), currency),
    expected: f.money(num(d.expectedCashCents), currency),
    difference: f.money(Math.abs(diff), currency),
    limit: f.money(num(d.limitCents), currency),
    approver: typeof d.approverName === 'string' ? d.approverName : t('noApprover'),
  });
}
