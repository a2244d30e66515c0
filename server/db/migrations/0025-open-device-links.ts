import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';

/**
 * The open links of a device: a status report (touchDeviceLinks) and a stream's end look a device's
 * open links up, and without an index each read the whole table, which gains a row per stream ever
 * opened. Partial: only the few open links are in it, so it costs the closed ones nothing.
 */
export const openDeviceLinks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('device_links_open')
      .on('device_links')
      .column('device_id')
      .where(sql.ref('ended_at'), 'is', null)
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('device_links_open').execute();
  },
};
