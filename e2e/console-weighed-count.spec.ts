import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { ConsolePage } from './console-pages/console-page';

test('issue 13: a count sheet shows a weighed product in kilograms and takes its weight with a decimal comma', async ({
  page,
  serverDb,
}) => {
  test.setTimeout(120_000);
  const admin = await createAccount(serverDb, 'admin', 'Pesa Recuento');
  const sku = 'LENTEJA-KG-COUNT';
  await serverDb.weighedProduct({ sku, name: 'Lenteja a granel', category: 'Granel e2e', priceCents: 400 });
  const consolePage = new ConsolePage(page);
  await consolePage.open('/counts');
  await consolePage.signIn(admin);
  await page.getByLabel('Ubicación', { exact: true }).first().selectOption({ label: 'Almacén central' });
  await page.getByLabel('Qué contar').selectOption({ label: 'Granel e2e' });
  await page.getByLabel('Nota').fill('e2e granel');
  await page.getByRole('button', { name: 'Empezar recuento' }).click();
  const field = page.getByLabel('Contado de Lenteja a granel');
  // More decimals than the product has: refused, nothing saved.
  await field.fill('2,5005');
  await field.press('Enter');
  await expect(page.getByText('con 3 decimales como máximo').first()).toBeVisible();
  await field.fill('2,5');
  await field.press('Enter');
  await expect(field).toHaveValue('2,500');
  const row = page.getByRole('row').filter({ hasText: 'Lenteja a granel' });
  await expect(row).toContainText('+2,500 kg');
  // Valued at 4,00 a kilogram: 10,00, not 10.000,00.
  await expect(row).toContainText('10,00');
  await expect(row).not.toContainText('10.000');
  // The report's units difference is of products sold by the piece: 2,5 kg are not 2500 units; the money says it.
  const report = page.getByRole('group', { name: 'Informe de diferencias' });
  const figure = (term: string) =>
    report
      .locator('div')
      .filter({ has: page.getByRole('term').filter({ hasText: term }) })
      .getByRole('definition');
  await expect(figure('Diferencia en unidades (productos por pieza)')).toHaveText('0');
  await expect(figure('Diferencia en dinero')).toContainText('10,00');
  await consolePage.screenshot('count-report-weighed');
});
