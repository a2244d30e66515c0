import type { ColumnType } from 'kysely';

/** Migration 0019: cash control and quick keys in a branch's settings (server/catalogue/branch-settings.ts). */
export interface ShiftTables {
  branch_settings: {
    require_open_shift: ColumnType<number | null, number | null | undefined, number | null>;
    /** JSON array of {productId, label}; null = none. */
    quick_keys: ColumnType<string | null, string | null | undefined, string | null>;
  };
}
