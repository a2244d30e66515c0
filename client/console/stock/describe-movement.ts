import type { MovementRow } from '../../../shared/console/ledger-api';
import { ADJUSTMENT_REASONS } from '../../../shared/console/stock';
import type { Translate } from '../i18n/i18n';
import type { stockMessages } from './stock-messages';

type Key = keyof (typeof stockMessages)['es'];

/**
 * Who and why of a ledger movement in the manager's words. The ledger stores them for machines
 * ("manager:<id>", "waste: note", "transfer <id> to <location>: note", "sale 001-01-000003");
 * ids become names where the console knows them, and the rest is said in the console's language.
 */
export function describeMovement(
  m: Pick<MovementRow, 'actor' | 'reason' | 'kind'>,
  t: Translate<Key>,
  names: { manager: (id: string) => string | undefined; place: (locationId: string) => string },
): { who: string; why: string } {
  const [actorKind, actorId = ''] = m.actor.split(/:(.*)/s);
  const who =
    actorKind === 'manager'
      ? (names.manager(actorId) ?? t('actorManager'))
      : actorKind === 'device'
        ? t('actorDevice')
        : actorKind === 'legacy'
          ? t('actorLegacy')
          : t('actorSystem');
  const r = m.reason;
  const reasonCode = ADJUSTMENT_REASONS.find((code) => r.startsWith(`${code}: `));
  if (reasonCode) return { who, why: `${t(`reason_${reasonCode}`)}: ${r.slice(reasonCode.length + 2)}` };
  if (r.startsWith('received: ')) return { who, why: t('whyReceived', { note: r.slice('received: '.length) }) };
  const transfer = /^transfer \S+ to (\S+?)(?:: (.*))?$/s.exec(r);
  if (transfer) {
    const place = names.place(transfer[1]!);
    return {
      who,
      why: transfer[2] ? t('whyTransferTo', { place, note: transfer[2] }) : t('whyTransferToPlain', { place }),
    };
  }
  const arrived = /^transfer \S+ from (\S+) received/.exec(r);
  if (arrived) return { who, why: t('whyTransferFrom', { place: names.place(arrived[1]!) }) };
  const counted = /^count \S+: counted (-?[\d.]+), device believed (-?[\d.]+)(?: \((.+?)\))?(?=,| \(relayed|$)/s.exec(
    r,
  );
  if (counted) {
    const why = t('whyCount', { counted: counted[1]!, believed: counted[2]! });
    return { who, why: counted[3] ? `${why} (${counted[3]})` : why };
  }
  const stockCount = /^count: stock count \S+, counted (-?[\d.]+), expected (-?[\d.]+)/.exec(r);
  if (stockCount) return { who, why: t('whyStockCount', { counted: stockCount[1]!, expected: stockCount[2]! }) };
  const cancelled = /^transfer \S+ cancelled: (.*)$/s.exec(r);
  if (cancelled) return { who, why: t('whyTransferCancelled', { note: cancelled[1]! }) };
  const sale = /^(sale|refund) (\S+)/.exec(r);
  if (sale) return { who, why: t(sale[1] === 'sale' ? 'whySale' : 'whyRefund', { receipt: sale[2]! }) };
  if (m.kind === 'initial') return { who, why: t('whyInitial') };
  return { who, why: r };
}
