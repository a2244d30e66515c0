import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { ReportTables } from './schema-reports';

/** The database with the reports' tables typed too (they live in migration 0013-reports). */
export type ReportDb = Kysely<Database & ReportTables>;
export type ReportTrx = Transaction<Database & ReportTables>;

export function reportDb(db: Db): ReportDb {
  return db.withTables<ReportTables>();
}

export function reportTrx(trx: Transaction<Database>): ReportTrx {
  return trx.withTables<ReportTables>();
}
