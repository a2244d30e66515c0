import { z } from 'zod';
import type { ProductDoc } from '../../shared/protocol';

/** The product fields a person may change (console always; a branch's devices only those its settings allow). */
export const EDITABLE_PRODUCT_FIELDS = [
  'sku',
  'barcode',
  'barcodes',
  'name',
  'category',
  'priceCents',
  'taxRateBp',
  'unit',
  'quantityDecimals',
] as const;
export type EditableProductField = (typeof EDITABLE_PRODUCT_FIELDS)[number];
export const editableProductFieldSchema = z.enum(EDITABLE_PRODUCT_FIELDS);

/** Every field the merge looks at: the editable ones and those only the centre sets. */
export const MERGED_PRODUCT_FIELDS = [
  ...EDITABLE_PRODUCT_FIELDS,
  'legacyId',
  '_deleted',
] as const satisfies readonly (keyof ProductDoc)[];
export type MergedProductField = (typeof MERGED_PRODUCT_FIELDS)[number];
