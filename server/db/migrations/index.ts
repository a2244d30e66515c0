import type { Migration } from 'kysely';
import { initial } from './0001-initial';
import { managers } from './0002-managers';
import { ledger } from './0003-ledger';
import { catalogue } from './0004-catalogue';
import { legacy } from './0005-legacy';
import { failedAttempts } from './0006-failed-attempts';
import { ledgerIndexes } from './0007-ledger-indexes';
import { reports } from './0013-reports';
import { reportSettings } from './0014-report-settings';
import { reportDays } from './0015-report-days';
import { weighedProducts } from './0017-weighed-products';
import { approvals } from './0018-approvals';
import { consoleSetup } from './0009-console-setup';
import { fleet } from './0010-fleet';
import { reconciliation } from './0011-reconciliation';
import { catalogueConsole } from './0012-catalogue';
import { offlineAndCategories } from './0023-offline-and-categories';
import { stockTakes } from './0020-stock-takes';
import { transferDrafts } from './0021-transfer-drafts';
import { cashControl } from './0019-cash-control';
import { weighedLineSummaries } from './0024-weighed-line-summaries';
import { openDeviceLinks } from './0025-open-device-links';
import { movementChains } from './0026-movement-chains';
import { ingestParentChecks } from './0027-ingest-parent-checks';

/** Every migration, by name; names sort in the order they run. Append new ones at the end. */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-managers': managers,
  '0003-ledger': ledger,
  '0004-catalogue': catalogue,
  '0005-legacy': legacy,
  '0006-failed-attempts': failedAttempts,
  '0007-ledger-indexes': ledgerIndexes,
  '0009-console-setup': consoleSetup,
  '0010-fleet': fleet,
  '0011-reconciliation': reconciliation,
  '0012-catalogue': catalogueConsole,
  '0013-reports': reports,
  '0014-report-settings': reportSettings,
  '0015-report-days': reportDays,
  '0017-weighed-products': weighedProducts,
  '0018-approvals': approvals,
  '0019-cash-control': cashControl,
  '0020-stock-takes': stockTakes,
  '0021-transfer-drafts': transferDrafts,
  '0023-offline-and-categories': offlineAndCategories,
  '0024-weighed-line-summaries': weighedLineSummaries,
  '0025-open-device-links': openDeviceLinks,
  '0026-movement-chains': movementChains,
  '0027-ingest-parent-checks': ingestParentChecks,
};
