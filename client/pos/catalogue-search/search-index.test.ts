import { describe, expect, it } from 'vitest';
import { CatalogueIndex, type SearchableProduct } from './search-index';

const p = (
  id: string,
  name: string,
  category = 'Despensa',
  sku = `SKU-${id}`,
  barcode: string | null = `750${id.padStart(10, '0')}`,
): SearchableProduct => ({ id, name, category, sku, barcode });

describe('catalogue search index', () => {
  const index = new CatalogueIndex();
  index.upsert(p('1', 'Café Premium'));
  index.upsert(p('2', 'Pan Integral', 'Panadería'));
  index.upsert(p('3', 'Descafeinado Orgánico'));
  index.upsert(p('4', 'Leche Deslactosada', 'Lácteos', 'ECO-0003', '7501000000031'));

  it('matches names without regard to accents or case, names starting with the query first', () => {
    expect(index.search('cafe').items.map((x) => x.id)).toEqual(['1', '3']);
    expect(index.search('CAFÉ').items.map((x) => x.id)).toEqual(['1', '3']);
    expect(index.search('organico').items.map((x) => x.id)).toEqual(['3']);
    expect(index.search('pan int').items.map((x) => x.id)).toEqual(['2']);
  });

  it('finds by SKU and by barcode, the exact code first', () => {
    expect(index.search('eco-0003').items[0]!.id).toBe('4');
    expect(index.search('7501000000031').items[0]!.id).toBe('4');
    expect(index.byBarcodeOrSku('7501000000031')?.id).toBe('4');
    expect(index.byBarcodeOrSku('0000')).toBeUndefined();
  });

  it('filters by category and lists categories with counts', () => {
    expect(index.search('', { category: 'Panadería' }).items.map((x) => x.id)).toEqual(['2']);
    expect(index.categories()).toEqual([
      { name: 'Despensa', count: 2 },
      { name: 'Lácteos', count: 1 },
      { name: 'Panadería', count: 1 },
    ]);
  });

  it('finds a product by any of its barcodes, by search and by scan; a removed barcode no longer finds it', () => {
    const i = new CatalogueIndex();
    i.upsert({
      ...p('7', 'Manzana Gala', 'Frutas', 'MANZ', '7501000000017'),
      barcodes: ['7501000000017', '2000123000002'],
    });
    expect(i.byBarcodeOrSku('2000123000002')?.id).toBe('7');
    expect(i.search('2000123').items.map((x) => x.id)).toEqual(['7']);
    i.upsert({ ...p('7', 'Manzana Gala', 'Frutas', 'MANZ', '7501000000017'), barcodes: ['7501000000017'] });
    expect(i.byBarcodeOrSku('2000123000002')).toBeUndefined();
    expect(i.byBarcodeOrSku('7501000000017')?.id).toBe('7');
  });

  it('follows changes: a renamed product is found by its new name and its old barcode is gone', () => {
    const i = new CatalogueIndex();
    i.upsert(p('9', 'Avena', 'Despensa', 'S9', '111'));
    i.upsert(p('9', 'Avena Integral', 'Despensa', 'S9', '222'));
    expect(i.search('integral').items.length).toBe(1);
    expect(i.byBarcodeOrSku('111')).toBeUndefined();
    expect(i.byBarcodeOrSku('222')?.id).toBe('9');
    i.remove('9');
    expect(i.size).toBe(0);
  });

  // Its speed is measured where it counts, in the browser: npm run bench:pos (search keystroke → results p95 < 16 ms).
  it('answers a keystroke over 20,000 products with a bounded result list', () => {
    const big = new CatalogueIndex();
    const words = ['Manzana', 'Café', 'Pan', 'Leche', 'Quinoa', 'Arroz', 'Aceite', 'Miel', 'Té', 'Jabón'];
    for (let n = 0; n < 20_000; n++)
      big.upsert(p(String(n), `${words[n % 10]} ${words[(n * 7) % 10]} ${n}`, `Cat ${n % 25}`));
    const queries = ['m', 'ma', 'man', 'manz', 'cafe', 'cafe t', '1234', 'zzz', 'a'];
    for (const q of queries) {
      const r = big.search(q);
      expect(r.items.length).toBeLessThanOrEqual(60);
      if (q === 'a') expect(r.more).toBe(true);
    }
  });
});
