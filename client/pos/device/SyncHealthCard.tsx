import { useT } from '../i18n';
import { useObservable } from '../use-observable';
import { deviceMessages } from './device-messages';
import { useDevice } from '../session/device-context';

/** How syncing goes: the circuit breaker, whether this tab leads, what waits to be sent and what was refused. */
export function SyncHealthCard() {
  const { engine, ledger, money } = useDevice();
  const { pending } = ledger;
  const t = useT(deviceMessages);
  const breaker = useObservable(engine.breaker.state$, engine.breaker.state);
  const link = useObservable(engine.link$, engine.link$.value);
  return (
    <section className="card" aria-label={t('sync')}>
      <h2>{t('sync')}</h2>
      <dl className="report-rows">
        <div>
          <dt>{t('breaker')}</dt>
          <dd data-testid="breaker-state">{t(`breaker_${breaker}`)}</dd>
        </div>
        <div>
          <dt>{t('leader')}</dt>
          <dd data-testid="leader">{link.leader ? t('leaderYes') : t('leaderNo')}</dd>
        </div>
        <div>
          <dt>{t('pending')}</dt>
          <dd data-testid="device-pending">
            {pending.count} ({money(pending.valueCents)})
          </dd>
        </div>
        <div>
          <dt>{t('rejected')}</dt>
          <dd>{pending.rejected}</dd>
        </div>
      </dl>
    </section>
  );
}
