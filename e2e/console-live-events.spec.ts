import type { Browser } from '@playwright/test';
import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { CataloguePage } from './console-pages/catalogue-page';
import { ConsolePage } from './console-pages/console-page';
import type { ServerDb } from './server-db';

/** An administrator's console window with a new product of their making open: its name, tag and the window. */
async function newProductOpen(browser: Browser, serverDb: ServerDb, admin: string, product: string, price: string) {
  const account = await createAccount(serverDb, 'admin', admin);
  const { context, page: editor } = await ConsolePage.inNewWindow(browser, account, '/catalogue');
  const catalogue = new CataloguePage(editor);
  await expect(catalogue.heading()).toBeVisible();
  const tag = Date.now().toString(36).toUpperCase();
  const name = `${product} ${tag}`;
  await catalogue.createProduct({ name, sku: `${product.toUpperCase()}-${tag}`, category: 'Despensa', price });
  await catalogue.search(tag);
  await editor.getByRole('link', { name }).click();
  await expect(editor.getByRole('heading', { name, level: 1 })).toBeVisible();
  return { context, editor, name, tag };
}

test('a scheduled price and a reorder rule saved in one console tab show in another within 1 s, with no reload', async ({
  browser,
  serverDb,
}) => {
  const { context, editor, name, tag } = await newProductOpen(browser, serverDb, 'Vera Vivo', 'Miel', '8.00');

  // A second tab (another manager's screen) on the catalogue list.
  const watcher = await context.newPage();
  await watcher.goto('/console/catalogue');
  const list = new CataloguePage(watcher);
  await list.search(tag);
  await expect(list.row(name)).toBeVisible();
  await expect(list.row(name)).not.toContainText('Cambia a');

  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await editor.getByLabel(/^Precio nuevo/).fill('7.25');
  await editor.getByLabel(/^Entra en vigor/).fill(`${tomorrow}T09:00`);
  await editor.getByRole('button', { name: 'Programar' }).click();
  await expect(editor.getByRole('listitem').filter({ hasText: 'Pendiente' })).toContainText('7,25');
  await expect(list.row(name)).toContainText('Cambia a 7,25', { timeout: 1_000 });

  // The watcher opens the product; the editor changes its reorder rule.
  await watcher.getByRole('link', { name }).click();
  await expect(watcher.getByLabel('Mínimo (por debajo: existencias bajas)')).toHaveValue('');
  await editor.getByLabel('Mínimo (por debajo: existencias bajas)').fill('6');
  await editor.getByLabel('Máximo (reponer hasta)').fill('24');
  const saved = editor.waitForResponse((r) => r.url().endsWith('/stock-rule') && r.status() === 200);
  await editor.getByRole('button', { name: 'Guardar reposición' }).click();
  await saved;
  await expect(watcher.getByLabel('Mínimo (por debajo: existencias bajas)')).toHaveValue('6', { timeout: 1_000 });
  await expect(watcher.getByLabel('Máximo (reponer hasta)')).toHaveValue('24', { timeout: 1_000 });
  await context.close();
});

test('eight console tabs of one manager: every tab loads and stays live, also after the tab holding the live stream is closed', async ({
  browser,
  serverDb,
}) => {
  const { context, editor, name, tag } = await newProductOpen(browser, serverDb, 'Tomás Pestañas', 'Te', '4.00');

  // A browser keeps six connections to a server; a live stream per tab left the sixth tab none.
  const lists: CataloguePage[] = [];
  for (let i = 0; i < 7; i++) {
    const tab = await context.newPage();
    await tab.goto('/console/catalogue');
    const list = new CataloguePage(tab);
    await list.search(tag);
    await expect(list.row(name)).toBeVisible({ timeout: 5_000 });
    lists.push(list);
  }

  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const schedule = async (page: typeof editor, price: string, at: string) => {
    await page.getByLabel(/^Precio nuevo/).fill(price);
    await page.getByLabel(/^Entra en vigor/).fill(`${tomorrow}T${at}`);
    await page.getByRole('button', { name: 'Programar' }).click();
  };
  await schedule(editor, '3.75', '09:00');
  for (const list of lists) await expect(list.row(name)).toContainText('Cambia a 3,75', { timeout: 1_000 });

  // The first tab held the stream; closed, another takes it over and the rest stay live. The price
  // scheduled there comes first, so it is the change the lists show.
  await editor.close();
  const [first, ...others] = lists;
  await first!.page.getByRole('link', { name }).click();
  await schedule(first!.page, '3.50', '08:00');
  await expect(first!.page.getByRole('listitem').filter({ hasText: '→ 3,50' })).toContainText('Pendiente');
  for (const list of others) await expect(list.row(name)).toContainText('Cambia a 3,50', { timeout: 1_000 });
  await context.close();
});
