import { expect, test } from './fixtures';
import { BARCODE } from './sell-setup';

for (const [width, height] of [
  [1024, 768],
  [800, 1280],
] as const) {
  test(`issue 13 item 2 at ${width}×${height}: a typed quantity of 2,5, 2.5, abc or 1000000 is refused with its reason and the line stays as it was`, async ({
    pos,
    page,
    serverDb,
  }) => {
    await page.setViewportSize({ width, height });
    await pos.openPaired(serverDb, `Caja cantidades ${width}`);
    await pos.addButton('Pan Integral').click();
    await pos.addButton('Pan Integral').click();
    await expect(pos.cartTotal()).toHaveText('USD 3.60');
    const quantity = page.getByRole('textbox', { name: 'Cantidad de Pan Integral' });
    const cart = page.getByRole('region', { name: 'Carrito' });

    for (const typed of ['2,5', '2.5']) {
      await pos.setQuantity('Pan Integral', typed);
      await expect(cart.getByRole('alert')).toHaveText(
        `Pan Integral se vende por unidades: escriba un número entero, no «${typed}». No se cambió nada.`,
      );
      await expect(pos.cartTotal()).toHaveText('USD 3.60');
    }
    await pos.setQuantity('Pan Integral', 'abc');
    await expect(cart.getByRole('alert')).toHaveText(
      'Cantidad de Pan Integral: «abc» no es un número. Escriba un número entero, p. ej. 3. No se cambió nada.',
    );
    await expect(quantity).toHaveValue('abc');
    await expect(pos.cartTotal()).toHaveText('USD 3.60');

    await pos.setQuantity('Pan Integral', '1000000');
    await expect(cart.getByRole('alert')).toHaveText(
      /^Cantidad de Pan Integral: como máximo 100,000 por línea\. No se cambió nada\.$/,
    );
    await expect(pos.cartTotal()).toHaveText('USD 3.60');
    await expect(cart.getByRole('alert')).toBeInViewport();
    await page.screenshot({ path: `test-results/screens/sell-quantity-refused-${width}x${height}.png` });

    await pos.setQuantity('Pan Integral', '3');
    await expect(cart.getByRole('alert')).toHaveCount(0);
    await expect(quantity).toHaveValue('3');
    await expect(pos.cartTotal()).toHaveText('USD 5.40');

    // A line's own buttons cannot go past the maximum either.
    await pos.setQuantity('Pan Integral', '100000');
    await page.getByRole('button', { name: 'Uno más de Pan Integral' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'como máximo' })).toBeVisible();
    await expect(quantity).toHaveValue('100000');

    // A scan past the maximum leaves the reason on screen: it must not say the product was added.
    await pos.setQuantity('Pan Integral', '99999');
    await expect(quantity).toHaveValue('99999');
    await page.getByRole('heading').first().click();
    await pos.scanWithWedge(BARCODE.pan);
    await expect(quantity).toHaveValue('100000');
    await pos.scanWithWedge(BARCODE.pan);
    await expect(page.getByRole('alert').filter({ hasText: 'como máximo' })).toBeVisible();
    await expect(page.getByText('Añadido: Pan Integral')).toHaveCount(0);
    await expect(quantity).toHaveValue('100000');
  });
}
