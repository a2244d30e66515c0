import { useCallback } from 'react';
import { DEFAULT_SCALE_LABEL_LAYOUT } from '../../../shared/protocol';
import { useSession } from '../session/session-context';
import { resolveScan, type ScanResult, type ScannedProduct } from './scan-resolve';
import type { sellMessages } from './sell-messages';

/** Fraction digits of the branch currency (2 for USD, 0 for JPY): what a price label's value is in. */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** The selling screen's reading of a scanned code with the branch's scale-label layout (settings, pulled). */
export function useScanResolver(
  index: { byBarcodeOrSku(code: string): ScannedProduct | undefined },
  currency: string,
): (code: string) => ScanResult {
  const layout = useSession().settings?.scaleLabels ?? DEFAULT_SCALE_LABEL_LAYOUT;
  return useCallback(
    (code: string) => resolveScan(code, index, layout, currencyDigits(currency)),
    [index, layout, currency],
  );
}

type Translate = (key: keyof (typeof sellMessages)['es'], values?: Record<string, string | number>) => string;

/** What the cashier reads when a scan adds nothing. */
export function scanProblemText(
  t: Translate,
  found: Exclude<ScanResult, { kind: 'product' | 'weighed' }>,
  code: string,
): string {
  switch (found.kind) {
    case 'unknown':
      return t('unknownBarcode', { code });
    case 'unknownLabel':
      return t('unknownLabel', { code, item: found.itemCode });
    case 'misread':
      return t('labelMisread', { code });
    case 'labelNotUsable':
      return t('labelNotUsable', { code, name: found.product.name });
  }
}
