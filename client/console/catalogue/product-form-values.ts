import { z } from 'zod';
import { productDocSchema } from '../../../shared/protocol/product-doc';

/** The product fields a manager edits, as the shared document schema checks them. */
export const productFieldsSchema = productDocSchema.pick({
  sku: true,
  barcodes: true,
  unit: true,
  quantityDecimals: true,
  name: true,
  category: true,
  priceCents: true,
  taxRateBp: true,
  legacyId: true,
});
export type ProductFields = z.infer<typeof productFieldsSchema>;

/** What the form holds: text as typed (money in units with up to 2 decimals, tax in percent). */
export const productFormSchema = z.object({
  sku: z.string().trim().min(1, 'sku').max(64),
  name: z.string().trim().min(1, 'name').max(200),
  category: z.string().trim().max(100),
  /** Every barcode, the main one first, separated by spaces or commas. */
  barcodes: z
    .string()
    .trim()
    .max(1400)
    .regex(/^[0-9A-Za-z\-\s,]*$/, 'barcode'),
  unit: z.enum(['each', 'kg', 'g', 'l']),
  quantityDecimals: z.enum(['0', '1', '2', '3']),
  price: z
    .string()
    .trim()
    .regex(/^\d{1,8}([.,]\d{1,2})?$/, 'price'),
  taxPercent: z
    .string()
    .trim()
    .regex(/^\d{1,3}([.,]\d{1,2})?$/, 'tax')
    .refine((v) => Number(v.replace(',', '.')) <= 100, 'tax'),
  legacyId: z
    .string()
    .trim()
    .regex(/^([1-9]\d{0,9})?$/, 'legacy'),
});
export type ProductFormValues = z.infer<typeof productFormSchema>;

/** 12.5 → 1250 without floating-point drift. */
export function toMinorUnits(text: string): number {
  const [whole = '0', frac = ''] = text.trim().replace(',', '.').split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0').slice(0, 2));
}

export function fromMinorUnits(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

export function formToFields(v: ProductFormValues): ProductFields {
  return productFieldsSchema.parse({
    sku: v.sku.trim(),
    name: v.name.trim(),
    category: v.category.trim(),
    barcodes: [...new Set(v.barcodes.split(/[\s,]+/).filter(Boolean))],
    unit: v.unit,
    quantityDecimals: Number(v.quantityDecimals),
    priceCents: toMinorUnits(v.price),
    taxRateBp: Math.round(Number(v.taxPercent.replace(',', '.')) * 100),
    legacyId: v.legacyId.trim() === '' ? null : Number(v.legacyId),
  });
}

export function fieldsToForm(p: ProductFields): ProductFormValues {
  return {
    sku: p.sku,
    name: p.name,
    category: p.category,
    barcodes: p.barcodes.join(' '),
    unit: p.unit,
    quantityDecimals: String(p.quantityDecimals) as ProductFormValues['quantityDecimals'],
    price: fromMinorUnits(p.priceCents),
    taxPercent: String(p.taxRateBp / 100),
    legacyId: p.legacyId === null ? '' : String(p.legacyId),
  };
}
