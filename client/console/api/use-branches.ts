import { useApi } from '../session/session-context';
import { useLiveQuery } from '../live/use-live-query';

/** A branch as GET /api/console/branches returns it (server/console/catalogue-routes.ts branchView). */
export interface BranchView {
  id: string;
  name: string;
  locationId: string;
  receiptPrefix: string;
  currency: string;
  timeZone?: string;
  settings: {
    allowOversell: boolean;
    idleLockSeconds: number;
    receiptHeader: string;
    receiptFooter: string;
    productEditFields: string[];
  };
  seq: number;
}

/** The branches the signed-in manager may see, kept current. */
export function useBranches() {
  const api = useApi();
  const q = useLiveQuery(
    'branches',
    (signal) => api.get<{ branches: BranchView[] }>('/api/console/branches', {}, signal),
    {
      collections: ['settings', 'branches'],
    },
  );
  return { ...q, branches: q.data?.branches ?? [] };
}
