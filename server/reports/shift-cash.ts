import type { ShiftEventDoc } from '../../shared/protocol';
import { shiftReport, type ShiftReport } from '../../shared/sale/shift-report';
import type { ReportDb } from './report-db';

interface TicketCash {
  kind: 'sale' | 'refund';
  cash_cents: number | string;
  card_cents: number | string;
}

/** A ticket summary as the shift maths reads a sale: what each tender paid. */
export function ticketAsSale(t: TicketCash) {
  return {
    kind: t.kind,
    payments: [
      { method: 'cash' as const, amountCents: Number(t.cash_cents), tenderedCents: null },
      { method: 'card' as const, amountCents: Number(t.card_cents), tenderedCents: null },
    ],
  };
}

/**
 * A shift's cash report from what the server holds: its events (their stored bodies) and its
 * tickets, the same maths as the tablet's close screen (shared/sale/shift-report.ts). A device
 * sends its sales before its shift events (the outbox's ranks), so at a close they are here.
 */
export async function serverShiftReport(db: ReportDb, shiftId: string): Promise<ShiftReport> {
  const [events, tickets] = await Promise.all([
    db.selectFrom('shift_events').select('body').where('shift_id', '=', shiftId).execute(),
    db
      .selectFrom('report_tickets')
      .select(['kind', 'cash_cents', 'card_cents'])
      .where('shift_id', '=', shiftId)
      .execute(),
  ]);
  return shiftReport(
    shiftId,
    events.map((e) => JSON.parse(e.body) as ShiftEventDoc),
    tickets.map(ticketAsSale),
  );
}
