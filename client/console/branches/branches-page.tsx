import { percentToBasisPoints } from '../../../shared/sale/cart-math';
import { useState } from 'react';
import { TABLET_EDITABLE_FIELDS, type BranchView } from '../../../shared/console/fleet';
import { DEFAULT_SCALE_LABEL_LAYOUT } from '../../../shared/protocol/scale-label-layout';
import { useBranches } from '../api/use-branches';
import { useT } from '../i18n/i18n';
import { useApi, useManager } from '../session/session-context';
import { CheckField, CheckList } from '../ui/check-list';
import { DoneNotice } from '../ui/done-notice';
import { ErrorNotice } from '../ui/error-notice';
import { FormDialog } from '../ui/form-dialog';
import { GridTable } from '../ui/grid-table';
import { PageSection } from '../ui/page-section';
import { choices, SelectField } from '../ui/select-field';
import { TextAreaField, TextField } from '../ui/text-field';
import { NameWithDetail } from '../ui/name-with-detail';
import { branchMessages } from './branch-messages';
import { fromDrafts, ScaleLabelEditor, scaleLabelProblem, toDrafts } from './scale-label-editor';

/** Branches: create (administrators) and edit name, currency, time zone, oversell policy and tablet settings. */
export default function BranchesPage() {
  const t = useT(branchMessages);
  const isAdmin = useManager().role === 'admin';
  const { branches, error } = useBranches();
  const [editing, setEditing] = useState<BranchView | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const fieldName = (f: string) => t(`field_${f}` as 'field_sku');
  return (
    <PageSection
      titleId="branches-title"
      title={t('title')}
      actions={
        isAdmin && (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            {t('newBranch')}
          </button>
        )
      }
    >
      <DoneNotice>{notice}</DoneNotice>
      <ErrorNotice error={error} />
      <GridTable
        labelledBy="branches-title"
        columns={[
          t('name'),
          t('currencyShort'),
          t('timeZone'),
          t('oversellShort'),
          t('fieldsShort'),
          <span className="visually-hidden">{t('edit')}</span>,
        ]}
      >
        {branches.map((b) => (
          <tr key={b.id}>
            <th scope="row">
              <NameWithDetail name={b.name} detail={`${b.id} · ${b.receiptPrefix}`} />
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
      </GridTable>
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
    </PageSection>
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
  const [maxDiscount, setMaxDiscount] = useState(String((branch?.settings.maxDiscountBp ?? 10000) / 100));
  const [header, setHeader] = useState(branch?.settings.receiptHeader ?? '');
  const [footer, setFooter] = useState(branch?.settings.receiptFooter ?? '');
  const [scaleRules, setScaleRules] = useState(() =>
    toDrafts(branch?.settings.scaleLabels ?? DEFAULT_SCALE_LABEL_LAYOUT),
  );
  const fieldOptions = TABLET_EDITABLE_FIELDS.map((f) => ({ value: f as string, label: t(`field_${f}`) }));

  function validate() {
    if (!name.trim()) return t('invalidName');
    if (!branch && !/^[a-z0-9][a-z0-9-]{1,62}$/.test(id.trim())) return t('invalidId');
    if (!branch && !/^[A-Z0-9]{1,8}$/.test(prefix.trim())) return t('invalidPrefix');
    if (!/^[A-Z]{3}$/.test(currency.trim())) return t('invalidCurrency');
    const idleSeconds = Number(idle);
    if (!Number.isInteger(idleSeconds) || idleSeconds < 15 || idleSeconds > 3600) return t('invalidIdle');
    if (percentToBasisPoints(maxDiscount) === null) return t('invalidMaxDiscount');
    return scaleLabelProblem(scaleRules, t);
  }

  async function save() {
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
    const path = `/api/console/branches/${encodeURIComponent(target!)}`;
    await api.patch(`${path}/settings`, { scaleLabels: fromDrafts(scaleRules) });
    await api.patch(path, {
      name,
      currency: currency.trim(),
      timeZone,
      allowOversell,
      productEditFields: fields,
      idleLockSeconds: Number(idle),
      maxDiscountBp: percentToBasisPoints(maxDiscount),
      receiptHeader: header,
      receiptFooter: footer,
    });
    onDone(branch ? t('saved', { name }) : t('created', { name }));
  }

  return (
    <FormDialog
      title={branch ? t('editLabel', { name: branch.name }) : t('newBranch')}
      submitLabel={branch ? t('save') : t('create')}
      onClose={onClose}
      validate={validate}
      onSubmit={save}
      columns={2}
    >
      <TextField label={t('name')} value={name} onChange={(e) => setName(e.target.value)} />
      {!branch && (
        <>
          <TextField label={t('id')} value={id} onChange={(e) => setId(e.target.value)} />
          <TextField label={t('prefix')} value={prefix} onChange={(e) => setPrefix(e.target.value)} />
        </>
      )}
      <TextField label={t('currency')} value={currency} onChange={(e) => setCurrency(e.target.value.toUpperCase())} />
      <SelectField label={t('timeZone')} value={timeZone} onChange={setTimeZone} options={choices(ZONES, (z) => z)} />
      <TextField label={t('idleLock')} inputMode="numeric" value={idle} onChange={(e) => setIdle(e.target.value)} />
      <TextField
        label={t('maxDiscount')}
        inputMode="decimal"
        value={maxDiscount}
        onChange={(e) => setMaxDiscount(e.target.value)}
      />
      <CheckField className="wide" label={t('oversell')} checked={allowOversell} onChange={setAllowOversell} />
      <CheckList className="wide" legend={t('fields')} options={fieldOptions} chosen={fields} onChange={setFields} />
      <TextAreaField label={t('header')} rows={2} value={header} onChange={(e) => setHeader(e.target.value)} />
      <TextAreaField label={t('footer')} rows={2} value={footer} onChange={(e) => setFooter(e.target.value)} />
      <ScaleLabelEditor rules={scaleRules} onChange={setScaleRules} />
    </FormDialog>
  );
}
