import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { ConsolePage } from './console-pages/console-page';

test('branches: an administrator creates a branch with its currency and time zone, then changes its oversell policy', async ({
  page,
  serverDb,
}) => {
  const admin = await createAccount(serverDb, 'admin', 'Beatriz Sucursales');
  const consolePage = new ConsolePage(page);
  await consolePage.open('/branches');
  await consolePage.signIn(admin);
  await expect(page.getByRole('heading', { name: 'Sucursales', level: 1 })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Sucursal 001' })).toBeVisible();

  const tag = Date.now().toString(36);
  await page.getByRole('button', { name: 'Nueva sucursal' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Nombre' }).fill(`Sucursal Sur ${tag}`);
  await dialog.getByLabel('Identificador (p. ej. sucursal-002)').fill(`Sur ${tag}`);
  await dialog.getByRole('button', { name: 'Crear' }).click();
  await expect(dialog.getByText('De 2 a 63 minúsculas, números y guiones')).toBeVisible();
  await dialog.getByLabel('Identificador (p. ej. sucursal-002)').fill(`sur-${tag}`);
  await dialog.getByLabel('Prefijo de los tickets (p. ej. 002)').fill(`S${tag.slice(-4).toUpperCase()}`);
  await dialog.getByLabel('Moneda (código de 3 letras, p. ej. MXN)').fill('MXN');
  await dialog.getByLabel('Zona horaria').selectOption('America/Monterrey');
  await dialog.getByRole('checkbox', { name: 'Precio' }).check();
  await consolePage.expectAccessible();
  await consolePage.screenshot('branch-new');
  await dialog.getByRole('button', { name: 'Crear' }).click();
  const row = page.getByRole('row').filter({ hasText: `Sucursal Sur ${tag}` });
  await expect(row).toContainText('America/Monterrey');
  await expect(row).toContainText('MXN');
  await expect(row).toContainText('Precio');
  await expect(row).toContainText('Sí');

  await page.getByRole('button', { name: `Editar Sucursal Sur ${tag}` }).click();
  await dialog.getByLabel('Permitir vender sin existencias (cada caso abre una conciliación)').uncheck();
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(row).toContainText('No');
  await consolePage.expectAccessible();
  await consolePage.screenshot('branches');
});
