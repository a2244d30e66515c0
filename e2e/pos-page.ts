import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { ServerDb } from './server-db';

/** What a cashier does on the POS, by role and label as a person would find it. */
export class PosPage {
  constructor(
    readonly page: Page,
    readonly context: BrowserContext,
  ) {}

  async open(): Promise<void> {
    await this.page.goto('/pos');
  }

  async pair(code: string, deviceName = 'Caja e2e'): Promise<void> {
    await this.page.getByLabel('Código de vinculación').fill(code);
    await this.page.getByLabel('Nombre de esta tableta').fill(deviceName);
    await this.page.getByRole('button', { name: 'Vincular' }).click();
    await expect(this.page.getByRole('button', { name: /Añadir Pan Integral/ })).toBeVisible();
  }

  /** Opens the POS and pairs it as `deviceName` with a fresh pairing code from the server. */
  async openPaired(serverDb: ServerDb, deviceName: string): Promise<void> {
    await this.open();
    await this.pair(await serverDb.pairingCode(), deviceName);
  }

  /** Waits until the service worker controls the page, so a reload works with no network. */
  async waitForOfflineReady(): Promise<void> {
    await this.page.waitForFunction(async () => {
      const reg = await navigator.serviceWorker.ready;
      return !!reg.active && !!navigator.serviceWorker.controller;
    });
  }

  stockOf(sku: string) {
    return this.page.getByTestId(`stock-${sku}`);
  }

  pending() {
    return this.page.getByTestId('pending');
  }

  connection() {
    return this.page.getByTestId('connection');
  }

  async sellOne(productName: string): Promise<string> {
    await this.page.getByRole('button', { name: `Añadir ${productName} al carrito` }).click();
    await this.page.getByRole('button', { name: /Cobrar en efectivo/ }).click();
    await expect(this.page.getByText('Pagado')).toBeVisible();
    const receipt = (await this.page.getByTestId('receipt-number').textContent()) ?? '';
    await this.page.getByRole('button', { name: 'Nueva venta' }).click();
    return receipt;
  }

  // --- Selling flow: find, cart, pay, receipt, refund (e2e/sell-*.spec.ts, e2e/refund-*.spec.ts) ---

  search() {
    return this.page.getByRole('searchbox', { name: 'Buscar producto' });
  }

  addButton(productName: string) {
    return this.page.getByRole('button', { name: `Añadir ${productName} al carrito` });
  }

  cartTotal() {
    return this.page.getByTestId('cart-total');
  }

  /** A keyboard-wedge scanner: the digits in a burst (no delay between keys), then Enter. */
  async scanWithWedge(code: string): Promise<void> {
    await this.page.keyboard.type(code, { delay: 0 });
    await this.page.keyboard.press('Enter');
  }

  async setQuantity(productName: string, quantity: number | string): Promise<void> {
    const input = this.page.getByRole('textbox', { name: `Cantidad de ${productName}` });
    await input.fill(String(quantity));
    await input.press('Enter');
  }

  async discount(productName: string, kind: 'Porcentaje' | 'Importe', value: string, reason: string): Promise<void> {
    await this.page.getByRole('button', { name: `Descuento de ${productName}` }).click();
    const editor = this.page.getByRole('group', { name: `Descuento de ${productName}` });
    await editor.getByRole('radio', { name: kind }).check();
    await editor.getByRole('textbox', { name: 'Valor del descuento' }).fill(value);
    await editor.getByRole('textbox', { name: 'Motivo del descuento' }).fill(reason);
    await editor.getByRole('button', { name: 'Aplicar descuento' }).click();
  }

  async openPayment(): Promise<void> {
    await this.page.getByRole('button', { name: 'Cobrar con cambio, tarjeta o mixto' }).click();
  }

  async payCard(amount?: string): Promise<void> {
    if (amount !== undefined) await this.page.getByRole('textbox', { name: 'Importe con tarjeta' }).fill(amount);
    await this.page.getByRole('button', { name: 'Tarjeta aprobada en la terminal' }).click();
  }

  async payCash(amount: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Efectivo recibido' }).fill(amount);
    await this.page.getByRole('button', { name: 'Recibir efectivo', exact: true }).click();
  }

  async expectPaid(): Promise<string> {
    await expect(this.page.getByText('✓ Pagado')).toBeVisible();
    return (await this.page.getByTestId('receipt-number').textContent()) ?? '';
  }

  async newSale(): Promise<void> {
    await this.page.getByRole('button', { name: 'Nueva venta' }).click();
  }

  /** A section of the bottom bar, the one navigation of the app. */
  async section(name: 'Vender' | 'Tickets' | 'Devoluciones' | 'Inventario' | 'Turno' | 'Dispositivo'): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Secciones' })
      .getByRole('button', { name: new RegExp(`^${name}`) })
      .click();
  }

  async openRefunds(): Promise<void> {
    await this.section('Devoluciones');
  }

  async openSell(): Promise<void> {
    await this.section('Vender');
  }

  async findReceipt(receipt: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Número de ticket' }).fill(receipt);
    await this.page.getByRole('button', { name: 'Buscar ticket' }).click();
  }
}

// ---- Device, shift, inventory and sync screens (owned by the device/sync engineer) ----

export class DevicePosPage extends PosPage {
  /** A tablet paired as `name`, its app cached for offline use; with its row on the server. */
  static async paired(
    page: Page,
    context: BrowserContext,
    serverDb: ServerDb,
    name: string,
  ): Promise<{ pos: DevicePosPage; device: { id: string; number: number } }> {
    const pos = new DevicePosPage(page, context);
    await pos.openPaired(serverDb, name);
    const device = await serverDb.deviceNamed(name);
    await pos.waitForOfflineReady();
    return { pos, device };
  }

  async goTo(section: 'Vender' | 'Devoluciones' | 'Inventario' | 'Turno' | 'Dispositivo'): Promise<void> {
    await this.section(section);
  }

  async signIn(name: string, pin: string): Promise<void> {
    const lock = this.page.getByRole('dialog', { name: 'Tableta bloqueada' });
    const person = lock.getByRole('button', { name: new RegExp(`^${name}`) });
    // The dialog renders whole: once it is there, it shows either the list of people or the PIN pad.
    await expect(lock).toBeVisible();
    if (await person.isVisible()) await person.click();
    await lock.getByLabel(`PIN de ${name}`).fill(pin);
    await lock.getByRole('button', { name: 'Entrar' }).click();
  }

  lockScreen() {
    return this.page.getByRole('dialog', { name: 'Tableta bloqueada' });
  }

  async shoot(name: string): Promise<void> {
    for (const [w, h, o] of [
      [1280, 800, 'landscape'],
      [800, 1280, 'portrait'],
    ] as const) {
      await this.page.setViewportSize({ width: w, height: h });
      await this.page.screenshot({ path: `test-results/screens/${name}-${o}.png` });
    }
    await this.page.setViewportSize({ width: 1280, height: 800 });
  }
}
