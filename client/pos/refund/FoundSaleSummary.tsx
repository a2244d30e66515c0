import { INTL_LOCALE, useI18n, useT } from '../i18n';
import { refundMessages } from './refund-messages';
import type { FoundSale } from './refund-ticket';

/** The found ticket: its receipt number, when it was sold and for how much, and whether part came back already. */
export function FoundSaleSummary({ found, money }: { found: FoundSale; money: (c: number) => string }) {
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
