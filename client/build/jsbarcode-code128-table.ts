// JsBarcode's table of symbologies, cut to the one receipts print (see jsbarcode-code128-only.ts).
// @ts-expect-error: JsBarcode's compiled modules ship no type declarations.
import { CODE128 } from 'jsbarcode/bin/barcodes/CODE128/index.js';

export default { CODE128 };
