import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { ConsolePage } from './console-pages/console-page';

test('a count started in the console, counted partly at the tablet and partly in the console, approved into the stock matrix (SPEC S13)', async ({
  browser,
  pos,
  serverDb,
}) => {
  test.setTimeout(120_000);
  const admin = await createAccount(serverDb, 'admin', 'Clara Cuenta');
  const cafe = await serverDb.branchStock('ECO-0004');
  const quinoa = await serverDb.branchStock('ECO-0005');
  await pos.openPaired(serverDb, 'Caja recuento');

  const { context: consoleContext, page, consolePage } = await ConsolePage.inNewWindow(browser, admin, '/counts');
  await expect(page.getByRole('heading', { name: 'Recuentos', level: 1 })).toBeVisible();
  await page.getByLabel('Ubicación', { exact: true }).first().selectOption({ label: 'Sucursal 001' });
  await page.getByLabel('Qué contar').selectOption({ label: 'Despensa' });
  await page.getByLabel('Nota').fill('e2e despensa');
  await consolePage.expectAccessible();
  await page.getByRole('button', { name: 'Empezar recuento' }).click();
  await expect(page.getByRole('heading', { name: /Recuento de Sucursal 001/, level: 1 })).toBeVisible();
  await expect(page.getByText('Categoría: Despensa')).toBeVisible();
  const cafeField = page.getByLabel('Contado de Café Premium');
  const quinoaField = page.getByLabel('Contado de Quinoa');
  await expect(cafeField).toHaveValue('');
  await expect(page.getByLabel('Contado de Pan Integral')).toHaveCount(0);

  // At the tablet: two more coffees on the shelf than the books say. The console's sheet shows it live.
  await pos.section('Inventario');
  await pos.page.getByRole('button', { name: 'Ver Café Premium' }).click();
  await pos.page.getByLabel('Cantidad contada de Café Premium').fill(String(cafe + 2));
  await pos.page.getByRole('button', { name: 'Guardar conteo' }).click();
  await expect(pos.pending()).toHaveText('Todo enviado', { timeout: 30_000 });
  await expect(cafeField).toHaveValue(String(cafe + 2));
  const cafeRow = page.getByRole('row').filter({ has: cafeField });
  await expect(cafeRow).toContainText('tableta');
  // A count inside an open count moves no stock until approval.
  expect(await serverDb.branchStock('ECO-0004')).toBe(cafe);

  // In the console: three quinoa packs more than the books say, typed and saved with Enter.
  await quinoaField.fill(String(quinoa + 3));
  await quinoaField.press('Enter');
  const quinoaRow = page.getByRole('row').filter({ has: quinoaField });
  await expect(quinoaRow).toContainText('+3');
  await expect(page.getByText('2 productos con diferencia')).toBeVisible();
  await page.getByLabel('Mostrar').selectOption({ label: 'Con diferencia' });
  await expect(page.getByLabel(/^Contado de /)).toHaveCount(2);
  await consolePage.expectAccessible();
  await consolePage.screenshot('count-sheet');

  await page.getByRole('button', { name: 'Aprobar y ajustar existencias' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Se ajustarán 2 productos');
  await consolePage.expectAccessible();
  await dialog.getByRole('button', { name: 'Aprobar el recuento' }).click();
  await expect(page.getByText('Recuento aprobado: 2 ajustes en el libro.')).toBeVisible();
  await expect(page.getByText('Aprobado por Clara Cuenta')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Aprobar y ajustar existencias' })).toHaveCount(0);
  expect(await serverDb.branchStock('ECO-0004')).toBe(cafe + 2);
  expect(await serverDb.branchStock('ECO-0005')).toBe(quinoa + 3);
  await consolePage.screenshot('count-approved');

  await consolePage.goTo('Existencias');
  await page.getByLabel('Buscar producto').fill('Quinoa');
  await expect(page.getByRole('link', { name: `Movimientos de Quinoa en Sucursal 001: ${quinoa + 3}` })).toBeVisible();

  await consolePage.goTo('Recuentos');
  const listed = page.getByRole('row').filter({ hasText: 'e2e despensa' });
  await expect(listed).toContainText('Aprobado');
  await consolePage.expectAccessible();
  await consolePage.screenshot('counts');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Counts', level: 1 })).toBeVisible();
  await expect(listed).toContainText('Approved');
  await expect(page.getByRole('button', { name: 'Start count' })).toBeVisible();
  await consoleContext.close();
});
