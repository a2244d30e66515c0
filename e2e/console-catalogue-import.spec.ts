import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { CataloguePage } from './console-pages/catalogue-page';
import { ConsolePage } from './console-pages/console-page';

test('CSV import with a preview that writes nothing until confirmed; a scheduled price shows as pending with its rollout', async ({
  page,
  serverDb,
}) => {
  const admin = await createAccount(serverDb, 'admin', 'Irene Importa');
  const consolePage = new ConsolePage(page);
  await consolePage.openSignedIn('/catalogue', admin);
  const catalogue = new CataloguePage(page);
  await expect(catalogue.heading()).toBeVisible();

  const tag = Date.now().toString(36).toUpperCase();
  const header = 'sku,name,category,priceCents,taxRateBp';
  const good = `${header}\nAVE-${tag},Avena ${tag},Despensa,4500,0\nTE-${tag},Té Verde ${tag},Bebidas,3200,1600\n`;
  const bad = `${header}\nAVE-${tag},Avena ${tag},Despensa,-3,0\nTE-${tag},Té Verde ${tag},Bebidas,3200,1600\n`;

  await page.getByRole('button', { name: 'Importar CSV' }).click();
  const dialog = catalogue.dialog();
  await dialog
    .getByLabel('Archivo CSV')
    .setInputFiles({ name: 'malo.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await expect(dialog.getByRole('status').filter({ hasText: '1 filas con errores' })).toBeVisible();
  await expect(dialog.getByRole('row').filter({ hasText: `AVE-${tag}` })).toContainText('Columna priceCents');
  await expect(dialog.getByRole('button', { name: 'Confirmar la importación' })).toBeDisabled();
  await consolePage.expectAccessible();
  await consolePage.screenshot('catalogue-import');
  expect(await serverDb.db.selectFrom('products').select('id').where('sku', '=', `TE-${tag}`).execute()).toEqual([]);

  await dialog
    .getByLabel('Archivo CSV')
    .setInputFiles({ name: 'bueno.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await expect(
    dialog.getByRole('status').filter({ hasText: '2 productos nuevos, 0 cambios, 0 filas con errores' }),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Confirmar la importación' }).click();
  await expect(page.getByText('Importación hecha: 2 creados, 0 actualizados.')).toBeVisible();

  await catalogue.search(tag);
  await expect(page.getByRole('row')).toHaveCount(3);
  await page.getByRole('link', { name: `Té Verde ${tag}` }).click();
  await expect(page.getByRole('heading', { name: `Té Verde ${tag}`, level: 1 })).toBeVisible();
  await expect(page.getByText('Precio vigente: 32,00 US$')).toBeVisible();

  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel(/^Precio nuevo/).fill('29.50');
  await page.getByLabel(/^Entra en vigor/).fill(`${tomorrow}T08:00`);
  await page.getByRole('button', { name: 'Programar' }).click();
  const pending = page.getByRole('listitem').filter({ hasText: 'Pendiente' });
  await expect(pending).toContainText('32,00 US$ → 29,50 US$');
  await page.getByRole('button', { name: 'Ver despliegue del cambio a 29,50 US$' }).click();
  await expect(catalogue.dialog().getByText('Ninguna venta al precio anterior.')).toBeVisible();
  await consolePage.expectAccessible();
  await catalogue.dialog().getByRole('button', { name: 'Cerrar' }).click();

  await page.getByLabel('Mínimo (por debajo: existencias bajas)').fill('10');
  await page.getByLabel('Máximo (reponer hasta)').fill('5');
  await page.getByRole('button', { name: 'Guardar reposición' }).click();
  await expect(page.getByText('el máximo no puede ser menor que el mínimo')).toBeVisible();
  await page.getByLabel('Máximo (reponer hasta)').fill('40');
  await page.getByRole('button', { name: 'Guardar reposición' }).click();
  const te = await serverDb.db
    .selectFrom('products')
    .select('id')
    .where('sku', '=', `TE-${tag}`)
    .executeTakeFirstOrThrow();
  await expect
    .poll(async () =>
      serverDb.db
        .selectFrom('product_stock_rules')
        .select(['reorder_min', 'reorder_max'])
        .where('product_id', '=', te.id)
        .executeTakeFirst(),
    )
    .toEqual({ reorder_min: 10, reorder_max: 40 });
  await consolePage.expectAccessible();
  await consolePage.screenshot('product');

  await page.getByRole('link', { name: 'Volver al catálogo' }).click();
  await catalogue.search(tag);
  await expect(catalogue.row(`Té Verde ${tag}`)).toContainText('Cambia a 29,50 US$');
});
