import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { ConsolePage } from './console-pages/console-page';

test('stock: the matrix, low stock turned into a transfer, a product’s ledger with a receipt, an adjustment and stock as of now', async ({
  page,
  serverDb,
}) => {
  const admin = await createAccount(serverDb, 'admin', 'Sara Stock');
  const quinoa = await serverDb.db
    .selectFrom('products')
    .select('id')
    .where('sku', '=', 'ECO-0005')
    .executeTakeFirstOrThrow();
  await serverDb.db
    .insertInto('product_stock_rules')
    .values({ product_id: quinoa.id, reorder_min: 5, reorder_max: 20, updated_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('product_id').doUpdateSet({ reorder_min: 5, reorder_max: 20 }))
    .execute();
  const branchBefore = await serverDb.branchStock('ECO-0005');

  const consolePage = new ConsolePage(page);
  await consolePage.openSignedIn('/stock', admin);
  await expect(page.getByRole('heading', { name: 'Existencias', level: 1 })).toBeVisible();
  const matrix = page.getByRole('region', { name: 'Existencias por ubicación' });
  await expect(matrix.getByRole('columnheader', { name: 'Almacén central' })).toBeVisible();
  await expect(matrix.getByRole('columnheader', { name: 'Sucursal 001' })).toBeVisible();
  // Other specs add products: the virtualized matrix may hold Quinoa below its first screen, so search for it.
  await page.getByRole('searchbox', { name: 'Buscar producto' }).fill('Quinoa');
  await expect(matrix.getByRole('row').filter({ hasText: 'Quinoa' })).toBeVisible();

  const low = page.getByRole('group', { name: 'Existencias bajas' });
  const send = low.getByLabel('Cantidad de Quinoa a enviar');
  await expect(send).toHaveValue(String(20 - branchBefore));
  await consolePage.expectAccessible();
  await consolePage.screenshot('stock');
  await send.fill('7');
  await low.getByRole('button', { name: 'Crear traspaso desde el almacén central' }).click();
  // Other specs may have left other products low at the branch: the transfer carries them too.
  await expect(low.getByRole('status')).toContainText(/Traspaso enviado con \d+ productos?\./);
  expect(await serverDb.lastTransferLinesTo('sucursal-001')).toContainEqual({ productId: quinoa.id, quantity: 7 });

  // The central warehouse's cell opens Quinoa's ledger there.
  await matrix.getByRole('link', { name: /^Movimientos de Quinoa en Almacén central/ }).click();
  await expect(page.getByRole('heading', { name: 'Quinoa en Almacén central', level: 1 })).toBeVisible();
  const movements = page.getByRole('region', { name: 'Movimientos' });
  await expect(movements.getByRole('row').filter({ hasText: 'Traspaso enviado' }).first()).toContainText('-7');

  await page.getByLabel('Unidades recibidas').fill('30');
  await page.getByLabel('Proveedor o albarán').fill('Granos del Sur, albarán 881');
  await page.getByRole('button', { name: 'Registrar recepción' }).click();
  await expect(movements.getByRole('row').filter({ hasText: 'Granos del Sur, albarán 881' })).toContainText('+30');

  await page.getByLabel('Motivo').selectOption({ label: 'Merma o caducidad' });
  await page.getByLabel('Unidades (+ suma, − resta)').fill('3');
  await page.getByLabel('Nota').fill('Bolsas rotas');
  await page.getByRole('button', { name: 'Registrar ajuste' }).click();
  await expect(page.getByText('Merma, daño y robo restan unidades')).toBeVisible();
  await page.getByLabel('Unidades (+ suma, − resta)').fill('-3');
  await page.getByRole('button', { name: 'Registrar ajuste' }).click();
  await expect(page.getByText(/^Ajuste registrado: ahora hay/)).toBeVisible();
  await expect(movements.getByRole('row').filter({ hasText: 'Bolsas rotas' })).toContainText('-3');
  const central = await serverDb.branchStock('ECO-0005', 'central');

  const inAMinute = new Date(Date.now() + 60_000);
  const local = new Date(inAMinute.getTime() - inAMinute.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await page.getByLabel(/^Fecha y hora/).fill(local);
  await page.getByRole('button', { name: 'Calcular' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'calculado del libro de movimientos' })).toContainText(
    `había ${central} (`,
  );
  await consolePage.expectAccessible();
  await consolePage.screenshot('stock-ledger');
});
