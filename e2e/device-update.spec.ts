import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import { DevicePosPage } from './pos-page';

const root = path.resolve(import.meta.dirname, '..');
const servedDir = path.resolve(root, process.env.CLIENT_DIR ?? 'dist');

function replaceDir(from: string, to: string): void {
  for (const entry of fs.readdirSync(to)) fs.rmSync(path.join(to, entry), { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
}

test("an update waits while the cart is full and applies after the sale, at the cashier's word (invariant 9)", async ({
  page,
  context,
  serverDb,
}) => {
  test.setTimeout(240_000);
  // A second build of the app with a visible change, to be deployed while the POS is open.
  const v1 = fs.mkdtempSync(path.join(os.tmpdir(), 'ecomarket-v1-'));
  const v2 = fs.mkdtempSync(path.join(os.tmpdir(), 'ecomarket-v2-'));
  fs.cpSync(servedDir, v1, { recursive: true });
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
    cwd: root,
    env: { ...process.env, CLIENT_DIR: v2, VITE_APP_VERSION: '9.9.9-e2e' },
    stdio: 'pipe',
  });

  const pos = new DevicePosPage(page, context);
  try {
    await pos.openPaired(serverDb, 'Caja actualización');
    await pos.waitForOfflineReady();
    await pos.goTo('Dispositivo');
    const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    await expect(page.getByText('Versión de la aplicación').locator('..')).toContainText(version);
    await pos.goTo('Vender');
    await page.getByRole('button', { name: 'Añadir Pan Integral al carrito' }).click();

    replaceDir(v2, servedDir);
    await pos.goTo('Dispositivo');
    await page.getByRole('button', { name: 'Buscar actualización' }).click();
    await expect(page.getByText('Hay una versión nueva de la aplicación.')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Se podrá actualizar al terminar la venta en curso.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Actualizar ahora' })).toHaveCount(0);
    await pos.goTo('Vender');
    await expect(page.getByText('Se podrá actualizar al terminar la venta en curso.')).toBeVisible();
    await pos.shoot('update-waiting');
    // Still the old version serving this tab: nothing reloaded under the cashier.
    await expect(page.getByRole('region', { name: 'Carrito' }).getByText('Pan Integral')).toBeVisible();

    await page.getByRole('button', { name: /Cobrar en efectivo/ }).click();
    await expect(page.getByText('Pagado')).toBeVisible();
    await page.getByRole('button', { name: 'Nueva venta' }).click();
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Actualizar ahora' }).click()]);
    await pos.goTo('Dispositivo');
    await expect(page.getByText('Versión de la aplicación').locator('..')).toContainText('9.9.9-e2e');
  } finally {
    replaceDir(v1, servedDir);
    fs.rmSync(v1, { recursive: true, force: true });
    fs.rmSync(v2, { recursive: true, force: true });
  }
});
