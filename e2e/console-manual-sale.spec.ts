import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { pickDemoBranch } from './console-pages/branch-picker';
import { ConsolePage } from './console-pages/console-page';

test('manual sale: a manager records a sale by hand at another price, and finds it in the explorer', async ({
  browser,
  serverDb,
}) => {
  const admin = await createAccount(serverDb, 'admin', 'Mario Manual');
  const { context, page, consolePage } = await ConsolePage.inNewWindow(browser, admin, '/sales');
  await page.getByRole('link', { name: 'Registrar venta manual' }).click();
  await expect(page.getByRole('heading', { name: 'Registrar una venta manual', level: 1 })).toBeVisible();
  const stockBefore = await serverDb.branchStock('ECO-0005');

  // Nothing picked yet: the form says what is missing and records nothing.
  await page.getByRole('button', { name: 'Registrar venta' }).click();
  await expect(page.getByRole('alert')).toContainText(/Elija (la sucursal|un producto)/);

  await pickDemoBranch(page, serverDb);
  const product = page.getByRole('combobox', { name: 'Producto' });
  await product.fill('Quin');
  await page.getByRole('option', { name: /^Quinoa · ECO-0005/ }).click();
  await expect(page.getByText('Precio vigente: 12,50 US$.')).toBeVisible();
  await expect(page.getByLabel(/Precio unitario/)).toHaveValue('12.50');
  await page.getByLabel('Cantidad').fill('2');
  await page.getByLabel(/Precio unitario/).fill('11,00');
  await expect(page.getByText(/El precio difiere del vigente/)).toBeVisible();

  // A time in the future is refused with a message that says what to do.
  const when = page.getByLabel(/Fecha y hora de la venta/);
  const recorded = await when.inputValue();
  await when.fill(`${String(Number(recorded.slice(0, 4)) + 1)}${recorded.slice(4)}`);
  await page.getByRole('button', { name: 'Registrar venta' }).click();
  await expect(page.getByRole('alert')).toHaveText('Esa hora todavía no llega: escriba cuándo ocurrió la venta.');
  await when.fill(recorded);

  await page.getByRole('button', { name: 'Registrar venta' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Venta registrada' });
  await expect(status).toBeVisible();
  const receipt = (await status.textContent())!.match(/ticket (\S+),/)![1]!;
  await expect(status).toContainText('Se abrió una partida de conciliación');
  expect(await serverDb.branchStock('ECO-0005')).toBe(stockBefore - 2);
  await consolePage.expectAccessible();
  await consolePage.screenshot('reports-manual-sale');

  // The sale is in the explorer: by product, Quinoa's tickets include it, at the price charged.
  await status.getByRole('link', { name: 'Ver en el explorador de ventas' }).click();
  await page.getByLabel('Agrupar por').selectOption('product');
  await page.getByRole('button', { name: 'Ver los tickets de Quinoa' }).first().click();
  await page.getByRole('button', { name: `Abrir el ticket ${receipt}` }).click();
  await expect(page.getByRole('heading', { name: `Venta ${receipt}` })).toBeVisible();
  const lines = page.getByRole('table', { name: 'Líneas' });
  await expect(lines).toContainText('Quinoa');
  await expect(lines.getByRole('row', { name: /Quinoa/ })).toContainText('11,00 US$');
  await context.close();
});
