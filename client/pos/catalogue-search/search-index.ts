/** What the index needs of a product. */
export interface SearchableProduct {
  id: string;
  sku: string;
  barcode: string | null;
  /** Every barcode (products of schema version 1); the index finds the product by any of them. */
  barcodes?: readonly string[];
  name: string;
  category: string;
}

/** Every barcode of a product, the main one included once. */
function barcodesOf(p: SearchableProduct): string[] {
  const all = [...(p.barcode ? [p.barcode] : []), ...(p.barcodes ?? [])];
  return [...new Set(all)];
}

/** Lower case, accents removed: "Café" and "cafe" are the same word to a cashier. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

interface Entry<P> {
  product: P;
  /** Folded name, SKU and barcode, searched as one string. */
  haystack: string;
  foldedName: string;
}

export interface SearchResult<P> {
  /** The first matches, best first (bounded, for rendering). */
  items: P[];
  /** More products match than the list holds: the cashier should type more. */
  more: boolean;
}

export class CatalogueIndex<P extends SearchableProduct> {
  private readonly byId = new Map<string, Entry<P>>();
  private readonly byBarcode = new Map<string, P>();
  private readonly bySku = new Map<string, P>();
  private sorted: Entry<P>[] | null = null;
  /** Every haystack in name order joined by newlines, so one indexOf scans the catalogue. */
  private blob = '';
  private starts: number[] = [];

  get size(): number {
    return this.byId.size;
  }

  upsert(product: P): void {
    const old = this.byId.get(product.id);
    if (old) for (const b of barcodesOf(old.product)) this.byBarcode.delete(b);
    if (old) this.bySku.delete(old.product.sku.toLowerCase());
    this.bySku.set(product.sku.toLowerCase(), product);
    const foldedName = foldText(product.name);
    this.byId.set(product.id, {
      product,
      foldedName,
      haystack: `${foldedName}\u0000${product.sku.toLowerCase()}\u0000${barcodesOf(product).join('\u0000')}`,
    });
    for (const b of barcodesOf(product)) this.byBarcode.set(b, product);
    this.sorted = null;
  }

  remove(id: string): void {
    const old = this.byId.get(id);
    if (!old) return;
    for (const b of barcodesOf(old.product)) this.byBarcode.delete(b);
    this.bySku.delete(old.product.sku.toLowerCase());
    this.byId.delete(id);
    this.sorted = null;
  }

  get(id: string): P | undefined {
    return this.byId.get(id)?.product;
  }

  byBarcodeOrSku(code: string): P | undefined {
    const c = code.trim();
    const hit = this.byBarcode.get(c);
    if (hit) return hit;
    return this.bySku.get(c.toLowerCase());
  }

  /** Categories with how many products each, in name order. */
  categories(): { name: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const e of this.byId.values()) counts.set(e.product.category, (counts.get(e.product.category) ?? 0) + 1);
    return [...counts.entries()].map(([name, count]) => ({ name, count })).sort((a, b) => a.name.localeCompare(b.name));
  }

  private entries(): Entry<P>[] {
    if (!this.sorted) {
      this.sorted = [...this.byId.values()].sort((a, b) =>
        a.foldedName < b.foldedName ? -1 : a.foldedName > b.foldedName ? 1 : 0,
      );
      this.starts = [];
      let at = 0;
      for (const e of this.sorted) {
        this.starts.push(at);
        at += e.haystack.length + 1;
      }
      this.blob = this.sorted.map((e) => e.haystack).join('\n');
    }
    return this.sorted;
  }

  /** Index of the entry whose haystack holds blob offset `pos`. */
  private entryAt(pos: number, from: number): number {
    let lo = from;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  search(query: string, options: { limit?: number; category?: string | null } = {}): SearchResult<P> {
    const limit = options.limit ?? 60;
    const category = options.category ?? null;
    const words = foldText(query).split(' ').filter(Boolean);
    const folded = words.join(' ');
    const entries = this.entries();
    const items: P[] = [];
    const fits = (e: Entry<P>) =>
      (category === null || e.product.category === category) && words.every((w) => e.haystack.includes(w));

    const exact = query.trim() ? this.byBarcodeOrSku(query) : undefined;
    const exactEntry = exact ? this.byId.get(exact.id) : undefined;
    if (exactEntry && (category === null || exact!.category === category)) items.push(exact!);

    if (words.length === 0) {
      for (const e of entries) {
        if (category !== null && e.product.category !== category) continue;
        if (items.length === limit) return { items, more: true };
        items.push(e.product);
      }
      return { items, more: false };
    }

    // Names starting with the query are one run of the name-sorted entries: binary search it.
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (entries[mid]!.foldedName < folded) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < entries.length && entries[i]!.foldedName.startsWith(folded); i++) {
      const e = entries[i]!;
      if (e === exactEntry || !fits(e)) continue;
      if (items.length === limit) return { items, more: true };
      items.push(e.product);
    }

    // Then the other matches in name order: candidates from the longest word with one native scan.
    const longest = words.reduce((x, y) => (y.length > x.length ? y : x));
    let i = 0;
    let pos = this.blob.indexOf(longest);
    while (pos !== -1) {
      i = this.entryAt(pos, i);
      const e = entries[i]!;
      if (e !== exactEntry && !e.foldedName.startsWith(folded) && fits(e)) {
        if (items.length === limit) return { items, more: true };
        items.push(e.product);
      }
      if (i + 1 >= entries.length) break;
      pos = this.blob.indexOf(longest, this.starts[i + 1]!);
    }
    return { items, more: false };
  }
}
