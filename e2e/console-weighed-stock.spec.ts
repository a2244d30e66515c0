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
