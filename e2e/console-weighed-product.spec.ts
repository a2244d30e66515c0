import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { CataloguePage } from './console-pages/catalogue-page';
import { ConsolePage } from './console-pages/console-page';

for (const [width, height] of [
  [1366, 768],
  [1024, 768],
] as const) {
  test(`issue 13 at ${width}×${height}: a manager makes a product sold by the kilogram with two barcodes, and a barcode already taken is refused naming its product`, async ({
    page,
    serverDb,
  }) => {
    await page.setViewportSize({ width, height });
    const admin = await createAccount(serverDb, 'admin', `Berta Báscula ${width}`);
    const consolePage = new ConsolePage(page);
    await consolePage.openSignedIn('/catalogue', admin);
    const catalogue = new CataloguePage(page);
    const sku = `UVA-KG-${width}`;
    const codes = width === 1366 ? '2000789000001 7501000077771' : '2000790000007 7501000077788';
    await page.getByRole('button', { name: 'Nuevo producto' }).click();
    await catalogue.fillProduct({
      name: `Uva a granel ${width}`,
      sku,
      category: 'Frutas',
      price: '4.50',
      barcodes: codes,
      unit: 'Kilogramo (kg)',
      decimals: '3 (gramos de un kg)',
    });
    await consolePage.screenshot(`catalogue-weighed-product-${width}`);
    await catalogue.save();
    await expect(catalogue.dialog()).toBeHidden();
    const row = await serverDb.db.selectFrom('products').selectAll().where('sku', '=', sku).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ unit: 'kg', quantity_decimals: 3, barcode: codes.split(' ')[0] });
    expect(JSON.parse(row.barcodes!)).toEqual(codes.split(' '));

    // The second barcode again on another product: 409, the dialog says whose it is.
    await page.getByRole('button', { name: 'Nuevo producto' }).click();
    await catalogue.fillProduct({
      name: `Pasas ${width}`,
      sku: `PASAS-${width}`,
      price: '2',
      barcodes: codes.split(' ')[1],
    });
    await catalogue.save();
    await expect(catalogue.dialog().getByRole('alert')).toContainText(`Uva a granel ${width}`);
  });
}
