import { expect, type Page } from '@playwright/test';

/** The fleet board (Tabletas) and its dialogs. */
export class FleetPage {
  constructor(readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { name: 'Tabletas', level: 1 });
  }

  row(deviceName: string) {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: deviceName }) });
  }

  dialog() {
    return this.page.getByRole('dialog');
  }

  /** Opens the pairing dialog, creates a code for the branch, and returns the code and the QR code's address. */
  async createPairingCode(branchName?: string): Promise<{ code: string; url: string }> {
    await this.page.getByRole('button', { name: 'Vincular una tableta' }).click();
    const dialog = this.dialog();
    if (branchName) await dialog.getByLabel('Sucursal de la tableta').selectOption({ label: branchName });
    await dialog.getByRole('button', { name: 'Generar código' }).click();
    const code = (await dialog.locator('output').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect(
      dialog.getByRole('img', { name: `Código QR que abre el TPV con el código ${code} ya escrito` }),
    ).toBeVisible();
    const url = (await dialog.getByRole('link').textContent()) ?? '';
    return { code, url };
  }

  async closeDialog(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Cerrar' }).click();
  }

  async rename(deviceName: string, newName: string): Promise<void> {
    await this.page.getByRole('button', { name: `Renombrar ${deviceName}` }).click();
    await this.dialog().getByLabel('Nombre nuevo').fill(newName);
    await this.dialog().getByRole('button', { name: 'Guardar' }).click();
    await expect(this.dialog()).toBeHidden();
  }

  revokeButton(deviceName: string) {
    return this.page.getByRole('button', { name: `Desvincular ${deviceName}` });
  }
}
