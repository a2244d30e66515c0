import { expect, type Page } from '@playwright/test';

export interface ProductInput {
  name: string;
  sku: string;
  category?: string;
  price: string;
  taxPercent?: string;
  barcode?: string;
}

/** The catalogue page and its product dialog. */
export class CataloguePage {
  constructor(readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { name: 'Catálogo', level: 1 });
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Buscar por nombre, SKU, código de barras o categoría').fill(text);
  }

  row(name: string) {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: new RegExp(name) }) });
  }

  dialog() {
    return this.page.getByRole('dialog');
  }

  async fillProduct(p: Partial<ProductInput>): Promise<void> {
    const d = this.dialog();
    if (p.name !== undefined) await d.getByLabel('Nombre', { exact: true }).fill(p.name);
    if (p.sku !== undefined) await d.getByLabel('SKU', { exact: true }).fill(p.sku);
    if (p.category !== undefined) await d.getByLabel('Categoría', { exact: true }).fill(p.category);
    if (p.barcode !== undefined) await d.getByLabel('Código de barras', { exact: true }).fill(p.barcode);
    if (p.price !== undefined) await d.getByLabel(/^Precio con impuestos/).fill(p.price);
    if (p.taxPercent !== undefined) await d.getByLabel('Impuesto incluido (%)').fill(p.taxPercent);
  }

  async save(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Guardar' }).click();
  }

  async createProduct(p: ProductInput): Promise<void> {
    await this.page.getByRole('button', { name: 'Nuevo producto' }).click();
    await this.fillProduct(p);
    await this.save();
    await expect(this.dialog()).toBeHidden();
  }
}
