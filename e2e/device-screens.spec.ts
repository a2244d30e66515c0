import { expect, test } from './fixtures';
import { DevicePosPage } from './pos-page';

test('every section of the tablet, landscape and portrait, with storage persistence and use shown', async ({
  page,
  context,
  serverDb,
}) => {
  const pos = new DevicePosPage(page, context);
  await pos.openPaired(serverDb, 'Caja pantallas');
  // A centre that answers needs no word on the cashier's screen.
  await expect(page.getByTestId('connection')).toHaveText('En línea');
  await expect(page.getByTestId('breaker')).toHaveCount(0);
  await pos.shoot('sell');

  await pos.goTo('Inventario');
  await expect(page.getByRole('heading', { name: 'Inventario' })).toBeVisible();
  await expect(page.getByTestId('inv-stock-ECO-0002')).toHaveText(/^\d+/);
  await pos.shoot('inventory');

  await pos.goTo('Turno');
  await expect(page.getByText('No hay turno abierto en esta caja.')).toBeVisible();
  await pos.shoot('shift');

  await pos.goTo('Dispositivo');
  await expect(page.getByTestId('storage-used')).toHaveText(/\d.*\/.*\d/);
  await expect(page.getByTestId('storage-persisted')).toHaveText(/concedido|rechazado/);
  await expect(page.getByTestId('breaker-state')).toHaveText('con normalidad');
  await pos.shoot('device');

  await page.getByRole('button', { name: 'Cambiar idioma a inglés' }).click();
  await expect(page.getByRole('heading', { name: 'Device' })).toBeVisible();
  await pos.shoot('device-en');
});
