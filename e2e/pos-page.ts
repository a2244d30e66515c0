import { expect, type BrowserContext, type Page } from '@playwright/test';

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
}
