import { issueSetupCode } from '../server/auth/first-run-setup';
import { expect, test } from './fixtures';
import { ConsolePage } from './console-pages/console-page';

test('first run: the setup code creates the first administrator, who is signed in', async ({ page, serverDb }) => {
  // The specs share one server database: stand the other specs' administrators aside, as on a fresh install.
  const active = await serverDb.db
    .selectFrom('managers')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .execute();
  const ids = active.map((a) => a.id);
  if (ids.length)
    await serverDb.db
      .updateTable('managers')
      .set({ disabled_at: new Date().toISOString() })
      .where('id', 'in', ids)
      .execute();
  try {
    const { code } = await issueSetupCode(serverDb.db);
    const consolePage = new ConsolePage(page);
    await consolePage.open();
    await expect(page.getByText('Esta consola aún no tiene administrador.')).toBeVisible();
    await page.getByRole('link', { name: 'Crear el primer administrador con el código de instalación' }).click();
    await expect(page.getByRole('heading', { name: 'Crear el primer administrador' })).toBeVisible();
    await consolePage.expectAccessible();

    const email = `primera-${Date.now()}@ecomarket.test`;
    await page.getByLabel('Código de instalación').fill('ABCD-EFGH-JKMN');
    await page.getByLabel('Nombre').fill('Paula Primera');
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Contraseña (mínimo 10 caracteres)').fill('una-clave-larga-1');
    await page.getByLabel('Repita la contraseña').fill('otra-clave-larga-2');
    await page.getByRole('button', { name: 'Crear administrador' }).click();
    await expect(page.getByText('Las dos contraseñas no coinciden.')).toBeVisible();
    await consolePage.screenshot('setup-mismatch');

    await page.getByLabel('Repita la contraseña').fill('una-clave-larga-1');
    await page.getByRole('button', { name: 'Crear administrador' }).click();
    await expect(page.getByRole('alert')).toContainText('El código no es correcto');

    await page.getByLabel('Código de instalación').fill(code);
    await page.getByRole('button', { name: 'Crear administrador' }).click();
    await expect(page.getByRole('heading', { name: 'Inicio', level: 1 })).toBeVisible();
    await expect(page.getByText('Paula Primera · Administración')).toBeVisible();

    // The code worked once: with an administrator the console offers sign-in only.
    await consolePage.signOut();
    await expect(page.getByText('Esta consola aún no tiene administrador.')).toBeHidden();
    await consolePage.signIn({ email, password: 'una-clave-larga-1' });
    await expect(page.getByRole('heading', { name: 'Inicio', level: 1 })).toBeVisible();
  } finally {
    if (ids.length)
      await serverDb.db.updateTable('managers').set({ disabled_at: null }).where('id', 'in', ids).execute();
  }
});
