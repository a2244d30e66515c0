import { useState } from 'react';
import type { ProductImportResponse } from '../../../shared/console/catalogue';
import { useLocale, useT } from '../i18n/i18n';
import { useApi } from '../session/session-context';
import { Dialog } from '../ui/dialog';
import { ErrorNotice } from '../ui/error-notice';
import { GridTable } from '../ui/grid-table';
import { importMessages } from './import-messages';
import { ErrorText } from '../../shared-ui/error-text';

interface Preview {
  csv: string;
  names: Map<number, string>;
  result: ProductImportResponse;
}

/**
 * CSV import in two steps: the server checks every row (confirm=false) and the manager sees what
 * each line would do and its errors; only "Confirm" writes, all rows or none.
 */
export function ImportDialog({ onClose, onDone }: { onClose: () => void; onDone: (message: string) => void }) {
  const t = useT(importMessages);
  const { locale } = useLocale();
  const api = useApi();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState<'checking' | 'confirming' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [unreadable, setUnreadable] = useState(false);

  async function choose(file: File | undefined) {
    setPreview(null);
    setError(null);
    setUnreadable(false);
    if (!file) return;
    setBusy('checking');
    try {
      const csv = await file.text();
      const { parse } = await import('papaparse');
      const parsed = parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
      if (parsed.errors.length && parsed.data.length === 0) {
        setUnreadable(true);
        return;
      }
      // Line numbers as the server counts them: the header is line 1.
      const names = new Map(parsed.data.map((row, i) => [i + 2, row.name ?? '']));
      const result = await api.post<ProductImportResponse>('/api/console/products/import', { csv, confirm: false });
      setPreview({ csv, names, result });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  async function confirm() {
    if (!preview) return;
    setBusy('confirming');
    setError(null);
    try {
      const r = await api.post<ProductImportResponse>('/api/console/products/import', {
        csv: preview.csv,
        confirm: true,
      });
      onDone(t('done', { create: r.createCount, update: r.updateCount }));
    } catch (err) {
      setError(err);
      setBusy(null);
    }
  }

  const result = preview?.result;
  // The server names the column before a colon; its explanation is English, said here in Spanish by column.
  const describe = (e: string) =>
    locale === 'en' ? e : t('columnProblem', { column: e.includes(':') ? e.slice(0, e.indexOf(':')) : '—' });
  return (
    <Dialog title={t('title')} onClose={onClose}>
      <div className="form wide-dialog">
        <p className="hint">{t('help')}</p>
        <div className="field">
          <label htmlFor="import-file">{t('file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => void choose(e.target.files?.[0])}
          />
        </div>
        {busy === 'checking' && <p role="status">{t('checking')}</p>}
        <ErrorText>{unreadable && t('notCsv')}</ErrorText>
        <ErrorNotice error={error} />
        {result && (
          <>
            <p role="status" className={result.errorCount ? 'warning' : 'ok'}>
              {t('summary', { create: result.createCount, update: result.updateCount, errors: result.errorCount })}
              {result.errorCount > 0 && ` ${t('fixFirst')}`}
            </p>
            <GridTable
              label={t('title')}
              className="import-preview"
              columns={[t('line'), t('sku'), t('name'), t('action'), t('problems')]}
            >
              {result.rows.map((r) => (
                <tr key={r.line} className={r.errors.length ? 'alert' : undefined}>
                  <th scope="row">{r.line}</th>
                  <td>{r.sku}</td>
                  <td>{preview?.names.get(r.line) ?? ''}</td>
                  <td>{t(r.action)}</td>
                  <td>{r.errors.map(describe).join(' ')}</td>
                </tr>
              ))}
            </GridTable>
          </>
        )}
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={!result || result.errorCount > 0 || busy !== null}
            onClick={() => void confirm()}
          >
            {busy === 'confirming' ? t('confirming') : t('confirm')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
