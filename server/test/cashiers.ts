import { expect } from 'vitest';
import type { SignedIn } from './managers';
import { request } from './test-server';

/** A cashier or supervisor of the branch, added by a manager over HTTP as the console does; returns its id. */
export async function addCashier(
  baseUrl: string,
  manager: SignedIn,
  branchId: string,
  person: { role: 'cashier' | 'supervisor'; name: string; pin: string },
): Promise<string> {
  const res = await request<{ id: string }>(baseUrl, `/api/console/branches/${branchId}/cashiers`, {
    json: person,
    headers: manager.headers(),
  });
  expect(res.status).toBe(201);
  return res.body.id;
}
