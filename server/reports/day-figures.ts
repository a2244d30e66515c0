import type { DayFigures } from '../../shared/console/reports-home';

/** Sums of sales and refunds kept apart, as the summaries hold them. */
export interface KindSums {
  saleTickets: number;
  saleTotalCents: number;
  saleUnits: number;
  refundTickets: number;
  refundTotalCents: number;
  refundUnits: number;
}

export const emptySums = (): KindSums => ({
  saleTickets: 0,
  saleTotalCents: 0,
  saleUnits: 0,
  refundTickets: 0,
  refundTotalCents: 0,
  refundUnits: 0,
});

export function addSums(into: KindSums, add: KindSums): KindSums {
  into.saleTickets += add.saleTickets;
  into.saleTotalCents += add.saleTotalCents;
  into.saleUnits += add.saleUnits;
  into.refundTickets += add.refundTickets;
  into.refundTotalCents += add.refundTotalCents;
  into.refundUnits += add.refundUnits;
  return into;
}

export function dayFigures(s: KindSums): DayFigures {
  return {
    revenueCents: s.saleTotalCents - s.refundTotalCents,
    tickets: s.saleTickets,
    averageTicketCents: s.saleTickets === 0 ? 0 : Math.round(s.saleTotalCents / s.saleTickets),
    units: s.saleUnits - s.refundUnits,
    refundsCount: s.refundTickets,
    refundsCents: s.refundTotalCents,
  };
}
