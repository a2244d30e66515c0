import { expect, test } from './fixtures';
import { MAX_GAP_MS } from '../client/pos/sell/wedge-bursts';
import { BARCODE } from './sell-setup';

test('find by name without accents, SKU and category; a wedge scan adds the item from anywhere; an unknown barcode adds nothing and says so', async ({
  pos,
  page,
  serverDb,
}) => {
  await pos.openPaired(serverDb, 'Caja buscar');

  // Accent- and case-insensitive name search.
  await pos.search().fill('CAFE');
  await expect(pos.addButton('Café Premium')).toBeVisible();
  await expect(pos.addButton('Pan Integral')).toHaveCount(0);
  await pos.search().fill('eco-0003');
  await expect(pos.addButton('Leche Deslactosada')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Añadir/ })).toHaveCount(1);
  await pos.search().fill('');

  // Browse a category.
  await page.getByRole('button', { name: 'Categoría Panadería' }).click();
  await expect(page.getByRole('button', { name: /^Añadir/ })).toHaveCount(1);
  await expect(pos.addButton('Pan Integral')).toBeVisible();
  await page.getByRole('button', { name: 'Todas' }).click();
  // Every product of the catalogue again (specs run before this one may have added some).
  const catalogue = await serverDb.db
    .selectFrom('products')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted', '=', 0)
    .executeTakeFirstOrThrow();
  await expect(page.getByRole('button', { name: /^Añadir/ })).toHaveCount(Number(catalogue.n));

  // Wedge scanner with nothing focused: the item goes into the cart.
  await page.locator('body').click({ position: { x: 5, y: 790 } });
  await pos.scanWithWedge(BARCODE.pan);
  await expect(pos.cartTotal()).toHaveText('USD 1.80');
  // With the cursor in the search field: the scan is taken out of the field and added too.
  await pos.search().click();
  await pos.scanWithWedge(BARCODE.pan);
  await expect(pos.cartTotal()).toHaveText('USD 3.60');
  await expect(pos.search()).toHaveValue('');
  // Slow typing stays typing.
  await pos.search().pressSequentially('pan', { delay: 90 });
  await expect(pos.search()).toHaveValue('pan');
  await pos.search().fill('');
  // The scan comes after a pause, as at a till. Keys less than MAX_GAP_MS apart are one burst, and
  // Playwright's keys are a round trip each (20–30 ms under load, a real scanner's 5–10 ms): typed
  // at once, the scan's pace was too slow for "pan" to be told apart as a person's keys.
  await page.waitForTimeout(MAX_GAP_MS + 50);

  // An unknown code: a clear alert, nothing added.
  await pos.scanWithWedge('7509999999999');
  await expect(page.getByRole('alert')).toContainText('El código 7509999999999 no corresponde a ningún producto');
  await expect(pos.cartTotal()).toHaveText('USD 3.60');

  // No BarcodeDetector in this Chromium (Linux): the camera button is not offered.
  const hasDetector = await page.evaluate(() => 'BarcodeDetector' in globalThis);
  await expect(page.getByRole('button', { name: 'Escanear con la cámara' })).toHaveCount(hasDetector ? 1 : 0);

  await pos.scanWithWedge(BARCODE.cafe);
  await expect(page.getByRole('note').filter({ hasText: 'Café Premium' })).toContainText(
    'Café Premium quedará con existencias negativas',
  );
  await page.screenshot({ path: test.info().outputPath('sell-landscape.png') });
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.screenshot({ path: test.info().outputPath('sell-portrait.png') });
  // Touch targets: every button on the selling screen is at least 44 px high.
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('button')]
      .filter((b) => b.offsetParent && b.getBoundingClientRect().height < 44)
      .map((b) => b.getAttribute('aria-label') ?? b.textContent),
  );
  expect(small).toEqual([]);
});
