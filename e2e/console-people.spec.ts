import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { ConsolePage } from './console-pages/console-page';

test('people: an administrator creates a branch manager who signs in scoped to a branch, resets a password, disables; cashiers get a PIN', async ({
  page,
  browser,
  serverDb,
}) => {
  const admin = await createAccount(serverDb, 'admin', 'Ada Admin');
  const consolePage = new ConsolePage(page);
  await consolePage.openSignedIn('/people', admin);
  await expect(page.getByRole('heading', { name: 'Personas', level: 1 })).toBeVisible();

  const email = `marta-${Date.now().toString(36)}@ecomarket.test`;
  const managers = page.getByRole('group', { name: 'Encargados y administradores' });
  await managers.getByRole('button', { name: 'Nuevo encargado' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Nombre').fill('Marta Encargada');
  await dialog.getByLabel('Correo electrónico').fill(email);
  await dialog.getByLabel('Contraseña inicial (mínimo 10 caracteres)').fill('clave-de-marta-1');
  await dialog.getByRole('button', { name: 'Crear' }).click();
  await expect(dialog.getByText('Un encargado de sucursal necesita al menos una sucursal.')).toBeVisible();
  await dialog.getByLabel('Sucursal 001').check();
  await consolePage.expectAccessible();
  await dialog.getByRole('button', { name: 'Crear' }).click();
  await expect(managers.getByRole('row').filter({ hasText: 'Marta Encargada' })).toContainText('Sucursal 001');
  await consolePage.expectAccessible();
  await consolePage.screenshot('people');

  await managers.getByRole('button', { name: 'Restablecer la contraseña de Marta Encargada' }).click();
  await dialog.getByLabel('Contraseña nueva (mínimo 10 caracteres)').fill('otra-clave-marta-2');
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Contraseña cambiada')).toBeVisible();

  // Marta signs in with the new password and sees only her branch's people (no managers section).
  const { context: other, page: martaPage } = await ConsolePage.inNewWindow(
    browser,
    { email, password: 'otra-clave-marta-2' },
    '/people',
    {},
  );
  await expect(martaPage.getByRole('heading', { name: 'Personas', level: 1 })).toBeVisible();
  await expect(martaPage.getByRole('group', { name: 'Encargados y administradores' })).toHaveCount(0);
  const cashiers = martaPage.getByRole('group', { name: 'Cajeros' });
  await cashiers.getByRole('button', { name: 'Nuevo cajero' }).click();
  const cashierDialog = martaPage.getByRole('dialog');
  const cashierName = `Cajera ${Date.now().toString(36)}`;
  await cashierDialog.getByLabel('Nombre').fill(cashierName);
  await cashierDialog.getByLabel('PIN (4 a 8 dígitos)').fill('12');
  await cashierDialog.getByRole('button', { name: 'Crear' }).click();
  await expect(cashierDialog.getByText('El PIN tiene de 4 a 8 dígitos.')).toBeVisible();
  await cashierDialog.getByLabel('PIN (4 a 8 dígitos)').fill('2468');
  await cashierDialog.getByRole('button', { name: 'Crear' }).click();
  const row = cashiers.getByRole('row').filter({ hasText: cashierName });
  await expect(row).toContainText('Activa');
  // Other specs' tablets on this branch would ask for a PIN from now on: the cashier leaves again.
  await cashiers.getByRole('button', { name: `Dar de baja a ${cashierName}` }).click();
  await expect(row).toContainText('De baja');
  await other.close();

  await managers.getByRole('button', { name: 'Desactivar a Marta Encargada' }).click();
  await expect(managers.getByRole('row').filter({ hasText: 'Marta Encargada' })).toContainText('Desactivada');
});
