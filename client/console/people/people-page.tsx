import { useBranches } from '../api/use-branches';
import { useT } from '../i18n/i18n';
import { useManager } from '../session/session-context';
import { CashiersSection } from './cashiers-section';
import { ManagersSection } from './managers-section';
import { peopleMessages } from './people-messages';

/** People: administrators manage managers; managers (and administrators) manage their branches' cashiers. */
export default function PeoplePage() {
  const t = useT(peopleMessages);
  const manager = useManager();
  const { branches } = useBranches();
  return (
    <section className="page" aria-labelledby="people-title">
      <h1 id="people-title">{t('title')}</h1>
      {manager.role === 'admin' && <ManagersSection branches={branches} />}
      <CashiersSection branches={branches} />
    </section>
  );
}
