import type { BranchView } from '../../../shared/console/fleet';
import { useApi } from '../session/session-context';
import { useLiveQuery } from '../live/use-live-query';

/** The branches the signed-in manager may see, kept current. */
export function useBranches() {
  const api = useApi();
  const q = useLiveQuery(
    'branches',
    (signal) => api.get<{ branches: BranchView[] }>('/api/console/branches', {}, signal),
    { collections: ['settings'] },
  );
  return { ...q, branches: q.data?.branches ?? [] };
}

export type { BranchView };
