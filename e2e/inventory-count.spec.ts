import { expect, test } from './fixtures';
import { sendTransfer, setReorderLevel } from './device-server-setup';
import { DevicePosPage } from './pos-page';

test('inventory: low stock, other stores with their age, a count and a transfer received become movements on the server (invariants 3, 6)', async ({
  page,
  context,
  serverDb,
}) => {
  test.setTimeout(120_000);
  await setReorderLevel(serverDb, 'ECO-0003', 10);
  const transferId = await sendTransfer(
    serverDb,
    [
      { sku: 'ECO-0002', quantity: 10 },
      { sku: 'ECO-0003', quantity: 5 },
    ],
    'reposición semanal',
  );
  const pan = await serverDb.branchStock('ECO-0002');
  const leche = await serverDb.branchStock('ECO-0003');
  const panCentral = await serverDb.branchStock('ECO-0002', 'central');
  const pos = new DevicePosPage(page, context);
  await pos.openPaired(serverDb, 'Caja inventario');
  await pos.goTo('Inventario');

  await expect(page.getByTestId('inv-stock-ECO-0003')).toHaveText(`${leche} Bajo`);
  await page.getByLabel('Solo existencias bajas').check();
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await page.getByLabel('Solo existencias bajas').uncheck();

  await page.getByRole('button', { name: 'Ver Pan Integral' }).click();
  await expect(page.getByTestId('other-stores')).toContainText(`Almacén central: ${panCentral}`);
  await expect(page.getByTestId('other-stores')).toContainText(/actualizado (hace \d+ (s|min)|ahora)/);

  // Counted 3 fewer than the tablet shows: a −3 count adjustment, shown at once.
  await page.getByLabel('Cantidad contada de Pan Integral').fill(String(pan - 3));
  await page.getByRole('button', { name: 'Guardar conteo' }).click();
  await expect(page.getByTestId('inv-stock-ECO-0002')).toHaveText(String(pan - 3));

  // The transfer: all the bread arrived, one carton of milk is missing.
  const transfer = page.getByRole('article', { name: transferId });
  await transfer.getByLabel('Llegaron de Leche Deslactosada').fill('4');
  await pos.shoot('inventory-detail');
  await transfer.getByRole('button', { name: /Marcar como recibido/ }).click();
  await expect(page.getByText('No hay traspasos pendientes de recibir.')).toBeVisible();
  await expect(page.getByTestId('inv-stock-ECO-0002')).toHaveText(String(pan - 3 + 10));
  await expect(page.getByTestId('inv-stock-ECO-0003')).toHaveText(String(leche + 4));

  await expect(pos.pending()).toHaveText('Todo enviado', { timeout: 30_000 });
  expect(await serverDb.branchStock('ECO-0002')).toBe(pan - 3 + 10);
  expect(await serverDb.branchStock('ECO-0003')).toBe(leche + 4);
  // Acked through the stock pull: the tablet now shows the server's level, not it plus its own movements again.
  await page.reload();
  await pos.goTo('Inventario');
  await expect(page.getByTestId('inv-stock-ECO-0002')).toHaveText(String(pan - 3 + 10));
  await expect(page.getByTestId('inv-stock-ECO-0003')).toHaveText(`${leche + 4}`);
});

test('issue 13: a weighed product’s stock shows in kilograms, never as raw grams, and is counted by weight', async ({
  page,
  context,
  serverDb,
}) => {
  test.setTimeout(120_000);
  const sku = 'QUESO-KG-INV';
  await serverDb.weighedProduct({ sku, name: 'Queso a granel', priceCents: 900 });
  const pos = new DevicePosPage(page, context);
  await pos.openPaired(serverDb, 'Caja inventario peso');
  await pos.goTo('Inventario');
  await page.getByRole('searchbox', { name: 'Buscar por nombre, SKU o código' }).fill('queso a granel');
  await page.getByRole('button', { name: 'Ver Queso a granel' }).click();
  await expect(page.getByTestId('detail-stock')).toHaveText('0.000 kg');
  // More decimals than the product has: refused, nothing counted.
  await page.getByLabel('Cantidad contada de Queso a granel').fill('2,5005');
  await page.getByRole('button', { name: 'Guardar conteo' }).click();
  await expect(page.getByRole('alert')).toHaveText('Escriba la cantidad con 3 decimales como máximo, p. ej. 2,5.');
  await page.getByLabel('Cantidad contada de Queso a granel').fill('2,5');
  await page.getByRole('button', { name: 'Guardar conteo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Conteo guardado' })).toContainText(
    'Queso a granel queda en 2.500 kg',
  );
  await expect(page.getByTestId(`inv-stock-${sku}`)).toHaveText('2.500 kg');
  await expect(pos.pending()).toHaveText('Todo enviado', { timeout: 30_000 });
  expect(await serverDb.branchStock(sku)).toBe(2500);
});
