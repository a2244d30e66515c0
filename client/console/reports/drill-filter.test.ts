import { describe, expect, it } from 'vitest';
import { drillFilter } from './drill-filter';

const base = { from: '2026-11-01', to: '2026-11-20' };

describe('drillFilter', () => {
  it('narrows a time group to its days within the view', () => {
    expect(drillFilter(base, 'day', '2026-11-05')).toEqual({ from: '2026-11-05', to: '2026-11-05' });
    expect(drillFilter(base, 'week', '2026-10-27')).toEqual({ from: '2026-11-01', to: '2026-11-02' });
    expect(drillFilter(base, 'month', '2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-20' });
  });
  it('narrows the other groups to their id, except cashiers known only by name', () => {
    expect(drillFilter(base, 'branch', 'sucursal-002')).toEqual({ ...base, branches: 'sucursal-002' });
    expect(drillFilter(base, 'tender', 'card')).toEqual({ ...base, tender: 'card' });
    expect(drillFilter(base, 'cashier', 'name:Legacy API')).toEqual(base);
  });
});
