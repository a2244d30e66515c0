import { sql, type ExpressionBuilder } from 'kysely';
import type { SalesFilter } from '../../shared/console/reports-sales';
import type { Database } from '../db/schema';
import type { ReportTables } from './schema-reports';
import type { ScopedBranch } from './report-scope';

type Tables = Database & ReportTables;

/**
 * The explorer's filters on report_tickets (aliased `t`): branches, local dates, cashier, device,
 * tender, refunds only; product and category through the ticket's lines.
 */
export function ticketConditions(
  eb: ExpressionBuilder<Tables & { t: ReportTables['report_tickets'] }, 't'>,
  f: SalesFilter,
  branches: readonly ScopedBranch[],
) {
  const conditions = [
    eb('t.branch_id', 'in', branches.length ? branches.map((b) => b.id) : ['']),
    eb('t.local_date', '>=', f.from),
    eb('t.local_date', '<=', f.to),
  ];
  if (f.cashier) conditions.push(eb('t.cashier_id', '=', f.cashier));
  if (f.device) conditions.push(eb('t.device_id', '=', f.device));
  if (f.tender) conditions.push(eb('t.tender', '=', f.tender));
  if (f.refundsOnly) conditions.push(eb('t.kind', '=', 'refund'));
  if (f.product || f.category) {
    let lines = eb
      .selectFrom('sale_lines as fl')
      .select(sql<number>`1`.as('one'))
      .whereRef('fl.sale_id', '=', 't.sale_id');
    if (f.product) lines = lines.where('fl.product_id', '=', f.product);
    if (f.category)
      lines = lines.where('fl.product_id', 'in', (sub) =>
        sub.selectFrom('products').select('products.id').where('products.category', '=', f.category!),
      );
    conditions.push(eb.exists(lines));
  }
  return eb.and(conditions);
}
