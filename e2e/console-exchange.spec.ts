import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { ConsolePage } from './console-pages/console-page';

test('issue 13 item 5 in the console: an exchange made at the till shows as the tender "Cambio", and each of its tickets opens the other', async ({
  browser,
  pos,
  page: till,
  serverDb,
}) => {
  const admin = await createAccount(serverDb, 'admin', 'Sara Cambios');
  await pos.openPaired(serverDb, 'Caja cambio consola');
  const device = await serverDb.deviceNamed('Caja cambio consola');
  const original = await pos.sellOne('Pan Integral');
  await pos.openRefunds();
  await pos.findReceipt(original);
  await till.getByRole('button', { name: 'Devolver todo Pan Integral' }).click();
  await till.getByRole('button', { name: 'Cambiar por otros productos' }).click();
  await pos.addButton('Manzanas Orgánicas').click();
  await till.getByRole('button', { name: /Cobrar en efectivo/ }).click();
  const sale = await pos.expectPaid();
  await expect.poll(() => serverDb.salesOfDevice(device.id).then((s) => s.length), { timeout: 30_000 }).toBe(3);
  const refund = (await serverDb.salesOfDevice(device.id)).find((s) => s.kind === 'refund')!.receipt_number;

  const { page, consolePage } = await ConsolePage.inNewWindow(browser, admin, '/sales', {
    viewport: { width: 1366, height: 768 },
  });
  await expect(page.getByRole('heading', { name: 'Ventas', level: 1 })).toBeVisible();
  await page.getByLabel('Agrupar por').selectOption('tender');
  await page.getByRole('button', { name: 'Ver los tickets de Cambio', exact: true }).click();
  // The tender's name in the console's language, also on the tickets' heading.
  await expect(page.getByRole('heading', { name: 'Tickets de Cambio' })).toBeVisible();
  await expect(page.getByRole('button', { name: `Abrir el ticket ${sale}` })).toBeVisible();
  await expect(page.getByRole('button', { name: `Abrir el ticket ${refund}` })).toBeVisible();
  await expect(page.getByRole('button', { name: `Abrir el ticket ${original}` })).toBeHidden();

  await page.getByRole('button', { name: `Abrir el ticket ${sale}` }).click();
  await expect(page.getByRole('heading', { name: `Venta ${sale}` })).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: 'Cambio:' })).toHaveText(
    new RegExp(`^Cambio: esta venta se pagó en parte con lo devuelto en ${refund}\\.`),
  );
  await consolePage.screenshot('reports-exchange-sale');
  await page.getByRole('button', { name: `Ver ${refund}` }).click();
  await expect(page.getByRole('heading', { name: `Devolución ${refund}` })).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: 'Cambio:' })).toContainText(
    `lo devuelto aquí pagó en parte la venta ${sale}`,
  );
  await page.getByRole('button', { name: `Ver ${sale}` }).click();
  await expect(page.getByRole('heading', { name: `Venta ${sale}` })).toBeVisible();
  await consolePage.expectAccessible();
});
