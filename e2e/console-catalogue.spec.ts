import fs from 'node:fs';
import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { CataloguePage } from './console-pages/catalogue-page';
import { ConsolePage } from './console-pages/console-page';

test('an administrator creates, finds, edits, exports and archives a product', async ({ page, serverDb }) => {
  const admin = await createAccount(serverDb, 'admin', 'Carla Catálogo');
  const consolePage = new ConsolePage(page);
  await consolePage.openSignedIn('/catalogue', admin);
  const catalogue = new CataloguePage(page);
  await expect(catalogue.heading()).toBeVisible();
  await expect(catalogue.row('Pan Integral')).toBeVisible();
  await consolePage.expectAccessible();
  await consolePage.screenshot('catalogue');

  const sku = `MIEL-${Date.now().toString(36).toUpperCase()}`;
  await page.getByRole('button', { name: 'Nuevo producto' }).click();
  await catalogue.fillProduct({ name: 'Miel de Abeja', sku, category: 'Despensa', price: '12,345', taxPercent: '16' });
  await catalogue.save();
  await expect(catalogue.dialog().getByText('Escriba el precio con hasta 2 decimales')).toBeVisible();
  await consolePage.expectAccessible();
  await consolePage.screenshot('catalogue-product');
  await catalogue.fillProduct({ price: '89.90' });
  await catalogue.save();
  await expect(catalogue.dialog()).toBeHidden();

  await catalogue.search(sku);
  await expect(catalogue.row('Miel de Abeja')).toContainText('89,90');
  await expect(page.getByRole('row')).toHaveCount(2);
  const product = await serverDb.db.selectFrom('products').selectAll().where('sku', '=', sku).executeTakeFirstOrThrow();
  expect(Number(product.price_cents)).toBe(8990);
  expect(Number(product.tax_rate_bp)).toBe(1600);

  await page.getByRole('button', { name: 'Editar Miel de Abeja' }).click();
  await catalogue.fillProduct({ price: '95' });
  await catalogue.save();
  await expect(catalogue.row('Miel de Abeja')).toContainText('95,00');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exportar CSV' }).click();
  const csv = fs.readFileSync(await (await download).path(), 'utf8');
  expect(csv.split('\n')[0]).toContain('sku,name,category,priceCents');
  expect(csv).toContain(`${sku},Miel de Abeja,Despensa,9500,1600`);

  await page.getByRole('button', { name: 'Archivar Miel de Abeja' }).click();
  await catalogue.dialog().getByRole('button', { name: 'Archivar' }).click();
  await expect(page.getByText('Ningún producto coincide con la búsqueda.')).toBeVisible();
});

test('a branch manager reads the catalogue but cannot change it', async ({ page, serverDb }) => {
  const manager = await createAccount(serverDb, 'branch_manager', 'Bruno Lector', ['sucursal-001']);
  const consolePage = new ConsolePage(page);
  await consolePage.openSignedIn('/catalogue', manager);
  const catalogue = new CataloguePage(page);
  await expect(catalogue.row('Pan Integral')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nuevo producto' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Editar / })).toHaveCount(0);
});
