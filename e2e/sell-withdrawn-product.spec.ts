import { deleteProduct } from '../server/catalogue/console-products';
import { expect, test } from './fixtures';

test('issue 13 item 5: a product withdrawn at the centre leaves the grid, the search and the scanner at the next pull', async ({
  pos,
  page,
  serverDb,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await pos.openPaired(serverDb, 'Caja retirado');
  await expect(pos.addButton('Quinoa')).toBeVisible();
  const quinoa = await serverDb.db
    .selectFrom('products')
    .select(['id', 'barcode'])
    .where('name', '=', 'Quinoa')
    .executeTakeFirstOrThrow();

  await deleteProduct(serverDb.db, quinoa.id, 'e2e-manager');
  await page.getByRole('button', { name: 'Sincronizar ahora' }).click();
  await expect(pos.addButton('Quinoa')).toHaveCount(0);
  await expect(pos.addButton('Pan Integral')).toBeVisible();
  await pos.search().fill('quinoa');
  await expect(page.getByText('Ningún producto coincide con «quinoa».')).toBeVisible();
  if (quinoa.barcode) {
    await pos.search().fill('');
    await page.locator('body').click();
    await pos.scanWithWedge(quinoa.barcode);
    await expect(page.getByRole('alert')).toContainText(`El código ${quinoa.barcode} no corresponde a ningún producto`);
  }
  // And after a restart too.
  await page.reload();
  await expect(pos.addButton('Pan Integral')).toBeVisible();
  await expect(pos.addButton('Quinoa')).toHaveCount(0);
});
