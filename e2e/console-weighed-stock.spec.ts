import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { ConsolePage } from './console-pages/console-page';

test('issue 13: a weighed product’s stock reads in kilograms in the matrix and its ledger, and is adjusted by weight', async ({
  page,
  serverDb,
}) => {
  const admin = await createAccount(serverDb, 'admin', 'Pesa Stock');
  const sku = 'ARROZ-KG-STOCK';
  const name = 'Arroz a granel';
  await serverDb.weighedProduct({ sku, name, priceCents: 180 });
  const consolePage = new ConsolePage(page);
  await consolePage.openSignedIn('/stock', admin);
  const matrix = page.getByRole('region', { name: 'Existencias por ubicación' });
  await page.getByRole('searchbox', { name: 'Buscar producto' }).fill(name);
  const row = matrix.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('0,000 kg');

  await matrix.getByRole('link', { name: new RegExp(`^Movimientos de ${name} en Almacén central`) }).click();
  await expect(page.getByRole('heading', { name: `${name} en Almacén central`, level: 1 })).toBeVisible();
  await page.getByLabel('Motivo').selectOption({ label: 'Encontrado' });
  // More decimals than the product has: refused, nothing recorded.
  await page.getByLabel('Unidades (+ suma, − resta)').fill('2,5005');
  await page.getByLabel('Nota').fill('Saco sin etiqueta');
  await page.getByRole('button', { name: 'Registrar ajuste' }).click();
  await expect(page.getByRole('alert')).toContainText('Escriba una cantidad distinta de 0');
  await page.getByLabel('Unidades (+ suma, − resta)').fill('2,5');
  await page.getByRole('button', { name: 'Registrar ajuste' }).click();
  await expect(page.getByText('Ajuste registrado: ahora hay 2,500 kg.')).toBeVisible();
  const movements = page.getByRole('region', { name: 'Movimientos' });
  await expect(movements.getByRole('row').filter({ hasText: 'Saco sin etiqueta' })).toContainText('+2,500 kg');
  expect(await serverDb.branchStock(sku, 'central')).toBe(2500);
});

test('issue 13: a weighed product low at a branch is resupplied in kilograms (the suggestion reads 5,000, 2,5 sends 2500 g)', async ({
  page,
  serverDb,
}) => {
  const admin = await createAccount(serverDb, 'admin', 'Pesa Reposición');
  const sku = 'LENTEJA-KG-LOW';
  const name = 'Lenteja a granel';
  await serverDb.weighedProduct({ sku, name, priceCents: 260 });
  const product = await serverDb.db
    .selectFrom('products')
    .select('id')
    .where('sku', '=', sku)
    .executeTakeFirstOrThrow();
  // Below 2 kg at a branch, refilled up to 5 kg.
  await serverDb.db
    .insertInto('product_stock_rules')
    .values({ product_id: product.id, reorder_min: 2000, reorder_max: 5000, updated_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('product_id').doUpdateSet({ reorder_min: 2000, reorder_max: 5000 }))
    .execute();
  const branchBefore = (await serverDb.stockLevel(sku, 'sucursal-001')) ?? 0;
  const consolePage = new ConsolePage(page);
  await consolePage.openSignedIn('/stock', admin);
  const low = page.getByRole('group', { name: 'Existencias bajas' });
  // The place picker shows once other specs have added branches.
  await expect(low.getByRole('heading', { name: 'Existencias bajas' })).toBeVisible();
  if ((await low.getByLabel('Ubicación').count()) > 0) {
    await low.getByLabel('Ubicación').selectOption({ label: 'Sucursal 001' });
  }
  const row = low.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('2,000 kg');
  await expect(row).toContainText('5,000 kg');
  const send = low.getByLabel(`Cantidad de ${name} (kg) a enviar`);
  await expect(send).toHaveValue(
    new Intl.NumberFormat('es-ES', { minimumFractionDigits: 3 }).format((5000 - branchBefore) / 1000),
  );
  await send.fill('2,5005');
  await low.getByRole('button', { name: 'Crear traspaso desde el almacén central' }).click();
  await expect(low.getByRole('alert')).toContainText('un peso con sus decimales');
  await send.fill('2,5');
  await low.getByRole('button', { name: 'Crear traspaso desde el almacén central' }).click();
  await expect(low.getByRole('status')).toContainText(/Traspaso enviado con \d+ productos?\./);
  expect(await serverDb.lastTransferLinesTo('sucursal-001')).toContainEqual({ productId: product.id, quantity: 2500 });
  await consolePage.screenshot('stock-low-weighed');
});
