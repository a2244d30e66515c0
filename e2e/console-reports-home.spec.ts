import type { Locator, Page } from '@playwright/test';
import { createBranch } from '../server/catalogue/branches-admin';
import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { ConsolePage } from './console-pages/console-page';

/** The home page as a manager reads it. */
class HomePage {
  constructor(readonly page: Page) {}
  heading() {
    return this.page.getByRole('heading', { name: 'Inicio', level: 1 });
  }
  branchRow(name: string): Locator {
    return this.page.getByRole('row', { name });
  }
  /** The big figure of a column of a branch's row (Ventas, Tickets, …). */
  async figure(branch: string, column: number): Promise<string> {
    return (await this.branchRow(branch).getByRole('cell').nth(column).locator('.strong').textContent()) ?? '';
  }
}

test('home: a POS sale shows within 1 s, and "complete through" moves back while a tablet holds sales offline', async ({
  browser,
  pos,
  context,
  serverDb,
}) => {
  const admin = await createAccount(serverDb, 'admin', 'Irene Inicio');
  const consoleContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const managerPage = await consoleContext.newPage();
  const consolePage = new ConsolePage(managerPage);
  const home = new HomePage(managerPage);

  // A branch of its own: "complete through" waits for every tablet of a branch, and other specs leave
  // tablets paired at the demo branch whose last reports age while this one runs.
  const stamp = Date.now().toString(36);
  const branch = `Sucursal Inicio ${stamp}`;
  const branchId = `sucursal-i${stamp}`;
  await createBranch(serverDb.db, {
    id: branchId,
    name: branch,
    receiptPrefix: `I${stamp.slice(-5).toUpperCase()}`,
    currency: 'USD',
  });
  await pos.open();
  await pos.pair(await serverDb.pairingCode(branchId), 'Caja inicio');
  const device = await serverDb.deviceNamed('Caja inicio');
  await pos.waitForOfflineReady();

  await consolePage.openSignedIn('/home', admin);
  await expect(home.heading()).toBeVisible();
  await expect(home.branchRow(branch)).toBeVisible();
  const ticketsBefore = Number(await home.figure(branch, 1));

  // A sale reaches the server: the home page shows it within a second, with no reload.
  await pos.sellOne('Pan Integral');
  await expect.poll(() => serverDb.salesOfDevice(device.id).then((s) => s.length), { intervals: [25] }).toBe(1);
  await expect(home.branchRow(branch).getByRole('cell').nth(1)).toContainText(String(ticketsBefore + 1), {
    timeout: 1000,
  });

  // The tablet loses the network and sells; its report says it holds one sale since its last sync.
  const lastSync = new Date(Date.now() - 5 * 60_000);
  await context.setOffline(true);
  await pos.sellOne('Pan Integral');
  await serverDb.reportStatus(device.id, {
    online: false,
    pendingCount: 1,
    pendingValueCents: 180,
    lastSyncAt: lastSync.toISOString(),
  });
  await managerPage.reload();
  const hhmm = new Intl.DateTimeFormat('es', { timeStyle: 'short', timeZone: 'UTC' }).format(lastSync);
  const row = home.branchRow(branch);
  await expect(row.getByText(`Completo hasta ${hhmm}`)).toBeVisible();
  await expect(row).toContainText('Caja inicio');
  await expect(row).toContainText('1 venta sin enviar');
  await expect(managerPage.getByText(/Caja inicio.*sin conexión con 1 venta sin enviar/)).toBeVisible();
  await consolePage.expectAccessible();
  await consolePage.screenshot('reports-home-incomplete');

  // Back online: the held sale arrives and shows at once; its next report says nothing is pending.
  await context.setOffline(false);
  await expect.poll(() => serverDb.salesOfDevice(device.id).then((s) => s.length), { timeout: 30_000 }).toBe(2);
  await expect(row.getByRole('cell').nth(1)).toContainText(String(ticketsBefore + 2), { timeout: 1000 });
  await serverDb.reportStatus(device.id, {});
  await managerPage.reload();
  await expect(row.getByText('Completo al momento')).toBeVisible();
  await consolePage.screenshot('reports-home');
  await consoleContext.close();
});
