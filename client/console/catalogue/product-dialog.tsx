import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type FieldErrors } from 'react-hook-form';
import type { ConsoleProductView } from '../../../shared/console/catalogue';
import { useT } from '../i18n/i18n';
import { ConsoleApiError } from '../api/api-client';
import { useApi } from '../session/session-context';
import { Dialog } from '../ui/dialog';
import { ErrorNotice } from '../ui/error-notice';
import { TextField } from '../ui/text-field';
import { ErrorText } from '../../shared-ui/error-text';
import { catalogueMessages } from './catalogue-messages';
import {
  fieldsToForm,
  formToFields,
  productFormSchema,
  type ProductFields,
  type ProductFormValues,
} from './product-form-values';

const UNITS = ['each', 'kg', 'g', 'l'] as const;
const DECIMALS = ['0', '1', '2', '3'] as const;

const EMPTY: ProductFormValues = {
  sku: '',
  name: '',
  category: '',
  barcodes: '',
  unit: 'each',
  quantityDecimals: '0',
  price: '',
  taxPercent: '0',
  legacyId: '',
};

/** Create a product, or edit one (only the fields changed are sent, with the seq the console showed). */
export function ProductDialog({
  product,
  currency,
  onClose,
  onSaved,
}: {
  product: ConsoleProductView | null;
  currency: string;
  onClose: () => void;
  onSaved: (message: string | null) => void;
}) {
  const t = useT(catalogueMessages);
  const api = useApi();
  const [error, setError] = useState<unknown>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<ProductFormValues>({
    resolver: zodResolver(productFormSchema),
    defaultValues: product ? fieldsToForm(product) : EMPTY,
  });

  const submit = handleSubmit(async (values) => {
    setError(null);
    const fields = formToFields(values);
    try {
      if (!product) {
        await api.post('/api/console/products', fields);
        onSaved(null);
        return;
      }
      const changed = Object.fromEntries(
        (Object.keys(fields) as (keyof ProductFields)[])
          .filter((k) => JSON.stringify(fields[k]) !== JSON.stringify(product[k]))
          .map((k) => [k, fields[k]]),
      );
      if (Object.keys(changed).length === 0) {
        onSaved(null);
        return;
      }
      const r = await api.patch<{ conflicts: { field: string }[] }>(
        `/api/console/products/${encodeURIComponent(product.id)}`,
        { baseSeq: product.seq, ...changed },
      );
      onSaved(r.conflicts.length ? t('conflict', { fields: r.conflicts.map((c) => c.field).join(', ') }) : null);
    } catch (err) {
      setError(barcodeTaken(err) ?? err);
    }
  });

  /** A barcode another product holds: the dialog names that product (the server's details). */
  const barcodeTaken = (err: unknown) => {
    const holder =
      err instanceof ConsoleApiError && err.status === 409 ? err.details.find((d) => d.path === 'barcodes') : null;
    return holder ? new Error(t('barcodeTaken', { holder: holder.message })) : null;
  };

  const messageFor: Record<keyof ProductFormValues, string> = {
    sku: t('skuMissing'),
    name: t('nameMissing'),
    category: t('nameMissing'),
    barcodes: t('barcodeInvalid'),
    unit: '',
    quantityDecimals: '',
    price: t('priceInvalid'),
    taxPercent: t('taxInvalid'),
    legacyId: t('legacyInvalid'),
  };
  const field = (
    name: keyof ProductFormValues,
    label: string,
    errs: FieldErrors<ProductFormValues>,
    inputMode?: 'decimal' | 'numeric',
  ) => (
    <TextField
      label={label}
      id={`product-${name}`}
      inputMode={inputMode}
      autoComplete="off"
      error={errs[name] && messageFor[name]}
      {...register(name)}
    />
  );

  const choice = <K extends 'unit' | 'quantityDecimals'>(
    name: K,
    label: string,
    values: readonly ProductFormValues[K][],
    text: (v: ProductFormValues[K]) => string,
  ) => (
    <div className="field">
      <label htmlFor={`product-${name}`}>{label}</label>
      <select id={`product-${name}`} {...register(name)}>
        {values.map((v) => (
          <option key={v} value={v}>
            {text(v)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <Dialog title={product ? t('editTitle', { name: product.name }) : t('createTitle')} onClose={onClose}>
      <form className="form two-columns" onSubmit={submit} noValidate>
        {field('name', t('name'), errors)}
        {field('sku', t('sku'), errors)}
        {field('category', t('category'), errors)}
        {field('barcodes', t('barcodes'), errors)}
        {choice('unit', t('unit'), UNITS, (u) => t(`unit_${u}`))}
        {choice('quantityDecimals', t('quantityDecimals'), DECIMALS, (d) => t(`decimals_${d}`))}
        {field('price', t('priceLabel', { currency }), errors, 'decimal')}
        {field('taxPercent', t('taxLabel'), errors, 'decimal')}
        {field('legacyId', t('legacyId'), errors, 'numeric')}
        <div className="wide">
          {error instanceof Error && !(error instanceof ConsoleApiError) ? (
            <ErrorText>{error.message}</ErrorText>
          ) : (
            <ErrorNotice error={error} />
          )}
        </div>
        <div className="actions wide">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary" disabled={isSubmitting}>
            {isSubmitting ? t('saving') : t('save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
