import { expect, test } from './fixtures';
import { setBranchSettings } from './sell-setup';

test('invariant 7: a branch that does not allow overselling blocks the charge with a clear alert; header and footer from the settings print on the receipt; English works', async ({
  pos,
  page,
  serverDb,
}) => {
  await setBranchSettings(serverDb, {
    allowOversell: false,
    receiptHeader: 'EcoMarket Centro\nRFC ECO010101AAA',
    receiptFooter: '¡Gracias por su compra!',
  });
  try {
    await pos.openPaired(serverDb, 'Caja estricta');
    await pos.addButton('Quinoa').click();
    await expect(page.getByRole('alert').filter({ hasText: 'Quinoa' })).toContainText(
      'esta sucursal no permite vender sin existencias',
    );
    await expect(page.getByRole('button', { name: /Cobrar en efectivo/ })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Cobrar con cambio, tarjeta o mixto' })).toBeDisabled();
    await page.getByRole('button', { name: 'Quitar Quinoa' }).click();

    await pos.addButton('Manzanas Orgánicas').click();
    await page.getByRole('button', { name: /Cobrar en efectivo/ }).click();
    await pos.expectPaid();
    await expect(page.getByTestId('receipt')).toContainText('RFC ECO010101AAA');
    await expect(page.getByTestId('receipt')).toContainText('¡Gracias por su compra!');

    await page.getByRole('button', { name: 'Cambiar idioma a inglés' }).click();
    await expect(page.getByText('✓ Paid')).toBeVisible();
    await page.getByRole('button', { name: 'New sale' }).click();
    await page.getByRole('button', { name: 'Add Quinoa to the cart' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Quinoa' })).toContainText(
      'this branch does not allow selling past zero',
    );
    await expect(page.getByTestId('tax-0')).toContainText('Tax exempt (0 %)');
  } finally {
    await setBranchSettings(serverDb, { allowOversell: true, receiptHeader: '', receiptFooter: '' });
  }
});
