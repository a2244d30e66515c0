import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { ConsolePage } from './console-pages/console-page';

test('shifts and cash: a tablet opens and closes a shift short, and the branch limit flags the difference', async ({
  browser,
  pos,
  page,
  serverDb,
}) => {
  const admin = await createAccount(serverDb, 'admin', 'Teo Turnos');
  await pos.openPaired(serverDb, 'Caja turnos');

  const { context, page: manager, consolePage } = await ConsolePage.inNewWindow(browser, admin, '/shifts');
  await expect(manager.getByRole('heading', { name: 'Turnos y caja', level: 1 })).toBeVisible();

  // The tablet opens a shift: it shows up as open, live.
  await pos.section('Turno');
  await page.getByLabel('Fondo de caja inicial').fill('100');
  await page.getByRole('button', { name: 'Abrir turno' }).click();
  const row = manager.getByRole('row', { name: /Caja turnos/ });
  await expect(row).toContainText('Abierto', { timeout: 15_000 });

  // A cash sale, then a close with 11.80 less than expected.
  await pos.section('Vender');
  await pos.sellOne('Pan Integral');
  await pos.section('Turno');
  await page.getByRole('radio', { name: 'Escribir el total' }).click();
  await page.getByLabel('Efectivo contado en caja').fill('90');
  await page.getByRole('button', { name: 'Cerrar turno con este efectivo' }).click();
  await expect(row).toContainText('-11,80', { timeout: 15_000 });
  await expect(row).toContainText('101,80');
  await expect(row).not.toContainText('Supera el límite');

  // A limit of 10.00 for the branch: the same close is now above it.
  await manager.getByLabel('Diferencia máxima en Sucursal 001').fill('10');
  await manager.getByRole('button', { name: 'Guardar' }).first().click();
  await expect(manager.getByRole('status').filter({ hasText: 'Límite guardado para Sucursal 001.' })).toBeVisible();
  await manager.reload();
  await expect(manager.getByRole('row', { name: /Caja turnos/ })).toContainText('Supera el límite');
  await consolePage.expectAccessible();
  await consolePage.screenshot('reports-shifts');
  await context.close();
});
