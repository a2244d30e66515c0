import { expect, test } from './fixtures';
import { createAccount } from './console-pages/console-accounts';
import { ConsolePage } from './console-pages/console-page';

test('branches: an administrator creates a branch with its currency and time zone, then changes its oversell policy', async ({
  page,
  serverDb,
}) => {
  const admin = await createAccount(serverDb, 'admin', 'Beatriz Sucursales');
  const consolePage = new ConsolePage(page);
  await consolePage.openSignedIn('/branches', admin);
  await expect(page.getByRole('heading', { name: 'Sucursales', level: 1 })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Sucursal 001' })).toBeVisible();

  const tag = Date.now().toString(36);
  await page.getByRole('button', { name: 'Nueva sucursal' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Nombre' }).fill(`Sucursal Sur ${tag}`);
  await dialog.getByLabel('Identificador (p. ej. sucursal-002)').fill(`Sur ${tag}`);
  await dialog.getByRole('button', { name: 'Crear' }).click();
  await expect(dialog.getByText('De 2 a 63 minúsculas, números y guiones')).toBeVisible();
  await dialog.getByLabel('Identificador (p. ej. sucursal-002)').fill(`sur-${tag}`);
  await dialog.getByLabel('Prefijo de los tickets (p. ej. 002)').fill(`S${tag.slice(-4).toUpperCase()}`);
  await dialog.getByLabel('Moneda (código de 3 letras, p. ej. MXN)').fill('MXN');
  await dialog.getByLabel('Zona horaria').selectOption('America/Monterrey');
  await dialog.getByRole('checkbox', { name: 'Precio' }).check();
  await consolePage.expectAccessible();
  await consolePage.screenshot('branch-new');
  await dialog.getByRole('button', { name: 'Crear' }).click();
  const row = page.getByRole('row').filter({ hasText: `Sucursal Sur ${tag}` });
  await expect(row).toContainText('America/Monterrey');
  await expect(row).toContainText('MXN');
  await expect(row).toContainText('Precio');
  await expect(row).toContainText('Sí');

  await page.getByRole('button', { name: `Editar Sucursal Sur ${tag}` }).click();
  await dialog.getByLabel('Permitir vender sin existencias (cada caso abre una conciliación)').uncheck();
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(row).toContainText('No');
  await consolePage.expectAccessible();
  await consolePage.screenshot('branches');
});

test('branches: a manager changes the scale-label rules (prefix 21 carries the price), and they are kept', async ({
  page,
  serverDb,
}) => {
  const admin = await createAccount(serverDb, 'admin', 'Bruno Básculas');
  const consolePage = new ConsolePage(page);
  await consolePage.openSignedIn('/branches', admin);
  const tag = Date.now().toString(36);
  const name = `Sucursal Báscula ${tag}`;
  await page.getByRole('button', { name: 'Nueva sucursal' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Nombre' }).fill(name);
  await dialog.getByLabel('Identificador (p. ej. sucursal-002)').fill(`sucursal-bascula-${tag}`);
  await dialog.getByLabel('Prefijo de los tickets (p. ej. 002)').fill(`B${tag.slice(-4).toUpperCase()}`);
  await dialog.getByRole('button', { name: 'Crear' }).click();
  await expect(page.getByRole('row').filter({ hasText: name })).toBeVisible();

  await page.getByRole('button', { name: `Editar ${name}` }).click();
  const rule = (n: number) => dialog.getByRole('group', { name: `Regla ${n}` });
  await expect(rule(1).getByLabel('Prefijos')).toHaveValue('20, 21, 22, 23, 24');
  await dialog.getByRole('button', { name: 'Agregar una regla' }).click();
  await rule(3).getByLabel('Prefijos').fill('21');
  await rule(3).getByLabel('La etiqueta lleva').selectOption('price');
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(dialog.getByText('El prefijo 21 está en dos reglas; déjelo en una sola.')).toBeVisible();
  await rule(1).getByLabel('Prefijos').fill('20, 22, 23, 24');
  await expect(rule(3).getByLabel('Decimales')).toHaveValue('2');
  await consolePage.expectAccessible();
  await consolePage.screenshot('branch-scale-labels');
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByRole('status')).toContainText(`Guardado: las tabletas de ${name}`);

  await page.reload();
  await page.getByRole('button', { name: `Editar ${name}` }).click();
  await expect(rule(1).getByLabel('Prefijos')).toHaveValue('20, 22, 23, 24');
  await expect(rule(3).getByLabel('Prefijos')).toHaveValue('21');
  await expect(rule(3).getByLabel('La etiqueta lleva')).toHaveValue('price');

  const listed = await page.request.get('/api/console/branches');
  expect(listed.status()).toBe(200);
  const { branches } = (await listed.json()) as {
    branches: { id: string; settings: { scaleLabels: { prefixes: string[]; embedded: string }[] } }[];
  };
  const stored = branches.find((b) => b.id === `sucursal-bascula-${tag}`)!.settings.scaleLabels;
  expect(stored.map((r) => [r.prefixes, r.embedded])).toEqual([
    [['20', '22', '23', '24'], 'weight'],
    [['25', '26', '27', '28', '29'], 'price'],
    [['21'], 'price'],
  ]);
});
