import { expect, type Page } from '@playwright/test';

export interface ProductInput {
  name: string;
  sku: string;
  category?: string;
  price: string;
  taxPercent?: string;
  /** Several barcodes separated by spaces, the main one first. */
  barcodes?: string;
  unit?: 'Unidad (pieza)' | 'Kilogramo (kg)' | 'Gramo (g)' | 'Litro (l)';
  decimals?: '0 (enteros)' | '1' | '2' | '3 (gramos de un kg)';
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
    if (p.barcodes !== undefined) await d.getByLabel(/^Códigos de barras/).fill(p.barcodes);
    if (p.unit !== undefined) await d.getByLabel('Se vende por').selectOption({ label: p.unit });
    if (p.decimals !== undefined) await d.getByLabel('Decimales de la cantidad').selectOption({ label: p.decimals });
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
