import type { Page } from '@playwright/test';

/** The fleet board (Tabletas). */
export class FleetPage {
  constructor(readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { name: 'Tabletas', level: 1 });
  }

  row(deviceName: string) {
    return this.page
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: new RegExp(deviceName) }) });
  }

  revokeButton(deviceName: string) {
    return this.page.getByRole('button', { name: `Desvincular ${deviceName}` });
  }

  dialog() {
    return this.page.getByRole('dialog');
  }
}
