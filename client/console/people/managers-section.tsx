import { useState } from 'react';
import type { ManagerView } from '../../../shared/console/people';
import type { BranchView } from '../../../shared/console/fleet';
import { useT } from '../i18n/i18n';
import { useLiveQuery } from '../live/use-live-query';
import { useApi } from '../session/session-context';
import { CheckList } from '../ui/check-list';
import { DoneNotice } from '../ui/done-notice';
import { ErrorNotice } from '../ui/error-notice';
import { FormDialog } from '../ui/form-dialog';
import { GridTable } from '../ui/grid-table';
import { SelectField } from '../ui/select-field';
import { TextField } from '../ui/text-field';
import { NameWithDetail } from '../ui/name-with-detail';
import { peopleMessages } from './people-messages';

type Editing = { kind: 'new' } | { kind: 'password'; m: ManagerView } | { kind: 'branches'; m: ManagerView };

/** Administrators manage the managers: create, branch scope, disable, reset password. */
export function ManagersSection({ branches }: { branches: BranchView[] }) {
  const t = useT(peopleMessages);
  const api = useApi();
  const list = useLiveQuery(
    'managers',
    (s) => api.get<{ managers: ManagerView[] }>('/api/console/managers', { includeDisabled: 'true' }, s),
    { collections: ['managers'] },
  );
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const branchName = (id: string) => branches.find((b) => b.id === id)?.name ?? id;

  async function setDisabled(m: ManagerView, disabled: boolean) {
    setError(null);
    try {
      await api.patch(`/api/console/managers/${encodeURIComponent(m.id)}`, { disabled });
      list.reload();
    } catch (err) {
      setError(err);
    }
  }
  const done = (message: string | null) => {
    setEditing(null);
    setNotice(message);
    list.reload();
  };

  return (
    <div className="card form" role="group" aria-labelledby="managers-title">
      <div className="page-head">
        <h2 id="managers-title">{t('managers')}</h2>
        <button type="button" className="primary" onClick={() => setEditing({ kind: 'new' })}>
          {t('newManager')}
        </button>
      </div>
      <DoneNotice>{notice}</DoneNotice>
      <ErrorNotice error={list.error ?? error} />
      {list.data && list.data.managers.length === 0 && <p className="hint">{t('noManagers')}</p>}
      {list.data && list.data.managers.length > 0 && (
        <GridTable
          labelledBy="managers-title"
          columns={[t('name'), t('role'), t('branches'), t('state'), t('actions')]}
        >
          {list.data.managers.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                <NameWithDetail name={m.name} detail={m.email} />
              </th>
              <td>{t(m.role)}</td>
              <td>{m.branchIds === 'all' ? t('allBranches') : m.branchIds.map(branchName).join(', ')}</td>
              <td>
                <span className={m.disabled ? 'badge bad' : 'badge ok'}>
                  {m.disabled ? t('disabled') : t('active')}
                </span>
              </td>
              <td>
                <div className="row-actions">
                  {m.role === 'branch_manager' && (
                    <button
                      type="button"
                      aria-label={t('editBranchesLabel', { name: m.name })}
                      onClick={() => setEditing({ kind: 'branches', m })}
                    >
                      {t('editBranches')}
                    </button>
                  )}
                  <button
                    type="button"
                    aria-label={t('resetPasswordLabel', { name: m.name })}
                    onClick={() => setEditing({ kind: 'password', m })}
                  >
                    {t('resetPassword')}
                  </button>
                  <button
                    type="button"
                    className={m.disabled ? undefined : 'danger'}
                    aria-label={t(m.disabled ? 'enableLabel' : 'disableLabel', { name: m.name })}
                    onClick={() => void setDisabled(m, !m.disabled)}
                  >
                    {m.disabled ? t('enable') : t('disable')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </GridTable>
      )}
      {editing?.kind === 'new' && (
        <NewManagerDialog branches={branches} onClose={() => setEditing(null)} onDone={done} />
      )}
      {editing?.kind === 'password' && (
        <PasswordDialog manager={editing.m} onClose={() => setEditing(null)} onDone={done} />
      )}
      {editing?.kind === 'branches' && (
        <BranchesDialog manager={editing.m} branches={branches} onClose={() => setEditing(null)} onDone={done} />
      )}
    </div>
  );
}

function BranchChecks({
  branches,
  chosen,
  onChange,
}: {
  branches: BranchView[];
  chosen: string[];
  onChange: (ids: string[]) => void;
}) {
  const t = useT(peopleMessages);
  const options = branches.map((b) => ({ value: b.id, label: b.name }));
  return <CheckList legend={t('branches')} options={options} chosen={chosen} onChange={onChange} />;
}

function NewManagerDialog({
  branches,
  onClose,
  onDone,
}: {
  branches: BranchView[];
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const t = useT(peopleMessages);
  const api = useApi();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'branch_manager' | 'admin'>('branch_manager');
  const [chosen, setChosen] = useState<string[]>([]);
  const [password, setPassword] = useState('');

  function validate() {
    if (!name.trim()) return t('nameMissing');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) return t('emailInvalid');
    if (role === 'branch_manager' && chosen.length === 0) return t('branchesMissing');
    if (password.length < 10) return t('passwordShort');
  }
  async function create() {
    await api.post('/api/console/managers', { name, email, role, branchIds: role === 'admin' ? [] : chosen, password });
    onDone(t('created', { name }));
  }

  return (
    <FormDialog
      title={t('newManager')}
      submitLabel={t('create')}
      onClose={onClose}
      validate={validate}
      onSubmit={create}
    >
      <TextField label={t('name')} value={name} onChange={(e) => setName(e.target.value)} />
      <TextField label={t('email')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      <SelectField label={t('role')} value={role} onChange={(v) => setRole(v as typeof role)}>
        <option value="branch_manager">{t('branch_manager')}</option>
        <option value="admin">{t('admin')}</option>
      </SelectField>
      {role === 'branch_manager' && <BranchChecks branches={branches} chosen={chosen} onChange={setChosen} />}
      <PasswordField label={t('password')} value={password} onChange={setPassword} />
    </FormDialog>
  );
}

function PasswordField({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <TextField
      label={label}
      type="password"
      autoComplete="new-password"
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function PasswordDialog({
  manager,
  onClose,
  onDone,
}: {
  manager: ManagerView;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const t = useT(peopleMessages);
  const api = useApi();
  const [password, setPassword] = useState('');
  return (
    <FormDialog
      title={t('resetTitle', { name: manager.name })}
      submitLabel={t('save')}
      onClose={onClose}
      validate={() => password.length < 10 && t('passwordShort')}
      onSubmit={async () => {
        await api.post(`/api/console/managers/${encodeURIComponent(manager.id)}/reset-password`, { password });
        onDone(t('resetDone', { name: manager.name }));
      }}
    >
      <PasswordField label={t('newPassword')} value={password} onChange={setPassword} />
    </FormDialog>
  );
}

function BranchesDialog({
  manager,
  branches,
  onClose,
  onDone,
}: {
  manager: ManagerView;
  branches: BranchView[];
  onClose: () => void;
  onDone: (message: string | null) => void;
}) {
  const t = useT(peopleMessages);
  const api = useApi();
  const [chosen, setChosen] = useState<string[]>(manager.branchIds === 'all' ? [] : manager.branchIds);
  return (
    <FormDialog
      title={t('branchesTitle', { name: manager.name })}
      submitLabel={t('save')}
      onClose={onClose}
      validate={() => chosen.length === 0 && t('branchesMissing')}
      onSubmit={async () => {
        await api.patch(`/api/console/managers/${encodeURIComponent(manager.id)}`, { branchIds: chosen });
        onDone(null);
      }}
    >
      <BranchChecks branches={branches} chosen={chosen} onChange={setChosen} />
    </FormDialog>
  );
}
