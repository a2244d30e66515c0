import type { ProductDoc } from '../../shared/protocol';
import { MERGED_PRODUCT_FIELDS, type EditableProductField, type MergedProductField } from './product-fields';

/** Field values compare by content: barcodes are a list. */
function same(a: unknown, b: unknown): boolean {
  return a === b || (Array.isArray(a) && Array.isArray(b) && JSON.stringify(a) === JSON.stringify(b));
}

export interface FieldConflict {
  field: MergedProductField;
  base: unknown;
  centre: unknown;
  device: unknown;
}

export interface ProductMerge {
  merged: ProductDoc;
  /** Fields both sides changed to different values: the centre's value won, the device's is to be logged. */
  conflicts: FieldConflict[];
  /** Fields the device changed without being allowed to; their change is dropped. */
  refused: MergedProductField[];
}

/**
 * DESIGN invariant 6, per field against the version both sides started from: a field changed on
 * one side only takes that side's value; a field changed on both sides takes the centre's value
 * and the device's value is reported as a conflict. A device change to a field it may not edit
 * is reported as refused. Pure: the caller writes and logs.
 */
export function mergeProduct(input: {
  base: ProductDoc;
  centre: ProductDoc;
  device: ProductDoc;
  deviceMayEdit: readonly EditableProductField[];
}): ProductMerge {
  const { base, centre, device } = input;
  const allowed = new Set<MergedProductField>(input.deviceMayEdit);
  const merged: ProductDoc = { ...centre };
  const conflicts: FieldConflict[] = [];
  const refused: MergedProductField[] = [];
  const set = <K extends MergedProductField>(field: K, value: ProductDoc[K]) => {
    merged[field] = value;
  };
  for (const field of MERGED_PRODUCT_FIELDS) {
    const deviceChanged = !same(device[field], base[field]);
    if (!deviceChanged) continue;
    if (!allowed.has(field)) {
      refused.push(field);
      continue;
    }
    const centreChanged = !same(centre[field], base[field]);
    if (!centreChanged) {
      set(field, device[field]);
    } else if (!same(centre[field], device[field])) {
      conflicts.push({ field, base: base[field], centre: centre[field], device: device[field] });
    }
  }
  return { merged, conflicts, refused };
}

export function sameProduct(a: ProductDoc, b: ProductDoc): boolean {
  return a.id === b.id && MERGED_PRODUCT_FIELDS.every((f) => same(a[f], b[f]));
}
