import { useEffect, useState } from 'react';
import type { BranchView, PairingCodeResponse } from '../../../shared/console/fleet';
import { useT } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useApi } from '../session/session-context';
import { ViewDialog } from '../ui/dialog';
import { ErrorNotice } from '../ui/error-notice';
import { placeOptions, SelectField } from '../ui/select-field';
import { fleetMessages } from './fleet-messages';

/** A one-time pairing code for a branch, as text and as a QR code that opens the POS with it filled in. */
export function PairDialog({ branches, onClose }: { branches: BranchView[]; onClose: () => void }) {
  const t = useT(fleetMessages);
  const api = useApi();
  const [branchId, setBranchId] = useState(branches[0]?.id ?? '');
  const [issued, setIssued] = useState<PairingCodeResponse | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const branch = branches.find((b) => b.id === branchId);
  const f = useFormat({ timeZone: branch?.timeZone });
  const url = issued ? new URL(issued.posPath, window.location.origin).toString() : null;

  useEffect(() => {
    if (!url) return;
    let live = true;
    void import('qrcode').then(({ toDataURL }) =>
      toDataURL(url, { margin: 2, width: 240, errorCorrectionLevel: 'M' }).then((data) => live && setQr(data)),
    );
    return () => {
      live = false;
    };
  }, [url]);

  async function generate() {
    setBusy(true);
    setError(null);
    setQr(null);
    try {
      setIssued(await api.post<PairingCodeResponse>('/api/console/devices/pairing-codes', { branchId }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <ViewDialog title={t('pairTitle')} onClose={onClose}>
      <SelectField
        label={t('pairBranch')}
        value={branchId}
        onChange={(v) => {
          setBranchId(v);
          setIssued(null);
        }}
        options={placeOptions(branches)}
      />
      <button type="button" className="primary" disabled={busy || !branchId} onClick={() => void generate()}>
        {t('pairGenerate')}
      </button>
      <ErrorNotice error={error} />
      {issued && url && (
        <div className="pairing">
          <p className="hint">{t('pairHelp')}</p>
          <p>
            {t('pairCode')}: <output className="pairing-code">{issued.code}</output>
          </p>
          {qr && <img src={qr} width={240} height={240} alt={t('pairQr', { code: issued.code })} />}
          <p>
            {t('pairUrl')}: <a href={url}>{url}</a>
          </p>
          <p>{t('pairExpires', { time: f.dateTime(issued.expiresAt) })}</p>
        </div>
      )}
    </ViewDialog>
  );
}
