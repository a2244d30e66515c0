import type { Transaction } from 'kysely';
import { z } from 'zod';
import {
  DEFAULT_SCALE_LABEL_LAYOUT,
  scaleLabelLayoutSchema,
  type BranchSettingsDoc,
  type ScaleLabelLayout,
} from '../../shared/protocol';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { idleLockSecondsSchema, maxDiscountBpSchema } from '../../shared/console/fleet';
import { quickKeySchema, type QuickKey } from '../../shared/protocol/quick-key';
import type { ReportDb, ReportTrx } from '../reports/report-db';
import { DEFAULT_MAX_CASH_DIFFERENCE_CENTS } from '../reports/report-settings';
import { editableProductFieldSchema, type EditableProductField } from './product-fields';

/** What a branch has until a manager changes it: the seed's trade-off (oversell allowed), no device catalogue edits. */
export const DEFAULT_BRANCH_SETTINGS = {
  allowOversell: true,
  idleLockSeconds: 120,
  receiptHeader: '',
  receiptFooter: '',
  productEditFields: [] as EditableProductField[],
  /** Until a manager sets the branch's own; the console shows times in it. */
  timeZone: 'UTC',
  requireOpenShift: false,
  quickKeys: [] as QuickKey[],
  /** Any discount without a supervisor, as before approvals existed, until a manager sets a limit. */
  maxDiscountBp: 10000,
};

/** PATCH /api/console/branches/:id/settings: any subset of the settings. */
export const branchSettingsPatchSchema = z
  .object({
    allowOversell: z.boolean(),
    idleLockSeconds: idleLockSecondsSchema,
    receiptHeader: z.string().max(500),
    receiptFooter: z.string().max(500),
    /** Product fields this branch's devices may edit; others are refused (DESIGN invariant 6). */
    productEditFields: z.array(editableProductFieldSchema).max(10),
    /** Selling needs an open shift on the tablet (cash control). */
    requireOpenShift: z.boolean(),
    /** How the branch's scales print weight and price labels. */
    scaleLabels: scaleLabelLayoutSchema,
    maxDiscountBp: maxDiscountBpSchema,
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Send at least one setting to change.');
export type BranchSettingsPatch = z.infer<typeof branchSettingsPatchSchema>;

export interface BranchSettings {
  branchId: string;
  name: string;
  locationId: string;
  receiptPrefix: string;
  currency: string;
  allowOversell: boolean;
  idleLockSeconds: number;
  receiptHeader: string;
  receiptFooter: string;
  productEditFields: EditableProductField[];
  /** IANA time zone the console shows the branch's times in. */
  timeZone: string;
  requireOpenShift: boolean;
  /** The favourites page of the branch's tablets (the console's quick keys page sets it). */
  quickKeys: QuickKey[];
  /** Largest over/short at a shift's close without a supervisor's approval (the reports' setting, report_branch_settings). */
  maxCashDifferenceCents: number;
  scaleLabels: ScaleLabelLayout;
  /** Largest discount without a supervisor's approval, in basis points. */
  maxDiscountBp: number;
  /** 0 while the branch still has the defaults. */
  seq: number;
}

function parseQuickKeys(json: string | null): QuickKey[] {
  if (!json) return [];
  const parsed = z.array(quickKeySchema).safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

function parseEditFields(json: string | null): EditableProductField[] {
  if (!json) return [];
  const parsed = z.array(editableProductFieldSchema).safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

function parseScaleLabels(json: string | null): ScaleLabelLayout {
  if (!json) return DEFAULT_SCALE_LABEL_LAYOUT;
  const parsed = scaleLabelLayoutSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : DEFAULT_SCALE_LABEL_LAYOUT;
}

type Reader = Pick<Db | Transaction<Database>, 'selectFrom'>;

function settingsQuery(reader: Reader) {
  // The largest cash difference is the reports' setting (migration 0013's report_branch_settings).
  const db = reader as unknown as Pick<ReportDb | ReportTrx, 'selectFrom'>;
  return db
    .selectFrom('branches')
    .leftJoin('branch_settings', 'branch_settings.branch_id', 'branches.id')
    .leftJoin('report_branch_settings', 'report_branch_settings.branch_id', 'branches.id')
    .select([
      'branches.id',
      'branches.name',
      'branches.location_id',
      'branches.receipt_prefix',
      'branches.currency',
      'branch_settings.allow_oversell',
      'branch_settings.idle_lock_seconds',
      'branch_settings.receipt_header',
      'branch_settings.receipt_footer',
      'branch_settings.product_edit_fields',
      'branch_settings.time_zone',
      'branch_settings.scale_labels',
      'branch_settings.require_open_shift',
      'branch_settings.quick_keys',
      'branch_settings.max_discount_bp',
      'report_branch_settings.max_cash_difference_cents',
      'branch_settings.seq',
    ]);
}

type SettingsRow = Awaited<ReturnType<ReturnType<typeof settingsQuery>['executeTakeFirstOrThrow']>>;

function toSettings(r: SettingsRow): BranchSettings {
  return {
    branchId: r.id,
    name: r.name,
    locationId: r.location_id,
    receiptPrefix: r.receipt_prefix,
    currency: r.currency,
    allowOversell: r.allow_oversell === null ? DEFAULT_BRANCH_SETTINGS.allowOversell : Number(r.allow_oversell) === 1,
    idleLockSeconds:
      r.idle_lock_seconds === null ? DEFAULT_BRANCH_SETTINGS.idleLockSeconds : Number(r.idle_lock_seconds),
    receiptHeader: r.receipt_header ?? DEFAULT_BRANCH_SETTINGS.receiptHeader,
    receiptFooter: r.receipt_footer ?? DEFAULT_BRANCH_SETTINGS.receiptFooter,
    productEditFields: parseEditFields(r.product_edit_fields),
    timeZone: r.time_zone ?? DEFAULT_BRANCH_SETTINGS.timeZone,
    scaleLabels: parseScaleLabels(r.scale_labels),
    requireOpenShift: Number(r.require_open_shift ?? 0) === 1,
    quickKeys: parseQuickKeys(r.quick_keys),
    maxDiscountBp: r.max_discount_bp === null ? DEFAULT_BRANCH_SETTINGS.maxDiscountBp : Number(r.max_discount_bp),
    maxCashDifferenceCents:
      r.max_cash_difference_cents === null ? DEFAULT_MAX_CASH_DIFFERENCE_CENTS : Number(r.max_cash_difference_cents),
    seq: r.seq === null ? 0 : Number(r.seq),
  };
}

export async function branchSettings(db: Reader, branchId: string): Promise<BranchSettings | null> {
  const row = await settingsQuery(db).where('branches.id', '=', branchId).executeTakeFirst();
  return row ? toSettings(row) : null;
}

/** Every branch the manager may see, by id; for the console's branch list. */
export async function listBranchSettings(db: Reader, branchIds: string[] | 'all'): Promise<BranchSettings[]> {
  if (branchIds !== 'all' && branchIds.length === 0) return [];
  let q = settingsQuery(db).orderBy('branches.id');
  if (branchIds !== 'all') q = q.where('branches.id', 'in', branchIds);
  return (await q.execute()).map(toSettings);
}

export function settingsDoc(s: BranchSettings): BranchSettingsDoc {
  return {
    id: s.branchId,
    name: s.name,
    locationId: s.locationId,
    currency: s.currency,
    allowOversell: s.allowOversell,
    idleLockSeconds: s.idleLockSeconds,
    receiptHeader: s.receiptHeader,
    receiptFooter: s.receiptFooter,
    scaleLabels: s.scaleLabels,
    maxDiscountBp: s.maxDiscountBp,
    requireOpenShift: s.requireOpenShift,
    maxCashDifferenceCents: s.maxCashDifferenceCents,
    quickKeys: s.quickKeys,
    _deleted: false,
  };
}

/** Writes the whole settings row with a new sequence (the caller holds the sequence lock). */
export async function saveBranchSettings(
  trx: Transaction<Database>,
  s: BranchSettings,
  seq: number,
  now: string,
): Promise<void> {
  const values = {
    allow_oversell: s.allowOversell ? 1 : 0,
    idle_lock_seconds: s.idleLockSeconds,
    receipt_header: s.receiptHeader,
    receipt_footer: s.receiptFooter,
    product_edit_fields: JSON.stringify(s.productEditFields),
    time_zone: s.timeZone,
    require_open_shift: s.requireOpenShift ? 1 : 0,
    quick_keys: JSON.stringify(s.quickKeys),
    scale_labels: JSON.stringify(s.scaleLabels),
    max_discount_bp: s.maxDiscountBp,
    seq,
    updated_at: now,
  };
  await trx
    .insertInto('branch_settings')
    .values({ branch_id: s.branchId, ...values })
    .onConflict((oc) => oc.column('branch_id').doUpdateSet(values))
    .execute();
}
