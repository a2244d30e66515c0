import { useEffect, useState } from 'react';
import type { QuickKeysResponse, QuickKeyView } from '../../../shared/console/quick-keys';
import { MAX_QUICK_KEYS } from '../../../shared/protocol/quick-key';
import { useBranches } from '../api/use-branches';
import { useT } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useLiveQuery } from '../live/use-live-query';
import { useApi } from '../session/session-context';
import { DoneNotice } from '../ui/done-notice';
import { ErrorNotice } from '../ui/error-notice';
import { PageSection } from '../ui/page-section';
import { placeOptions, SelectField } from '../ui/select-field';
import { ProductSearch } from './product-search';
import { QuickKeyList } from './quick-key-list';
import { quickKeysMessages } from './quick-keys-messages';
import './quick-keys.css';

/** Quick keys: a branch's favourites page for its tablets, picked, ordered and labelled here. */
export default function QuickKeysPage() {
  const t = useT(quickKeysMessages);
  const api = useApi();
  const { branches } = useBranches();
  const [branchId, setBranchId] = useState('');
  const branch = branches.find((b) => b.id === branchId) ?? branches[0];
  const page = useLiveQuery(
    `quick-keys:${branch?.id ?? ''}`,
    (signal) =>
      branch
        ? api.get<QuickKeysResponse>(`/api/console/branches/${encodeURIComponent(branch.id)}/quick-keys`, {}, signal)
        : Promise.resolve(undefined),
    { collections: ['settings'] },
  );
  const [keys, setKeys] = useState<QuickKeyView[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const f = useFormat({ currency: branch?.currency });
  const money = (c: number) => f.money(c, branch?.currency);

  // A new branch, or the page saved elsewhere while nothing was being edited here.
  useEffect(() => setKeys(null), [branch?.id]);
  const shown = keys ?? page.data?.keys ?? [];

  async function save() {
    if (!branch) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await api.put<QuickKeysResponse>(
        `/api/console/branches/${encodeURIComponent(branch.id)}/quick-keys`,
        { keys: shown.map((k) => ({ productId: k.productId, label: k.label.trim() })) },
      );
      setKeys(saved.keys);
      setNotice(t('saved', { branch: branch.name }));
      page.reload();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <PageSection titleId="quick-keys-title" title={t('title')} className="quick-keys-page">
      <p className="hint">{t('intro')}</p>
      {branches.length > 1 && (
        <div className="filters">
          <SelectField
            label={t('branch')}
            value={branch?.id ?? ''}
            onChange={setBranchId}
            options={placeOptions(branches)}
          />
        </div>
      )}
      <ErrorNotice error={page.error} />
      <div className="quick-keys-layout">
        <section className="card">
          <ProductSearch
            money={money}
            isOnPage={(id) => shown.some((k) => k.productId === id)}
            onAdd={(p) => {
              setNotice(null);
              if (shown.length >= MAX_QUICK_KEYS) return setNotice(t('tooMany', { max: MAX_QUICK_KEYS }));
              setKeys([
                ...shown,
                { productId: p.id, label: '', name: p.name, sku: p.sku, priceCents: p.priceCents, withdrawn: false },
              ]);
            }}
          />
        </section>
        <section className="card" aria-labelledby="quick-keys-page-title">
          <h2 id="quick-keys-page-title">{t('page')}</h2>
          <p className="hint">
            {t('count', { count: shown.length, max: MAX_QUICK_KEYS })} · {t('labelHint')}
          </p>
          <QuickKeyList keys={shown} onChange={(k) => (setNotice(null), setKeys(k))} money={money} />
          <div className="quick-keys-save">
            <button type="button" className="primary" disabled={saving || !branch} onClick={() => void save()}>
              {saving ? t('saving') : t('save')}
            </button>
            {keys && !notice && <span className="hint">{t('unsaved')}</span>}
          </div>
          <DoneNotice>{notice}</DoneNotice>
          <ErrorNotice error={error} />
        </section>
      </div>
    </PageSection>
  );
}
