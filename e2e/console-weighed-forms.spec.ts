import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { pickDemoBranch } from './console-pages/branch-picker';
import { ConsolePage } from './console-pages/console-page';
import type { ServerDb } from './server-db';

/** Stock of a product at a location, 0 before its first movement there. */
const stockOf = async (serverDb: ServerDb, sku: string, locationId?: string) =>
  (await serverDb.stockLevel(sku, locationId)) ?? 0;

test('issue 11: stock of a weighed product is received and sent in kilograms (12,5 kg, not 12500)', async ({
  page,
  serverDb,
}) => {
  const admin = await createAccount(serverDb, 'admin', 'Rita Recibe');
  const sku = 'MANZ-KG-RECV';
  const name = 'Manzana a granel recibida';
  await serverDb.weighedProduct({ sku, name, priceCents: 320, category: 'Frutas' });
  const centralBefore = await stockOf(serverDb, sku, 'central');
  const consolePage = new ConsolePage(page);
  await consolePage.openSignedIn('/stock', admin);
  const matrix = page.getByRole('region', { name: 'Existencias por ubicación' });
  await page.getByRole('searchbox', { name: 'Buscar producto' }).fill(name);
  await matrix.getByRole('link', { name: new RegExp(`^Movimientos de ${name} en Almacén central`) }).click();

  // More decimals than grams: refused with what to type, nothing received.
  const qty = page.getByLabel('Cantidad recibida (kg)');
  await qty.fill('12,5005');
  await page.getByLabel('Proveedor o albarán').fill('Huerta Sol, albarán 77');
  await page.getByRole('button', { name: 'Registrar recepción' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Escriba una cantidad mayor que 0, con 3 decimales como máximo (12,5).',
  );
  expect(await stockOf(serverDb, sku, 'central')).toBe(centralBefore);
  await qty.fill('12,5');
  await page.getByRole('button', { name: 'Registrar recepción' }).click();
  await expect(page.getByText('Recepción registrada: 12,500 kg.')).toBeVisible();
  expect(await stockOf(serverDb, sku, 'central')).toBe(centralBefore + 12_500);
  const movements = page.getByRole('region', { name: 'Movimientos' });
  await expect(movements.getByRole('row').filter({ hasText: 'Huerta Sol' })).toContainText('+12,500 kg');
  await consolePage.screenshot('stock-receive-weighed');

  // A transfer of 2,25 kg to the branch; 2,2 kg arrive.
  const branchBefore = await stockOf(serverDb, sku);
  await consolePage.open('/transfers');
  await page.getByRole('button', { name: 'Nuevo traspaso' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Desde').selectOption({ label: 'Almacén central' });
  await dialog.getByLabel('Hacia').selectOption({ label: 'Sucursal 001' });
  await dialog.getByLabel('Buscar producto para añadir').fill(name);
  await dialog.getByRole('button', { name: `Añadir ${name}` }).click();
  const line = dialog.getByLabel(`Cantidad de ${name} (kg)`);
  await line.fill('2,2505');
  await dialog.getByRole('button', { name: 'Enviar traspaso' }).click();
  await expect(dialog.getByText('Añada al menos un producto')).toBeVisible();
  await line.fill('2.25');
  await expect(dialog.getByText('Añada al menos un producto')).toHaveCount(0);
  const note = `kg ${Date.now().toString(36)}`;
  await dialog.getByLabel('Nota').fill(note);
  await consolePage.screenshot('transfer-new-weighed');
  await dialog.getByRole('button', { name: 'Enviar traspaso' }).click();
  await expect(page.getByText('Traspaso enviado: las existencias salieron de Almacén central.')).toBeVisible();
  expect(await stockOf(serverDb, sku, 'central')).toBe(centralBefore + 12_500 - 2_250);
  const row = page.getByRole('row').filter({ hasText: note });
  await expect(row).toContainText(`2,250 kg × ${name}`);
  await row.getByRole('button', { name: 'Almacén central → Sucursal 001' }).click();
  const arrived = dialog.getByLabel(`Llegaron de ${name} (kg)`);
  await expect(arrived).toHaveValue('2,250');
  await arrived.fill('2,2');
  await consolePage.screenshot('transfer-receive-weighed');
  await dialog.getByRole('button', { name: 'Confirmar recepción' }).click();
  await expect(page.getByText('Recepción confirmada con diferencias')).toBeVisible();
  expect(await stockOf(serverDb, sku)).toBe(branchBefore + 2_200);
});

test('issue 11: a manual sale of a weighed product is typed in kg and priced per kg (1,250 kg at 3,20 is 4,00)', async ({
  page,
  serverDb,
}) => {
  const admin = await createAccount(serverDb, 'admin', 'Manuel Pesa');
  const sku = 'MANZ-KG-MANUAL';
  const name = 'Manzana a granel manual';
  await serverDb.weighedProduct({ sku, name, priceCents: 320, category: 'Frutas' });
  const stockBefore = await stockOf(serverDb, sku);
  const consolePage = new ConsolePage(page);
  await consolePage.openSignedIn('', admin);
  // The home counts articles: the 1,25 kg line will be one, not 1250.
  const articles = page
    .locator('.figure')
    .filter({ has: page.getByRole('term').filter({ hasText: /^Artículos$/ }) })
    .first()
    .locator('.figure-value');
  const articlesBefore = Number(await articles.textContent());
  await page.getByRole('link', { name: 'Ventas', exact: true }).click();
  await page.getByRole('link', { name: 'Registrar venta manual' }).click();
  await pickDemoBranch(page, serverDb);
  await page.getByRole('combobox', { name: 'Producto' }).fill('Manzana a granel man');
  await page.getByRole('option', { name: new RegExp(`^${name} · ${sku}`) }).click();
  await expect(page.getByText('Precio vigente: 3,20 US$ por kg.')).toBeVisible();
  await expect(page.getByLabel(/Precio por kg/)).toHaveValue('3.20');
  const quantity = page.getByLabel('Cantidad (kg)');
  await quantity.fill('1,2505');
  await page.getByRole('button', { name: 'Registrar venta' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Escriba una cantidad mayor que 0, con 3 decimales como máximo (1,250).',
  );
  expect(await stockOf(serverDb, sku)).toBe(stockBefore);
  await quantity.fill('1,25');
  await expect(page.getByText('Importe: 4,00 US$.')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await consolePage.screenshot('reports-manual-sale-weighed');
  await page.getByRole('button', { name: 'Registrar venta' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Venta registrada' });
  await expect(status).toContainText(', 4,00 US$.');
  expect(await stockOf(serverDb, sku)).toBe(stockBefore - 1_250);
  const sale = await serverDb.db
    .selectFrom('sale_lines')
    .innerJoin('products', 'products.id', 'sale_lines.product_id')
    .select(['sale_lines.quantity', 'sale_lines.line_total_cents'])
    .where('products.sku', '=', sku)
    .executeTakeFirstOrThrow();
  expect({ quantity: Number(sale.quantity), total: Number(sale.line_total_cents) }).toEqual({
    quantity: 1250,
    total: 400,
  });
  await page.getByRole('link', { name: 'Inicio', exact: true }).click();
  await expect(articles).toHaveText(String(articlesBefore + 1));
  await consolePage.screenshot('home-articles');
});
