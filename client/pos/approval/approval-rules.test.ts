import { describe, expect, it } from 'vitest';
import { approvalSchema } from '../../../shared/protocol/approval';
import { approversFor, makeApproval } from './approval-rules';

const ana = { id: 'c-ana', name: 'Ana', role: 'supervisor' as const, active: true };
const luis = { id: 'c-luis', name: 'Luis', role: 'cashier' as const, active: true };
const eva = { id: 'c-eva', name: 'Eva', role: 'supervisor' as const, active: false };
const rosa = { id: 'c-rosa', name: 'Rosa', role: 'supervisor' as const, active: true };

describe('manager approval rules', () => {
  it('only active supervisors approve, never the person asking', () => {
    expect(approversFor([ana, luis, eva, rosa], 'c-luis').map((p) => p.id)).toEqual(['c-ana', 'c-rosa']);
    expect(approversFor([ana, luis, eva, rosa], 'c-ana').map((p) => p.id)).toEqual(['c-rosa']);
    expect(approversFor([ana, luis], 'c-ana')).toEqual([]);
  });

  it('an approval names the approver, the kind, the reason and the device time, and is a valid wire record', () => {
    const approval = makeApproval('discount', ana, '  cliente frecuente ', new Date('2026-11-28T18:00:00Z'));
    expect(approval).toEqual({
      kind: 'discount',
      approverId: 'c-ana',
      approverName: 'Ana',
      at: '2026-11-28T18:00:00.000Z',
      reason: 'cliente frecuente',
    });
    expect(approvalSchema.parse(approval)).toEqual(approval);
    expect(approvalSchema.safeParse({ ...approval, reason: '  ' }).success).toBe(false);
  });
});
