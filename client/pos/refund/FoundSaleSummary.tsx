import { INTL_LOCALE, useI18n, useT } from '../i18n';
import { refundMessages } from './refund-messages';
import type { FoundSale } from './refund-ticket';
import { useMoney } from '../session/device-context';

/** The found ticket: its receipt number, when it was sold and for how much, and whether part came back already. */
export function FoundSaleSummary({ found }: { found: FoundSale }) {
  const money = useMoney();
  const t = useT(refundMessages);
  const { locale } = useI18n();
  return (
    <>
      <p>
        <strong>{found.sale.receiptNumber}</strong> —{' '}
        {t('soldOn', {
          date: new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'short', timeStyle: 'short' }).format(
            new Date(found.sale.createdAt),
          ),
          total: money(found.sale.totalCents),
        })}
      </p>
      {found.alreadyPartly && found.left.some((n) => n > 0) && (
        <p className="warning" role="note">
          {t('partlyRefunded')}
        </p>
      )}
    </>
  );
}
