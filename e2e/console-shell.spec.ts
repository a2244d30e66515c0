import { expect, test } from './fixtures';
import { createAccount, expireSessions } from './console-pages/console-accounts';
import { ConsolePage } from './console-pages/console-page';
import { FleetPage } from './console-pages/fleet-page';

test('a manager signs in, lands on the home page, finds the fleet board in the navigation, and signs out', async ({
  page,
  serverDb,
}) => {
  const admin = await createAccount(serverDb, 'admin', 'Ana Administradora');
  const consolePage = new ConsolePage(page);
  await consolePage.open();
  await expect(consolePage.signInHeading()).toBeVisible();
  await consolePage.expectAccessible();

  await consolePage.signIn({ email: admin.email, password: 'not-the-password' });
  await expect(page.getByRole('alert')).toContainText('El correo o la contraseña no son correctos');

  await consolePage.signIn(admin);
  await expect(page.getByRole('heading', { name: 'Inicio', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/console\/home$/);
  await expect(page.getByText('Ana Administradora · Administración')).toBeVisible();
  await consolePage.goTo('Tabletas');
  const fleet = new FleetPage(page);
  await expect(fleet.heading()).toBeVisible();
  await expect(page).toHaveURL(/\/console\/fleet$/);
  await consolePage.expectAccessible();

  await consolePage.signOut();
  // Signed out for real: the page asked for goes back to sign-in.
  await consolePage.open('/fleet');
  await expect(consolePage.signInHeading()).toBeVisible();
  await expect(page).toHaveURL(/\/console\/sign-in\?next=%2Ffleet$/);
});

test('an expired session goes back to sign-in and returns to the page asked for', async ({ page, serverDb }) => {
  const admin = await createAccount(serverDb, 'admin', 'Eva Expira');
  const consolePage = new ConsolePage(page);
  await consolePage.open('/fleet');
  await expect(page).toHaveURL(/sign-in\?next=%2Ffleet/);
  await consolePage.signIn(admin);
  const fleet = new FleetPage(page);
  await expect(fleet.heading()).toBeVisible();

  await expireSessions(serverDb, admin.id);
  // The live stream asks at every heartbeat (15 s) whether the session still holds, and its refused
  // reconnect sends the manager to sign-in without waiting for a click.
  await expect(page.getByText('Su sesión terminó')).toBeVisible({ timeout: 25_000 });
  await expect(page).toHaveURL(/\/console\/sign-in\?next=%2Ffleet/);

  await consolePage.signIn(admin);
  await expect(fleet.heading()).toBeVisible();
  await expect(page).toHaveURL(/\/console\/fleet$/);
});

test('the console speaks English when asked and keeps it', async ({ page, serverDb }) => {
  const admin = await createAccount(serverDb, 'admin', 'Lena Language');
  const consolePage = new ConsolePage(page);
  await consolePage.openSignedIn('/fleet', admin);
  await page.getByRole('button', { name: /cambiar el idioma a inglés/ }).click();
  await expect(page.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: /switch the language to Spanish/ }).click();
  await expect(page.getByRole('heading', { name: 'Tabletas', level: 1 })).toBeVisible();
});
