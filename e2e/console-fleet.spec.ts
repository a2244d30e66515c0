import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { ConsolePage } from './console-pages/console-page';
import { FleetPage } from './console-pages/fleet-page';

test('a manager pairs a tablet from the console, renames it, and sees what unpairing would lose', async ({
  browser,
  pos,
  serverDb,
}) => {
  const admin = await createAccount(serverDb, 'admin', 'Flor Flota');
  const {
    context: consoleContext,
    page: managerPage,
    consolePage,
  } = await ConsolePage.inNewWindow(browser, admin, '/fleet');
  const fleet = new FleetPage(managerPage);
  await expect(fleet.heading()).toBeVisible();

  const { code, url } = await fleet.createPairingCode();
  expect(new URL(url).pathname).toBe('/pos');
  expect(new URL(url).searchParams.get('pairingCode')).toBe(code);
  await consolePage.expectAccessible();
  await consolePage.screenshot('fleet-pairing');

  // The tablet opens the QR code's address: the code is filled in, the cashier only names the tablet.
  await pos.page.goto(url);
  await expect(pos.page.getByLabel('Código de vinculación')).toHaveValue(code);
  await pos.page.getByLabel('Nombre de esta tableta').fill('Caja consola');
  await pos.page.getByRole('button', { name: 'Vincular' }).click();
  await expect(pos.page.getByRole('button', { name: /Añadir Pan Integral/ })).toBeVisible();
  expect(new URL(pos.page.url()).searchParams.has('pairingCode')).toBe(false);
  await fleet.closeDialog();
  const row = fleet.row('Caja consola');
  await expect(row).toBeVisible();

  await fleet.rename('Caja consola', 'Caja mostrador');
  await expect(fleet.row('Caja mostrador')).toBeVisible();

  // The tablet reports sales it could not send yet: unpairing warns with their number and value.
  const device = await serverDb.deviceNamed('Caja mostrador');
  await serverDb.reportStatus(device.id, {
    online: false,
    breaker: 'open',
    pendingCount: 3,
    pendingValueCents: 4550,
    lastSyncAt: new Date(Date.now() - 60 * 60_000).toISOString(),
  });
  await managerPage.reload();
  await expect(fleet.row('Caja mostrador')).toContainText('Dejó de intentar enviar');
  await fleet.revokeButton('Caja mostrador').click();
  await expect(fleet.dialog().getByRole('alert')).toContainText('3 ventas sin enviar por');
  await expect(fleet.dialog().getByRole('alert')).toContainText('45,50 US$');
  await consolePage.expectAccessible();
  await consolePage.screenshot('fleet-revoke');
  await fleet.dialog().getByRole('button', { name: 'Desvincular de todos modos' }).click();
  await expect(managerPage.getByRole('status').filter({ hasText: 'quedó desvinculada' })).toBeVisible();
  await expect(fleet.row('Caja mostrador')).toBeHidden();
  await consolePage.screenshot('fleet');
  await consoleContext.close();
});

test('a branch manager sees only their branches on the fleet board', async ({ browser, serverDb }) => {
  const manager = await createAccount(serverDb, 'branch_manager', 'Berta Sucursal', ['sucursal-001']);
  const { context, page } = await ConsolePage.inNewWindow(browser, manager, '/fleet', {});
  await expect(new FleetPage(page).heading()).toBeVisible();
  await expect(page.getByText('Berta Sucursal · Encargado de sucursal')).toBeVisible();
  // The server refuses another branch's devices, whatever the URL says.
  const other = await page.request.get('/api/console/fleet?branchId=sucursal-999');
  expect(other.status()).toBe(403);
  await context.close();
});
