import { expect, type Page } from '@playwright/test';

/** The reconciliation queue and an item's page. */
export class ReconciliationPage {
  constructor(readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { name: 'Conciliación', level: 1 });
  }

  async filter(label: 'Estado' | 'Tipo' | 'Asignado a' | 'Sucursal', option: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).selectOption({ label: option });
  }

  /** The row whose summary mentions the text (a receipt number, a product). */
  row(text: string) {
    return this.page.getByRole('row').filter({ hasText: text });
  }

  async openItem(text: string): Promise<void> {
    await this.row(text).getByRole('link').click();
    await expect(this.page.getByRole('heading', { name: 'Historial' })).toBeVisible();
  }

  async assignToMe(): Promise<void> {
    await this.page.getByRole('button', { name: 'Asignármelo' }).click();
  }

  async resolve(note: string, delta?: number): Promise<void> {
    await this.page.getByLabel('Qué se hizo (queda en el historial)').fill(note);
    if (delta !== undefined) {
      await this.page.getByLabel('Ajustar las existencias en el mismo paso').check();
      await this.page.getByLabel(/Unidades a sumar/).fill(String(delta));
    }
    await this.page.getByRole('button', { name: 'Resolver', exact: true }).click();
  }

  history() {
    return this.page.getByRole('list').filter({ hasText: 'Abierto por el servidor' });
  }
}
