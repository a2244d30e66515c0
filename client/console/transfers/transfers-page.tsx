import { useState } from 'react';
import { TRANSFER_STATUSES, type Page, type TransferRow } from '../../../shared/console/ledger-api';
import { usePlaces } from '../api/use-places';
import { useProductCounting } from '../api/use-product-counting';
import { useProductNames } from '../api/use-product-names';
import { useT } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useLivePages } from '../live/use-live-pages';
import { useApi } from '../session/session-context';
import { DoneNotice } from '../ui/done-notice';
import { ErrorNotice } from '../ui/error-notice';
import { GridTable } from '../ui/grid-table';
import { LoadMore } from '../ui/load-more';
import { PageSection } from '../ui/page-section';
import { StatePlaceFilters } from '../ui/state-place-filters';
import { NewTransferDialog } from './new-transfer-dialog';
import { TransferDialog } from './transfer-dialog';
import { transferMessages } from './transfer-messages';
import { statusBadge } from './transfer-status';

/** Transfers between the centre and the branches, filtered by state and location on the server. */
export default function TransfersPage() {
  const t = useT(transferMessages);
  const api = useApi();
  const { branches, placeName } = usePlaces();
  const f = useFormat();
  const [status, setStatus] = useState('');
  const [locationId, setLocationId] = useState('');
  const [opened, setOpened] = useState<TransferRow | null>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<TransferRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useLivePages<TransferRow>(
    `transfers:${status}:${locationId}`,
    (cursor, signal) =>
      api.get<Page<TransferRow>>('/api/console/transfers', { status, locationId, cursor, limit: 50 }, signal),
    ['transfers', 'stock'],
  );
  const productIds = list.items.flatMap((tr) => tr.lines.map((l) => l.productId));
  const productName = useProductNames(productIds);
  // Weighed products in their unit ("12,500 kg"), not raw grams.
  const productCounting = useProductCounting(productIds);
  const locations = [
    { id: 'central', name: placeName('central') },
    ...branches.map((b) => ({ id: b.locationId, name: b.name })),
  ];

  return (
    <PageSection
      titleId="transfers-title"
      title={t('title')}
      actions={
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          {t('newTransfer')}
        </button>
      }
    >
      <StatePlaceFilters
        states={TRANSFER_STATUSES.map((s) => ({ value: s, label: t(`status_${s}`) }))}
        state={status}
        onState={setStatus}
        places={locations}
        placeId={locationId}
        onPlace={setLocationId}
      />
      <DoneNotice>{notice}</DoneNotice>
      <ErrorNotice error={list.error} />
      {list.loaded && list.items.length === 0 && <p className="ok">{t('none')}</p>}
      {list.items.length > 0 && (
        <GridTable
          labelledBy="transfers-title"
          columns={[t('route'), t('products'), t('state'), t('sentAt'), t('note')]}
        >
          {list.items.map((tr) => {
            const from = placeName(tr.fromLocationId);
            const to = placeName(tr.toLocationId);
            return (
              <tr key={tr.id}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => setOpened(tr)}>
                    {from} → {to}
                  </button>
                </th>
                <td>
                  {tr.lines
                    .map((l) =>
                      t('line', {
                        quantity: f.quantity(
                          l.quantity,
                          productCounting(l.productId).quantityDecimals,
                          productCounting(l.productId).unit,
                        ),
                        product: productName(l.productId),
                      }),
                    )
                    .join(', ')}
                </td>
                <td>
                  <span className={statusBadge(tr.status)}>{t(`status_${tr.status}`)}</span>
                </td>
                <td>{tr.sentAt ? f.dateTime(tr.sentAt) : t('notSent')}</td>
                <td>{tr.note}</td>
              </tr>
            );
          })}
        </GridTable>
      )}
      <LoadMore list={list} label={t('more')} />
      {opened && (
        <TransferDialog
          transfer={opened}
          productName={productName}
          productCounting={productCounting}
          placeName={placeName}
          onClose={() => setOpened(null)}
          onDone={(message) => {
            setOpened(null);
            setNotice(message);
          }}
          onEdit={() => {
            setEditing(opened);
            setOpened(null);
          }}
        />
      )}
      {(creating || editing) && (
        <NewTransferDialog
          locations={locations}
          draft={editing ?? undefined}
          productName={productName}
          productCounting={productCounting}
          onClose={() => {
            setCreating(false);
            setEditing(null);
          }}
          onSent={(message) => {
            setCreating(false);
            setEditing(null);
            setNotice(message);
          }}
        />
      )}
    </PageSection>
  );
}
