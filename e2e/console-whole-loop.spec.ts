import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createAccount, type ConsoleAccount } from './console-pages/console-accounts';
import { CataloguePage } from './console-pages/catalogue-page';
import { ConsolePage } from './console-pages/console-page';
import { ReconciliationPage } from './console-pages/reconciliation-page';

/** The next whole minute in a time zone at least `leadMs` from now, as the console's date-time field takes it. */
function nextMinuteIn(timeZone: string, leadMs: number): { local: string; at: number } {
  const at = Math.ceil((Date.now() + leadMs) / 60_000) * 60_000;
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date(at))
    .replace(' ', 'T');
  return { local, at };
}

/** Another console tab of the same manager, signed in already (the session cookie is shared). */
async function consoleTab(consoleContext: BrowserContext, path: string): Promise<Page> {
  const tab = await consoleContext.newPage();
  await tab.goto(`/console${path}`);
  return tab;
}

test('the whole loop: a product and a scheduled price made in the console, sold offline at the old price after the change, shows live in the console as a sale, lower stock and one price-mismatch item that the manager resolves', async ({
  browser,
  pos,
  page,
  context,
  serverDb,
}) => {
  // Waits for a price change to take effect: the console schedules to the minute.
  test.setTimeout(300_000);
  const admin: ConsoleAccount = await createAccount(serverDb, 'admin', 'Lola Lazo');
  const tag = Date.now().toString(36).toUpperCase();
  const name = `Kombucha ${tag}`;

  await pos.openPaired(serverDb, 'Caja circuito');
  const device = await serverDb.deviceNamed('Caja circuito');
  await pos.waitForOfflineReady();

  // The manager creates the product and schedules a lower price.
  const {
    context: consoleContext,
    page: managerPage,
    consolePage,
  } = await ConsolePage.inNewWindow(browser, admin, '/catalogue');
  const catalogue = new CataloguePage(managerPage);
  await expect(catalogue.heading()).toBeVisible();
  await catalogue.createProduct({ name, sku: `KOM-${tag}`, category: 'Bebidas', price: '3.00' });
  await catalogue.search(tag);
  await managerPage.getByRole('link', { name }).click();
  await expect(managerPage.getByRole('heading', { name, level: 1 })).toBeVisible();
  const whenField = managerPage.getByLabel(/^Entra en vigor/);
  const whenLabel = await whenField.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? '');
  const zone = /fecha y hora de (.+)\)$/.exec(whenLabel)![1]!;
  const effective = nextMinuteIn(zone, 45_000);
  await managerPage.getByLabel(/^Precio nuevo/).fill('2.50');
  await whenField.fill(effective.local);
  await managerPage.getByRole('button', { name: 'Programar' }).click();
  await expect(managerPage.getByRole('listitem').filter({ hasText: 'Pendiente' })).toContainText('→ 2,50');

  // Ten units arrive at the branch (found in the back room), booked through the ledger.
  const stockTab = await consoleTab(consoleContext, '/stock');
  const matrix = stockTab.getByRole('region', { name: 'Existencias por ubicación' });
  await stockTab.getByLabel('Buscar producto').fill(tag);
  await matrix.getByRole('link', { name: `Movimientos de ${name} en Sucursal 001` }).click();
  await stockTab.getByLabel('Motivo').selectOption({ label: 'Encontrado' });
  await stockTab.getByLabel('Unidades (+ suma, − resta)').fill('10');
  await stockTab.getByLabel('Nota').fill('Caja en la trastienda');
  await stockTab.getByRole('button', { name: 'Registrar ajuste' }).click();
  await expect(stockTab.getByText('Ajuste registrado: ahora hay 10.')).toBeVisible();

  // The tablet has the product at the old price and its stock, then loses the network.
  await pos.search().fill(name);
  await expect(pos.addButton(name)).toBeVisible();
  const sku = `KOM-${tag}`;
  await expect(pos.stockOf(sku)).toHaveText('Existencias: 10');
  await context.setOffline(true);
  await expect(pos.connection()).toHaveText('Sin conexión');

  // Console tabs open on what must change: home, the stock matrix, the reconciliation queue.
  await stockTab.goto('/console/stock');
  await stockTab.getByLabel('Buscar producto').fill(tag);
  const branchCell = matrix.getByRole('link', { name: `Movimientos de ${name} en Sucursal 001` });
  await expect(branchCell).toHaveText('10');
  const homeTab = await consoleTab(consoleContext, '/home');
  const homeRow = homeTab.getByRole('row', { name: 'Sucursal 001' });
  await expect(homeRow).toBeVisible();
  const ticketsBefore = Number(await homeRow.getByRole('cell').nth(1).locator('.strong').textContent());
  const queueTab = await consoleTab(consoleContext, '/reconciliation');
  const queue = new ReconciliationPage(queueTab);
  await expect(queue.heading()).toBeVisible();
  await queue.filter('Tipo', 'Precio distinto');

  // The change takes effect on the server; the offline tablet still charges 3.00.
  await expect
    .poll(
      async () =>
        (await serverDb.db.selectFrom('products').select('price_cents').where('sku', '=', sku).executeTakeFirst())
          ?.price_cents,
      { timeout: Math.max(30_000, effective.at - Date.now() + 30_000), intervals: [1_000] },
    )
    .toBe(250);
  await pos.addButton(name).click();
  await expect(pos.cartTotal()).toContainText('3.00');
  await page.getByRole('button', { name: /Cobrar en efectivo/ }).click();
  const receipt = await pos.expectPaid();
  await pos.newSale();
  await expect(pos.pending()).toContainText('Por enviar: 1');

  // Back online: from the moment the server holds the sale, each console tab has one second.
  await context.setOffline(false);
  await expect
    .poll(async () => (await serverDb.salesOfDevice(device.id)).length, { intervals: [25], timeout: 30_000 })
    .toBe(1);
  await Promise.all([
    expect(homeRow.getByRole('cell').nth(1)).toContainText(String(ticketsBefore + 1), { timeout: 1_000 }),
    expect(branchCell).toHaveText('9', { timeout: 1_000 }),
    expect(queue.row(receipt)).toHaveCount(1, { timeout: 1_000 }),
  ]);
  await expect(queue.row(receipt)).toContainText(`${name} en el ticket ${receipt}`);

  // Resolving it records who and why, in the item's history.
  await queue.openItem(receipt);
  await queue.resolve('Se cobró el precio anterior; se avisa a la tienda del cambio.');
  await expect(queueTab.getByText(/^Resuelto por Lola Lazo/)).toBeVisible();
  await expect(queue.history()).toContainText(
    'Resuelto por Lola Lazo: Se cobró el precio anterior; se avisa a la tienda del cambio.',
  );
  const consoleQueue = new ConsolePage(queueTab);
  await consoleQueue.expectAccessible();
  await consoleQueue.screenshot('whole-loop-item');

  // The price rollout names the sale made at the old price after the change.
  await managerPage.getByRole('button', { name: /^Ver despliegue del cambio a 2,50/ }).click();
  await expect(catalogue.dialog()).toContainText(`Ticket ${receipt}`);
  await consolePage.screenshot('whole-loop-rollout');
  await consoleContext.close();
});
