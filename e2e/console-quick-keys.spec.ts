import { saveQuickKeys } from '../server/catalogue/quick-keys';
import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { ConsolePage } from './console-pages/console-page';
import { DevicePosPage } from './pos-page';
import { shootTablet } from './pos-screens';

test('issue 13 item 7: quick keys picked, ordered and labelled in the console reach a paired tablet live and sell', async ({
  page,
  context,
  browser,
  serverDb,
}) => {
  test.setTimeout(180_000);
  const admin = await createAccount(serverDb, 'admin', 'Fabiola Favoritos');
  await page.setViewportSize({ width: 1024, height: 768 });
  const { pos, device } = await DevicePosPage.paired(page, context, serverDb, 'Caja favoritos');
  const consoleContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const managerPage = await consoleContext.newPage();
    const consolePage = new ConsolePage(managerPage);
    await consolePage.openSignedIn('/home', admin);
    await consolePage.goTo('Teclas rápidas');
    await expect(managerPage.getByRole('heading', { name: 'Teclas rápidas', level: 1 })).toBeVisible();
    const search = managerPage.getByRole('searchbox', { name: 'Buscar producto para añadir' });
    await search.fill('Pan Integral');
    await managerPage.getByRole('button', { name: 'Añadir Pan Integral' }).click();
    await search.fill('Manzanas');
    await managerPage.getByRole('button', { name: 'Añadir Manzanas Orgánicas' }).click();
    await managerPage.getByLabel('Etiqueta corta de Manzanas Orgánicas').fill('Manzana');
    await managerPage.getByRole('button', { name: 'Subir Manzanas Orgánicas' }).click();
    const keys = managerPage.getByRole('list', { name: 'Página de teclas rápidas' }).getByRole('listitem');
    await expect(keys.first()).toContainText('Manzanas Orgánicas');
    await managerPage.getByRole('button', { name: 'Guardar teclas rápidas' }).click();
    await expect(managerPage.getByRole('status')).toContainText('Teclas rápidas de Sucursal 001 guardadas');
    await consolePage.expectAccessible();
    await consolePage.screenshot('quick-keys');

    // The tablet pulls the page with its branch's settings, without a reload.
    const favourites = page.getByRole('list', { name: 'Favoritos' });
    await expect(favourites.getByRole('button').first()).toContainText('Manzana', { timeout: 15_000 });
    await expect(favourites.getByRole('button').nth(1)).toContainText('Pan Integral');
    await expect(page.getByRole('button', { name: '★ Favoritos' })).toHaveAttribute('aria-pressed', 'true');
    await shootTablet(page, 'quick-keys-pos');
    const receipt = await pos.sellOne('Manzanas Orgánicas');
    await expect
      .poll(async () => (await serverDb.salesOfDevice(device.id)).map((s) => s.receipt_number), { timeout: 30_000 })
      .toEqual([receipt]);
    const [sale] = await serverDb.salesOfDevice(device.id);
    expect(JSON.parse(sale!.body).lines.map((l: { name: string }) => l.name)).toEqual(['Manzanas Orgánicas']);
    // Typing a search shows the catalogue's results; the favourites come back with the chip.
    await pos.search().fill('Leche');
    await expect(pos.addButton('Leche Deslactosada')).toBeVisible();
    await expect(favourites).toBeHidden();
  } finally {
    await saveQuickKeys(serverDb.db, 'sucursal-001', { keys: [] });
    await consoleContext.close();
  }
});
