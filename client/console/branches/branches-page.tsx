import { useState } from 'react';
import { TABLET_EDITABLE_FIELDS, type BranchView } from '../../../shared/console/fleet';
import { useBranches } from '../api/use-branches';
import { useT } from '../i18n/i18n';
import { useApi, useManager } from '../session/session-context';
import { Dialog } from '../ui/dialog';
import { ErrorNotice } from '../ui/error-notice';
import { SelectField } from '../ui/select-field';
import { branchMessages } from './branch-messages';

/** Branches: create (administrators) and edit name, currency, time zone, oversell policy and tablet settings. */
export default function BranchesPage() {
  const t = useT(branchMessages);
  const isAdmin = useManager().role === 'admin';
  const { branches, error } = useBranches();
  const [editing, setEditing] = useState<BranchView | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const fieldName = (f: string) => t(`field_${f}` as 'field_sku');
  return (
    <section className="page" aria-labelledby="branches-title">
      <div className="page-head">
        <h1 id="branches-title">{t('title')}</h1>
        {isAdmin && (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            {t('newBranch')}
          </button>
        )}
      </div>
      {notice && (
        <p role="status" className="ok">
          {notice}
        </p>
      )}
      <ErrorNotice error={error} />
      <div className="table-scroll" role="region" aria-labelledby="branches-title" tabIndex={0}>
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('currencyShort')}</th>
              <th scope="col">{t('timeZone')}</th>
              <th scope="col">{t('oversellShort')}</th>
              <th scope="col">{t('fieldsShort')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {branches.map((b) => (
              <tr key={b.id}>
                <th scope="row">
                  <span className="strong">{b.name}</span>
                  <span className="sub">
                    {b.id} · {b.receiptPrefix}
                  </span>
                </th>
                <td>{b.currency}</td>
                <td>{b.timeZone}</td>
                <td>{b.settings.allowOversell ? t('yes') : t('no')}</td>
                <td>{b.settings.productEditFields.map(fieldName).join(', ') || '—'}</td>
                <td>
                  <button type="button" aria-label={t('editLabel', { name: b.name })} onClick={() => setEditing(b)}>
                    {t('edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing && (
        <BranchDialog
          branch={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onDone={(message) => {
            setEditing(null);
            setNotice(message);
          }}
        />
      )}
    </section>
  );
}

const ZONES = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf: (k: string) => string[] }).supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

function BranchDialog({
  branch,
  onClose,
  onDone,
}: {
  branch: BranchView | null;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const t = useT(branchMessages);
  const api = useApi();
  const [name, setName] = useState(branch?.name ?? '');
  const [id, setId] = useState('');
  const [prefix, setPrefix] = useState('');
  const [currency, setCurrency] = useState(branch?.currency ?? 'MXN');
  const [timeZone, setTimeZone] = useState(branch?.timeZone ?? 'America/Mexico_City');
  const [allowOversell, setAllowOversell] = useState(branch?.settings.allowOversell ?? true);
  const [fields, setFields] = useState<string[]>(branch?.settings.productEditFields ?? []);
  const [idle, setIdle] = useState(String(branch?.settings.idleLockSeconds ?? 120));
  const [header, setHeader] = useState(branch?.settings.receiptHeader ?? '');
  const [footer, setFooter] = useState(branch?.settings.receiptFooter ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function save() {
    if (!name.trim()) return setProblem(t('invalidName'));
    if (!branch && !/^[a-z0-9][a-z0-9-]{1,62}$/.test(id.trim())) return setProblem(t('invalidId'));
    if (!branch && !/^[A-Z0-9]{1,8}$/.test(prefix.trim())) return setProblem(t('invalidPrefix'));
    if (!/^[A-Z]{3}$/.test(currency.trim())) return setProblem(t('invalidCurrency'));
    const idleSeconds = Number(idle);
    if (!Number.isInteger(idleSeconds) || idleSeconds < 15 || idleSeconds > 3600) return setProblem(t('invalidIdle'));
    setProblem(null);
    setError(null);
    try {
      let target = branch?.id;
      if (!branch) {
        const created = await api.post<BranchView>('/api/console/branches', {
          id: id.trim(),
          name,
          receiptPrefix: prefix.trim(),
          currency: currency.trim(),
          timeZone,
        });
        target = created.id;
      }
      await api.patch(`/api/console/branches/${encodeURIComponent(target!)}`, {
        name,
        currency: currency.trim(),
        timeZone,
        allowOversell,
        productEditFields: fields,
        idleLockSeconds: idleSeconds,
        receiptHeader: header,
        receiptFooter: footer,
      });
      onDone(branch ? t('saved', { name }) : t('created', { name }));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Dialog title={branch ? t('editLabel', { name: branch.name }) : t('newBranch')} onClose={onClose}>
      <div className="form two-columns">
        <div className="field">
          <label htmlFor="branch-name">{t('name')}</label>
          <input id="branch-name" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        {!branch && (
          <>
            <div className="field">
              <label htmlFor="branch-id">{t('id')}</label>
              <input id="branch-id" value={id} onChange={(e) => setId(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="branch-prefix">{t('prefix')}</label>
              <input id="branch-prefix" value={prefix} onChange={(e) => setPrefix(e.target.value)} />
            </div>
          </>
        )}
        <div className="field">
          <label htmlFor="branch-currency">{t('currency')}</label>
          <input id="branch-currency" value={currency} onChange={(e) => setCurrency(e.target.value.toUpperCase())} />
        </div>
        <SelectField label={t('timeZone')} value={timeZone} onChange={setTimeZone}>
          {ZONES.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </SelectField>
        <div className="field">
          <label htmlFor="branch-idle">{t('idleLock')}</label>
          <input id="branch-idle" inputMode="numeric" value={idle} onChange={(e) => setIdle(e.target.value)} />
        </div>
        <label className="check wide">
          <input type="checkbox" checked={allowOversell} onChange={(e) => setAllowOversell(e.target.checked)} />
          {t('oversell')}
        </label>
        <fieldset className="checks wide">
          <legend>{t('fields')}</legend>
          {TABLET_EDITABLE_FIELDS.map((f) => (
            <label key={f} className="check">
              <input
                type="checkbox"
                checked={fields.includes(f)}
                onChange={(e) => setFields((fs) => (e.target.checked ? [...fs, f] : fs.filter((x) => x !== f)))}
              />
              {t(`field_${f}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="branch-header">{t('header')}</label>
          <textarea id="branch-header" rows={2} value={header} onChange={(e) => setHeader(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="branch-footer">{t('footer')}</label>
          <textarea id="branch-footer" rows={2} value={footer} onChange={(e) => setFooter(e.target.value)} />
        </div>
        {problem && (
          <p className="field-error wide" role="alert">
            {problem}
          </p>
        )}
        <div className="wide">
          <ErrorNotice error={error} />
        </div>
        <div className="actions wide">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="button" className="primary" onClick={() => void save()}>
            {branch ? t('save') : t('create')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
