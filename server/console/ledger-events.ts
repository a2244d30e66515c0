import type { LocationInfo } from '../ledger/manager-movements';
import type { ChangeBus } from '../live/change-bus';

/** The branch a change event names for a location: its own, none for the central warehouse. */
export const branchesOf = (location: LocationInfo): string[] => (location.branchId ? [location.branchId] : []);

/** Stock moved at one location (a receipt, a correction): its devices pull the levels, its consoles re-read. */
export function publishStockMoved(bus: ChangeBus, seq: number, location: LocationInfo): void {
  bus.publish({ seq, collections: ['stock'], locationIds: [location.id], branchIds: branchesOf(location) });
}

/**
 * A transfer written, sent or cancelled: the consoles of both ends re-read it. Stock moves at the source only
 * (its devices pull it) and the receiving branch's devices pull the transfer; a draft moved nothing and stays
 * off the tablets.
 */
export function publishTransfer(
  bus: ChangeBus,
  t: { seq: number; from: LocationInfo; to: LocationInfo },
  stockMoved: boolean,
): void {
  bus.publish({
    seq: t.seq,
    collections: stockMoved ? ['stock', 'transfers'] : ['transfers'],
    locationIds: stockMoved ? [t.from.id] : [],
    branchIds: [...branchesOf(t.from), ...branchesOf(t.to)],
  });
}
