import { useState } from 'react';
import { Link } from 'wouter';
import type { ManualSaleRequest, ManualSaleResponse } from '../../../shared/console/reports-sales';
import { localParts, zonedLocalToIso } from '../../../shared/console/reports-time';
import { lineGrossCents } from '../../../shared/sale/line-amount';
import { parseQuantityIn } from '../../../shared/sale/quantity';
import { useBranches } from '../api/use-branches';
import { useT } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useApi } from '../session/session-context';
import { CardForm } from '../ui/card-form';
import { PageSection } from '../ui/page-section';
import { placeOptions, SelectField } from '../ui/select-field';
import { TextField } from '../ui/text-field';
import { DateTimeField, isLocalDateTime } from '../ui/date-time-field';
import { manualSaleMessages } from './manual-sale-messages';
import { ProductPicker, type PickedProduct } from './product-picker';
import './reports.css';

type Problem = 'pickBranch' | 'pickProduct' | 'quantityInvalid' | 'priceInvalid' | 'whenInvalid' | 'whenFuture';
/** The server takes a sale up to two minutes ahead of its clock; later than that is a typing mistake. */
const FUTURE_TOLERANCE_MS = 120_000;

const nowIn = (timeZone: string) => {
  const p = localParts(new Date(), timeZone);
  return `${p.date}T${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
};
const toCents = (text: string) =>
  /^\d{1,9}([.,]\d{1,2})?$/.test(text.trim()) ? Math.round(Number(text.trim().replace(',', '.')) * 100) : 0;

/**
 * The quantity typed in the product's unit (1,250 kg) as the integer of its smallest unit (1250 g),
 * and what the line is worth with the price per whole unit (per kg): what a tablet's cart makes of it.
 */
function lineFigures(quantity: string, decimals: number, priceCents: number) {
  const parsed = parseQuantityIn(quantity, decimals);
  const units = 'problem' in parsed || parsed.quantity === 0 ? null : parsed.quantity;
  const lineCents =
    units !== null && priceCents > 0
      ? lineGrossCents({ unitPriceCents: priceCents, quantity: units, quantityDecimals: decimals })
      : null;
  return { units, lineCents };
}

/** The seed dashboard's manual sale form: one product sold at a branch, recorded as a tablet's sale would be. */
export default function ManualSalePage() {
  const t = useT(manualSaleMessages);
  const api = useApi();
  const { branches } = useBranches();
  const [branchId, setBranchId] = useState('');
  const branch = branches.find((b) => b.id === branchId) ?? (branches.length === 1 ? branches[0] : undefined);
  const timeZone = branch?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const f = useFormat({ currency: branch?.currency, timeZone });
  const [product, setProduct] = useState<PickedProduct | null>(null);
  const [quantity, setQuantity] = useState('1');
  const [price, setPrice] = useState('');
  const [when, setWhen] = useState('');
  const [tender, setTender] = useState<'cash' | 'card'>('cash');
  const priceCents = toCents(price);
  const differs = product !== null && priceCents > 0 && priceCents !== product.priceCents;
  const decimals = product?.quantityDecimals ?? 0;
  const weighed = product !== null && product.unit !== 'each';
  const { units, lineCents } = lineFigures(quantity, decimals, priceCents);

  const validate = () => {
    const at = when || nowIn(timeZone);
    const wellFormed = isLocalDateTime(at);
    const check: [boolean, Problem][] = [
      [!branch, 'pickBranch'],
      [!product, 'pickProduct'],
      [units === null, 'quantityInvalid'],
      [priceCents <= 0, 'priceInvalid'],
      [!wellFormed, 'whenInvalid'],
      [wellFormed && Date.parse(zonedLocalToIso(at, timeZone)) > Date.now() + FUTURE_TOLERANCE_MS, 'whenFuture'],
    ];
    const problem = check.find(([bad]) => bad)?.[1];
    return (
      problem && (problem === 'quantityInvalid' && decimals > 0 ? t('quantityInvalidIn', { decimals }) : t(problem))
    );
  };
  const submit = async () => {
    const body: ManualSaleRequest = {
      branchId: branch!.id,
      productId: product!.id,
      quantity: units!,
      unitPriceCents: priceCents,
      at: zonedLocalToIso(when || nowIn(timeZone), timeZone),
      tender,
    };
    const r = await api.post<ManualSaleResponse>('/api/console/reports/manual-sales', body);
    return (
      <>
        <p>{t('recorded', { receipt: r.receiptNumber, total: f.money(lineCents!) })}</p>
        {r.reconciliationOpened && (
          <p>
            {t('reconciliation')} <Link href="/reconciliation">{t('openReconciliation')}</Link>
          </p>
        )}
        <Link href="/sales">{t('openSales')}</Link>
      </>
    );
  };

  return (
    <PageSection titleId="manual-title" title={t('title')} back={{ href: '/sales', label: t('back') }}>
      <p className="hint">{t('intro')}</p>
      <CardForm
        titleId="manual-title"
        submitLabel={t('submit')}
        busyLabel={t('saving')}
        validate={validate}
        onSubmit={submit}
      >
        {branches.length > 1 && (
          <SelectField
            label={t('branch')}
            value={branchId}
            onChange={setBranchId}
            all="—"
            options={placeOptions(branches)}
          />
        )}
        <ProductPicker
          label={t('product')}
          noMatch={t('noMatch')}
          picked={product}
          formatPrice={(c) => f.money(c)}
          onPick={(p) => {
            setProduct(p);
            if (p) setPrice((p.priceCents / 100).toFixed(2));
          }}
        />
        <p className="hint">
          {!product
            ? t('productHint')
            : weighed
              ? t('masterPriceIn', { price: f.money(product.priceCents), unit: product.unit })
              : t('masterPrice', { price: f.money(product.priceCents) })}
        </p>
        <TextField
          label={weighed ? t('quantityIn', { unit: product.unit }) : t('quantity')}
          inputMode={decimals > 0 ? 'decimal' : 'numeric'}
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
        />
        <TextField
          label={
            weighed
              ? t('priceIn', { currency: branch?.currency ?? '', unit: product.unit })
              : t('price', { currency: branch?.currency ?? '' })
          }
          inputMode="decimal"
          value={price}
          onChange={(e) => setPrice(e.target.value)}
        />
        {lineCents !== null && weighed && <p className="hint">{t('lineTotal', { total: f.money(lineCents) })}</p>}
        {differs && <p className="warning-text">{t('priceDiffers', { price: f.money(product.priceCents) })}</p>}
        <DateTimeField label={t('when', { zone: timeZone })} value={when || nowIn(timeZone)} onText={setWhen} />
        <SelectField label={t('tender')} value={tender} onChange={(v) => setTender(v as 'cash' | 'card')}>
          <option value="cash">{t('cash')}</option>
          <option value="card">{t('card')}</option>
        </SelectField>
      </CardForm>
    </PageSection>
  );
}
