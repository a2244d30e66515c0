import { createBranch } from '../server/catalogue/branches-admin';
import { createProduct, productCreateSchema } from '../server/catalogue/console-products';
import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { ConsolePage } from './console-pages/console-page';
import { ReconciliationPage } from './console-pages/reconciliation-page';

test('a POS oversell shows in the console within 1 s; the manager assigns and resolves it with a correction', async ({
  browser,
  pos,
  serverDb,
}) => {
  const admin = await createAccount(serverDb, 'admin', 'Rita Revisa');
  const {
    context: consoleContext,
    page: managerPage,
    consolePage,
  } = await ConsolePage.inNewWindow(browser, admin, '/reconciliation');
  const queue = new ReconciliationPage(managerPage);
  await expect(queue.heading()).toBeVisible();
  await queue.filter('Tipo', 'Venta sin existencias');

  // A product of its own, never stocked anywhere: other specs may have sold or stocked the demo ones.
  const name = `Amaranto ${Date.now().toString(36)}`;
  await createProduct(
    serverDb.db,
    productCreateSchema.parse({ sku: `QR-${Date.now()}`, name, priceCents: 450 }),
    'e2e',
  );
  await pos.openPaired(serverDb, 'Caja conciliación');
  const device = await serverDb.deviceNamed('Caja conciliación');
  // It has no stock at the branch: the sale goes through offline-first and oversells.
  const receipt = await pos.sellOne(name);
  await expect
    .poll(async () => (await serverDb.salesOfDevice(device.id)).length, { intervals: [25], timeout: 15_000 })
    .toBe(1);
  // From the moment the server holds the sale, the console has one second to show it (no reload, no click).
  await expect(queue.row(receipt)).toBeVisible({ timeout: 1_000 });
  await consolePage.expectAccessible();
  await consolePage.screenshot('reconciliation');

  await queue.openItem(receipt);
  await queue.assignToMe();
  await expect(managerPage.getByText(/^Asignado a Rita Revisa \d/)).toBeVisible();
  await queue.resolve('x');
  await expect(managerPage.getByText('Escriba qué se hizo para resolverlo')).toBeVisible();
  await queue.resolve('Llegó mercancía sin registrar; se contó y se ajusta.', 1);
  await expect(managerPage.getByText(/^Resuelto por Rita Revisa/)).toBeVisible();
  await expect(queue.history()).toContainText('Asignado a Rita Revisa por Rita Revisa');
  await expect(queue.history()).toContainText('Resuelto por Rita Revisa: Llegó mercancía sin registrar');
  await expect(queue.history()).toContainText('Ajuste de existencias de +1 por Rita Revisa');
  await consolePage.expectAccessible();
  await consolePage.screenshot('reconciliation-item');
  await consoleContext.close();
});

test('a branch manager cannot see another branch’s reconciliation items', async ({ browser, serverDb }) => {
  const branchId = `sucursal-r${Date.now().toString(36)}`;
  await createBranch(serverDb.db, {
    id: branchId,
    name: 'Sucursal Norte',
    receiptPrefix: `R${Date.now().toString(36).slice(-5).toUpperCase()}`,
    currency: 'USD',
  });
  const other = await createAccount(serverDb, 'branch_manager', 'Nora Norte', [branchId]);
  const { context, page } = await ConsolePage.inNewWindow(browser, other, '/reconciliation', {});
  const queue = new ReconciliationPage(page);
  await expect(queue.heading()).toBeVisible();
  await queue.filter('Estado', 'Todos');
  await expect(page.getByText('No hay nada que conciliar con estos filtros.')).toBeVisible();
  // Asking for the other branch outright is refused by the server.
  const refused = await page.request.get('/api/console/reconciliation?branchId=sucursal-001');
  expect(refused.status()).toBe(403);
  await context.close();
});
