import { useRef, useState } from 'react';
import { countExported, exportQueue, importQueue, parseQueueFile, QueueImportError } from '../../sync/queue-export';
import { errorMessage } from '../error-message';
import { useT } from '../i18n';
import type { ScreenMessageText } from '../ScreenMessage';
import { deviceMessages } from './device-messages';
import { useDevice } from '../session/device-context';

/** Saves a JSON document as a file the browser downloads. */
function downloadJson(name: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Queue recovery: the documents this tablet has not delivered, saved to a file; a file saved on
 * another tablet of the branch, taken in and sent from here. Outcomes go to `onMessage`.
 */
export function QueueRecoveryCard({ onMessage }: { onMessage: (message: ScreenMessageText) => void }) {
  const { db, pairing, engine } = useDevice();
  const t = useT(deviceMessages);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  async function doExport() {
    const file = await exportQueue(engine.outbox, pairing);
    const name = `ecomarket-cola-${pairing.branch.id}-${pairing.deviceNumber}-${file.exportedAt.replace(/[:.]/g, '-')}.json`;
    downloadJson(name, file);
    onMessage({ text: t('exported', { count: countExported(file), file: name }), alert: false });
  }

  async function doImport(f: File) {
    setBusy(true);
    try {
      const file = parseQueueFile(await f.text(), pairing);
      const result = await importQueue(db, file);
      onMessage({ text: t('imported', { count: result.imported, already: result.alreadyHere }), alert: false });
      void engine.outbox.drain();
    } catch (err) {
      if (err instanceof QueueImportError) {
        const p = err.problem;
        onMessage({
          text:
            p.kind === 'other-branch'
              ? t('otherBranch', { branch: p.branchName })
              : p.kind === 'wrong-documents'
                ? t('wrongDocuments')
                : t('notQueueFile'),
          alert: true,
        });
      } else onMessage({ text: errorMessage(err), alert: true });
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  return (
    <section className="card" aria-label={t('recovery')}>
      <h2>{t('recovery')}</h2>
      <p className="hint">{t('recoveryHelp')}</p>
      <div className="row-form">
        <button type="button" className="primary" onClick={() => void doExport()}>
          {t('export')}
        </button>
        <label className="button-like">
          {busy ? t('importing') : t('import')}
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            aria-label={t('import')}
            className="visually-hidden"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void doImport(f);
            }}
          />
        </label>
      </div>
    </section>
  );
}
