import type { Kysely, Migration } from 'kysely';

/** Managers and their sessions, and each device's latest health report. SQLite and PostgreSQL alike. */
export const managers: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('managers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('branch_ids', 'text')
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('disabled_at', 'text')
      .execute();

    await db.schema
      .createTable('manager_sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('manager_id', 'text', (c) => c.notNull().references('managers.id'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('manager_sessions_manager').on('manager_sessions').column('manager_id').execute();

    await db.schema
      .createTable('device_status')
      .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id'))
      .addColumn('app_version', 'text', (c) => c.notNull())
      .addColumn('online', 'integer', (c) => c.notNull())
      .addColumn('breaker', 'text', (c) => c.notNull())
      .addColumn('pending_count', 'bigint', (c) => c.notNull())
      .addColumn('pending_value_cents', 'bigint', (c) => c.notNull())
      .addColumn('rejected_count', 'bigint', (c) => c.notNull())
      .addColumn('last_sync_at', 'text')
      .addColumn('report', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .execute();
  },
};
