import { useEffect, useState } from 'react';
import { useI18n, useT } from '../i18n';
import { reasonKey, refusedMessages } from './refused-messages';
import { refusedSales, type RefusedSale } from './refused-sales';
import { useDevice } from '../session/device-context';

/** Which tickets the central office refused, each by number and reason (read again when the count changes). */
export function RefusedSalesAlert({ count }: { count: number }) {
  const { db } = useDevice();
  const { t } = useI18n();
  const r = useT(refusedMessages);
  const [refused, setRefused] = useState<RefusedSale[]>([]);
  useEffect(() => {
    let live = true;
    void refusedSales(db).then((list) => live && setRefused(list));
    return () => {
      live = false;
    };
  }, [db, count]);
  return (
    <div role="alert" className="error refused-sales" data-testid="refused-sales">
      <p>{t('rejectedSales', { count })}</p>
      <ul>
        {refused.map((s) => (
          <li key={s.id}>{r('refusedLine', { receipt: s.receiptNumber, reason: r(reasonKey(s.code)) })}</li>
        ))}
      </ul>
    </div>
  );
}
