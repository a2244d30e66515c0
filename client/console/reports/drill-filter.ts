import type { ExplorerGroup, SalesFilter } from '../../../shared/console/reports-sales';
import { addDays } from '../../../shared/console/reports-time';

type Filter = Omit<SalesFilter, 'refundsOnly'> & { refundsOnly?: boolean };

/** The filters that narrow a view to one of its groups: what a click on a bar or a row drills into. */
export function drillFilter(base: Filter, groupBy: ExplorerGroup, key: string): Filter {
  switch (groupBy) {
    case 'day':
      return { ...base, from: key, to: key };
    case 'week':
      return {
        ...base,
        from: key < base.from ? base.from : key,
        to: addDays(key, 6) > base.to ? base.to : addDays(key, 6),
      };
    case 'month': {
      const [y, m] = key.split('-').map(Number) as [number, number];
      const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
      return { ...base, from: `${key}-01` < base.from ? base.from : `${key}-01`, to: last > base.to ? base.to : last };
    }
    case 'branch':
      return { ...base, branches: key };
    case 'cashier':
      // Sales without a cashier id (legacy API, manual sales) are grouped by name and cannot be narrowed further.
      return key.startsWith('name:') ? base : { ...base, cashier: key };
    case 'device':
      return { ...base, device: key };
    case 'product':
      return { ...base, product: key };
    case 'category':
      return { ...base, category: key };
    case 'tender':
      return { ...base, tender: key as Filter['tender'] };
  }
}
