import { askForUpdateCheck } from '../app-update';
import { APP_VERSION } from '../app-version';
import { useT } from '../i18n';
import { deviceMessages } from './device-messages';
import { useDevice } from '../session/device-context';

/** Which tablet this is (branch, number, app version), and the button that looks for an update. */
export function ThisDeviceCard() {
  const { pairing } = useDevice();
  const t = useT(deviceMessages);
  return (
    <section className="card" aria-label={t('thisDevice')}>
      <h2>{t('thisDevice')}</h2>
      <dl className="report-rows">
        <div>
          <dt>{t('branch')}</dt>
          <dd>{pairing.branch.name}</dd>
        </div>
        <div>
          <dt>{t('number')}</dt>
          <dd>{pairing.deviceNumber}</dd>
        </div>
        <div>
          <dt>{t('version')}</dt>
          <dd>{APP_VERSION}</dd>
        </div>
      </dl>
      <button type="button" onClick={() => void askForUpdateCheck()}>
        {t('checkUpdate')}
      </button>
    </section>
  );
}
