import { useState } from 'react';
import type { BranchView } from '../../../shared/console/fleet';
import { useT } from '../i18n/i18n';
import { useLiveQuery } from '../live/use-live-query';
import { useApi } from '../session/session-context';
import { DoneNotice } from '../ui/done-notice';
import { ErrorNotice } from '../ui/error-notice';
import { FormDialog } from '../ui/form-dialog';
import { GridTable } from '../ui/grid-table';
import { placeOptions, SelectField } from '../ui/select-field';
import { TextField } from '../ui/text-field';
import { peopleMessages } from './people-messages';

interface Cashier {
  id: string;
  name: string;
  role: 'cashier' | 'supervisor';
  active: boolean;
}

const PIN = /^\d{4,8}$/;

/** A branch's cashiers: create, reset the PIN, deactivate (managers of the branch and administrators). */
export function CashiersSection({ branches }: { branches: BranchView[] }) {
  const t = useT(peopleMessages);
  const api = useApi();
  const [chosen, setChosen] = useState('');
  const branchId = chosen || branches[0]?.id || '';
  const base = `/api/console/branches/${encodeURIComponent(branchId)}/cashiers`;
  const list = useLiveQuery(
    `cashiers:${branchId}`,
    (s) => (branchId ? api.get<{ cashiers: Cashier[] }>(base, {}, s) : Promise.resolve({ cashiers: [] })),
    { collections: ['cashiers'] },
  );
  const [editing, setEditing] = useState<{ kind: 'new' } | { kind: 'pin'; c: Cashier } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function setActive(c: Cashier, active: boolean) {
    setError(null);
    try {
      await api.patch(`${base}/${encodeURIComponent(c.id)}`, { active });
      list.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="card form" role="group" aria-labelledby="cashiers-title">
      <div className="page-head">
        <h2 id="cashiers-title">{t('cashiers')}</h2>
        <button type="button" className="primary" disabled={!branchId} onClick={() => setEditing({ kind: 'new' })}>
          {t('newCashier')}
        </button>
      </div>
      {branches.length > 1 && (
        <SelectField label={t('branch')} value={branchId} onChange={setChosen} options={placeOptions(branches)} />
      )}
      <DoneNotice>{notice}</DoneNotice>
      <ErrorNotice error={list.error ?? error} />
      {list.data && list.data.cashiers.length === 0 && <p className="hint">{t('noCashiers')}</p>}
      {list.data && list.data.cashiers.length > 0 && (
        <GridTable labelledBy="cashiers-title" columns={[t('name'), t('role'), t('state'), t('actions')]}>
          {list.data.cashiers.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.name}</th>
              <td>{c.role === 'supervisor' ? t('supervisor') : t('cashier')}</td>
              <td>
                <span className={c.active ? 'badge ok' : 'badge bad'}>{c.active ? t('active') : t('inactive')}</span>
              </td>
              <td>
                <div className="row-actions">
                  <button
                    type="button"
                    aria-label={t('resetPinLabel', { name: c.name })}
                    onClick={() => setEditing({ kind: 'pin', c })}
                  >
                    {t('resetPin')}
                  </button>
                  <button
                    type="button"
                    className={c.active ? 'danger' : undefined}
                    aria-label={t(c.active ? 'deactivateLabel' : 'reactivateLabel', { name: c.name })}
                    onClick={() => void setActive(c, !c.active)}
                  >
                    {c.active ? t('deactivate') : t('reactivate')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </GridTable>
      )}
      {editing && (
        <CashierDialog
          base={base}
          cashier={editing.kind === 'pin' ? editing.c : null}
          onClose={() => setEditing(null)}
          onDone={(message) => {
            setEditing(null);
            setNotice(message);
            list.reload();
          }}
        />
      )}
    </div>
  );
}

function CashierDialog({
  base,
  cashier,
  onClose,
  onDone,
}: {
  base: string;
  cashier: Cashier | null;
  onClose: () => void;
  onDone: (message: string | null) => void;
}) {
  const t = useT(peopleMessages);
  const api = useApi();
  const [name, setName] = useState('');
  const [role, setRole] = useState<'cashier' | 'supervisor'>('cashier');
  const [pin, setPin] = useState('');

  function validate() {
    if (!cashier && !name.trim()) return t('nameMissing');
    if (!PIN.test(pin)) return t('pinInvalid');
  }
  async function save() {
    if (cashier) {
      await api.patch(`${base}/${encodeURIComponent(cashier.id)}`, { pin });
      onDone(t('pinDone'));
    } else {
      await api.post(base, { name, role, pin });
      onDone(null);
    }
  }

  return (
    <FormDialog
      title={cashier ? t('pinTitle', { name: cashier.name }) : t('newCashier')}
      submitLabel={cashier ? t('save') : t('create')}
      onClose={onClose}
      validate={validate}
      onSubmit={save}
    >
      {!cashier && (
        <>
          <TextField label={t('name')} value={name} onChange={(e) => setName(e.target.value)} />
          <SelectField label={t('role')} value={role} onChange={(v) => setRole(v as typeof role)}>
            <option value="cashier">{t('cashier')}</option>
            <option value="supervisor">{t('supervisor')}</option>
          </SelectField>
        </>
      )}
      <TextField
        label={cashier ? t('newPin') : t('pin')}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        value={pin}
        onChange={(e) => setPin(e.target.value)}
      />
    </FormDialog>
  );
}
