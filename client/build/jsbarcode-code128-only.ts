import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * JsBarcode's entry requires every symbology it knows (EAN, UPC, ITF, MSI, Codabar, Code 39/93…);
 * receipts print Code 128 only (client/pos/receipt/ReceiptBarcode.tsx). Its `./barcodes/` table is
 * swapped for one holding Code 128, which takes about 4 KB gzipped off the POS's JavaScript.
 */
export function jsbarcodeCode128Only(): Plugin {
  const table = path.resolve(import.meta.dirname, 'jsbarcode-code128-table.ts');
  return {
    name: 'jsbarcode-code128-only',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './barcodes/' && importer?.replaceAll('\\', '/').includes('/jsbarcode/bin/JsBarcode.js'))
        return table;
      return null;
    },
  };
}
