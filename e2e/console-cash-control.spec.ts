import type { Page } from '@playwright/test';
import { createCashier } from '../server/catalogue/cashiers-admin';
import { bumpBranchSettings, patchBranchSettings } from '../server/catalogue/branches-admin';
import { reportDb } from '../server/reports/report-db';
import { updateReportSettings } from '../server/reports/report-settings';
import { removeCashiers } from './device-server-setup';
import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { ConsolePage } from './console-pages/console-page';
import { ReconciliationPage } from './console-pages/reconciliation-page';
import { DevicePosPage } from './pos-page';
import { shootTablet } from './pos-screens';

const BRANCH = 'sucursal-001';

/** A supervisor approves on the tablet: picks themselves if asked, gives the reason and their PIN. */
async function approve(page: Page, name: string, pin: string, reason: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Autorización del encargado' });
  await expect(dialog).toBeVisible();
  const person = dialog.getByRole('button', { name: new RegExp(`^${name}`) });
  if (await person.isVisible()) await person.click();
  await dialog.getByLabel('Motivo').fill(reason);
  await dialog.getByLabel(`PIN de ${name}`).fill(pin);
  await dialog.getByRole('button', { name: 'Autorizar' }).click();
  await expect(dialog).toBeHidden();
}

test('issue 13 item 6: a branch that sells only with a shift open; no-sale opens approved and logged; X report printed; a close counted by notes and coins beyond the limit, approved offline, opens a cash difference in the console', async ({
  page,
  context,
  browser,
  serverDb,
}) => {
  test.setTimeout(240_000);
  const admin = await createAccount(serverDb, 'admin', 'Carmen Caja');
  const cashier = await createCashier(serverDb.db, BRANCH, { name: 'Carla Cobra', pin: '2580', role: 'cashier' });
  const supervisor = await createCashier(serverDb.db, BRANCH, {
    name: 'Sonia Supervisa',
    pin: '1470',
    role: 'supervisor',
  });
  const consoleContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    const { pos, device } = await DevicePosPage.paired(page, context, serverDb, 'Caja arqueo');

    // The manager sets the cash control of the branch in the console: a shift is required, 5.00 allowed;
    // the paired tablet gets it with its branch's settings.
    const managerPage = await consoleContext.newPage();
    const consolePage = new ConsolePage(managerPage);
    await consolePage.openSignedIn('/shifts', admin);
    const limits = managerPage
      .locator('form')
      .filter({ has: managerPage.getByLabel('Diferencia máxima en Sucursal 001') });
    await limits.getByLabel('Diferencia máxima en Sucursal 001').fill('5');
    await limits.getByLabel('En Sucursal 001 se vende solo con un turno abierto').check();
    await limits.getByRole('button', { name: 'Guardar' }).click();
    await expect(
      managerPage.getByRole('status').filter({ hasText: 'Límite guardado para Sucursal 001.' }),
    ).toBeVisible();

    await pos.signIn('Carla Cobra', '2580');
    await expect(page.getByRole('heading', { name: 'Abra un turno para vender' })).toBeVisible();
    await expect(pos.addButton('Pan Integral')).toBeHidden();
    await shootTablet(page, 'shift-required');
    await page.getByLabel('Fondo de caja inicial').fill('50');
    await page.getByRole('button', { name: 'Abrir turno' }).click();
    await pos.sellOne('Pan Integral');

    // Offline from here: approvals are checked on the tablet, the events wait in the queue.
    await context.setOffline(true);
    await pos.goTo('Turno');
    await page.getByRole('button', { name: 'Abrir cajón sin venta' }).click();
    await approve(page, 'Sonia Supervisa', '1470', 'Cambio para el cliente');
    await expect(page.getByRole('status').filter({ hasText: 'Cajón abierto sin venta' })).toBeVisible();
    await expect(page.getByTestId('no-sale-count')).toHaveText('1 apertura del cajón sin venta');

    await page.getByRole('button', { name: 'Imprimir informe X' }).click();
    const x = page.getByRole('article', { name: 'Informe X (parcial)' });
    await expect(x).toContainText('1 apertura del cajón sin venta');
    await expect(x).toContainText('Carla Cobra');
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: test.info().outputPath('x-report-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // Float 50.00 + Pan Integral 1.80 in cash.
    await expect(page.getByTestId('expected-cash')).toHaveText('USD 51.80');
    await page.getByLabel('Billetes de USD 20.00').fill('2');
    await page.getByLabel('Monedas de USD 0.25').fill('3');
    await expect(page.getByTestId('counted-so-far')).toHaveText('Total contado: USD 40.75');
    await expect(page.getByTestId('close-difference')).toContainText('supera lo permitido en esta sucursal (USD 5.00)');
    await shootTablet(page, 'shift-close-count');
    await page.getByRole('button', { name: 'Cerrar turno (pide aprobación)' }).click();
    await approve(page, 'Sonia Supervisa', '1470', 'Pago a proveedor sin registrar');
    await expect(page.getByTestId('counted-cash')).toHaveText('USD 40.75');
    await page.getByRole('button', { name: 'Imprimir informe Z' }).click();
    const z = page.getByRole('article', { name: 'Informe Z (cierre de turno)' });
    await expect(z).toContainText('2 × USD 20.00');
    await expect(z).toContainText('Aprobó: Sonia Supervisa');
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(2);
    await shootTablet(page, 'shift-z-report');

    // Back online, the service worker's queue delivers what was made offline.
    await context.setOffline(false);
    const events = () =>
      serverDb.db
        .selectFrom('shift_events')
        .select(['kind', 'amount_cents'])
        .where('device_id', '=', device.id)
        .orderBy('applied_seq')
        .execute()
        .then((rows) => rows.map((e) => `${e.kind}:${Number(e.amount_cents)}`));
    await expect.poll(events, { timeout: 60_000 }).toEqual(['open:5000', 'no_sale:0', 'close:4075']);

    // The manager sees the difference to reconcile, in Spanish, and the shift with its count.
    await consolePage.open('/reconciliation');
    const queue = new ReconciliationPage(managerPage);
    await queue.filter('Tipo', 'Diferencia de caja');
    const item = managerPage.getByRole('row').filter({ hasText: /Caja arqueo \(Carla Cobra\): contado 40,75\sUS\$/ });
    await expect(item).toContainText('Aprobó: Sonia Supervisa');
    await consolePage.expectAccessible();
    await consolePage.screenshot('cash-difference');
    await consolePage.open('/shifts');
    const shift = managerPage.getByRole('row', { name: 'Carla Cobra Caja arqueo' });
    await expect(shift).toContainText('Supera el límite');
    await shift.getByText(/^40,75\sUS\$$/).click();
    await expect(shift).toContainText(/2 × 20,00\sUS\$/);
    await consolePage.screenshot('shifts-denominations');
  } finally {
    await patchBranchSettings(serverDb.db, BRANCH, { requireOpenShift: false });
    await updateReportSettings(reportDb(serverDb.db), BRANCH, { maxCashDifferenceCents: 2000 }, async (trx) => {
      await bumpBranchSettings(trx, BRANCH);
    });
    await removeCashiers(serverDb, [cashier.cashier.id, supervisor.cashier.id]);
    await consoleContext.close();
  }
});
