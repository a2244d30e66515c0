import { productCreateSchema, createProduct } from '../server/catalogue/console-products';
import { ean13CheckDigit } from '../shared/sale/scale-label';
import { expect, test } from './fixtures';
import type { ServerDb } from './server-db';

/** A product sold by the kilogram with 3 decimals (grams), made at the centre as a manager would. */
async function weighedProduct(serverDb: ServerDb, sku: string, name: string, priceCents: number, barcode: string) {
  const found = await serverDb.db.selectFrom('products').select('id').where('sku', '=', sku).executeTakeFirst();
  if (found) return;
  const input = productCreateSchema.parse({
    sku,
    name,
    priceCents,
    unit: 'kg',
    quantityDecimals: 3,
    barcodes: [barcode],
  });
  await createProduct(serverDb.db, input, 'e2e');
}

/** An EAN-13 scale label of the default layout: prefix, 5-digit item code, 5-digit value, check digit. */
const label = (prefix: string, item: string, value: string) =>
  `${prefix}${item}${value}${ean13CheckDigit(`${prefix}${item}${value}`)}`;

for (const [width, height] of [
  [1024, 768],
  [800, 1280],
] as const) {
  test(`issue 13 grocery item 1 at ${width}×${height}: loose produce sold by a typed weight (2,5 and 2.5) and by a scale label through the wedge; the server's ledger moves by the exact grams`, async ({
    pos,
    page,
    serverDb,
  }) => {
    const apples = `Manzana a granel ${width}`;
    const pears = `Pera a granel ${width}`;
    const pearItem = width === 1024 ? '00456' : '00457';
    await weighedProduct(serverDb, `MANZ-KG-${width}`, apples, 320, `20${width === 1024 ? '00123' : '00124'}000000`);
    await weighedProduct(serverDb, `PERA-KG-${width}`, pears, 290, label('20', pearItem, '00000'));
    await page.setViewportSize({ width, height });
    await pos.openPaired(serverDb, `Caja báscula ${width}`);

    // The grid shows a weighed product's stock in kilograms, never as raw grams.
    await expect(page.getByTestId(`stock-MANZ-KG-${width}`)).toHaveText(/^Existencias: -?\d+\.\d{3} kg$/);
    await pos.addButton(apples).click();
    const weight = page.getByRole('textbox', { name: `Peso de ${apples} en kg` });
    await expect(weight).toHaveValue('1.000');
    await expect(pos.cartTotal()).toHaveText('USD 3.20');
    for (const typed of ['2,5', '2.5']) {
      await weight.fill(typed);
      await weight.press('Enter');
      await expect(weight).toHaveValue('2.500');
      await expect(pos.cartTotal()).toHaveText('USD 8.00');
    }
    await expect(page.getByText('× USD 3.20/kg')).toBeVisible();
    // More decimals than the product has is refused, never rounded.
    await weight.fill('2,5004');
    await weight.press('Enter');
    await expect(page.getByRole('region', { name: 'Carrito' }).getByRole('alert')).toContainText('3 decimales');
    await expect(pos.cartTotal()).toHaveText('USD 8.00');
    await weight.fill('2,5');
    await weight.press('Enter');

    // 1,250 kg of pears at 2,90/kg on the scale's label: 3,625 rounds half up to 3,63.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await pos.scanWithWedge(label('20', pearItem, '01250'));
    await expect(page.getByRole('textbox', { name: `Peso de ${pears} en kg` })).toHaveValue('1.250');
    await expect(pos.cartTotal()).toHaveText('USD 11.63');
    // A label of an item the catalogue does not have says so and adds nothing.
    await pos.scanWithWedge(label('21', '99999', '01000'));
    await expect(page.getByRole('alert').filter({ hasText: 'artículo 99999' })).toBeVisible();
    await expect(pos.cartTotal()).toHaveText('USD 11.63');
    await page.screenshot({ path: `test-results/screens/sell-weighed-${width}x${height}.png` });

    await page.getByRole('button', { name: /Cobrar en efectivo/ }).click();
    await expect(page.getByText('Pagado')).toBeVisible();
    await expect(page.getByText('2.500 kg × USD 3.20/kg')).toBeVisible();
    await page.screenshot({ path: `test-results/screens/sell-weighed-receipt-${width}x${height}.png` });
    await expect.poll(() => serverDb.branchStock(`MANZ-KG-${width}`), { timeout: 30_000 }).toBe(-2500);
    expect(await serverDb.branchStock(`PERA-KG-${width}`)).toBe(-1250);
  });
}
