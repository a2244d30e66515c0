import type { TransferStatus } from '../../../shared/console/ledger-api';

/** The badge of a transfer's state: received ok, in transit and draft quiet, cancelled marked. */
export function statusBadge(status: TransferStatus): string {
  if (status === 'received') return 'badge ok';
  if (status === 'cancelled') return 'badge bad';
  return status === 'draft' ? 'badge' : 'badge muted';
}
