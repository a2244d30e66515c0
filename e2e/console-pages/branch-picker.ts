import type { Page } from '@playwright/test';
import type { ServerDb } from '../server-db';

/**
 * Picks Sucursal 001 where a console form asks for a branch: it asks only when the chain has more than one (other
 * specs add branches), and then nothing is chosen at first. Asked of the database, not of the page, because the
 * picker appears only once the page has loaded the branches.
 */
export async function pickDemoBranch(page: Page, serverDb: ServerDb): Promise<void> {
  const branches = await serverDb.db.selectFrom('branches').select('id').execute();
  if (branches.length > 1) await page.getByLabel('Sucursal').selectOption({ label: 'Sucursal 001' });
}
