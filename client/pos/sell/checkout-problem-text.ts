import type { sellMessages } from './sell-messages';
import type { CheckoutProblem } from './use-checkout';

type Translate = (key: keyof (typeof sellMessages)['es'], values?: Record<string, string | number>) => string;

/** What the cashier reads when the last charge, or setting a cart aside, went wrong. */
export function checkoutProblemText(t: Translate, problem: CheckoutProblem): string {
  switch (problem.kind) {
    case 'saleFailed':
      return t('saleFailed', { message: problem.message });
    case 'parkFailed':
      return t('parkFailed', { message: problem.message });
    case 'saleNotStored':
      return t('saleNotStored', { receipt: problem.receipt, message: problem.message });
  }
}
