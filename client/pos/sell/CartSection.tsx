import type { Payment } from '../../../shared/protocol';
import { useT } from '../i18n';
import { CartCheckout } from './CartCheckout';
import type { CartActions } from './CartPanel';
import { checkoutProblemText } from './checkout-problem-text';
import type { CartTotals } from './draft-cart';
import { PaidPanel } from './PaidPanel';
import { ParkedCarts } from './ParkedCarts';
import { sellMessages } from './sell-messages';
import type { Checkout } from './use-checkout';

/** The selling screen's cart side: the cart being rung up and paid, the sale just paid, the carts set aside. */
export function CartSection({
  checkout,
  totals,
  lineActions,
  onCharge,
}: {
  checkout: Checkout;
  totals: CartTotals;
  lineActions: CartActions;
  onCharge: (payments: Payment[]) => void;
}) {
  const t = useT(sellMessages);
  const { cart, stage, problem } = checkout;
  const error = problem && checkoutProblemText(t, problem);
  return (
    <section className="cart" aria-label={t('cart')}>
      <h2>{t('cart')}</h2>
      {stage.kind === 'loading' ? (
        <p className="hint">{t('loadingCart')}</p>
      ) : stage.kind === 'paid' ? (
        <PaidPanel
          sale={stage.sale}
          recovered={stage.recovered === true}
          onNewSale={checkout.newSale}
          exchange={stage.exchange ?? null}
        />
      ) : cart.lines.length === 0 && !cart.exchange ? (
        <>
          <p className="hint">{t('cartEmpty')}</p>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
        </>
      ) : (
        <CartCheckout checkout={checkout} totals={totals} lineActions={lineActions} error={error} onCharge={onCharge} />
      )}
      {(stage.kind === 'cart' || stage.kind === 'paid') && (
        <ParkedCarts
          parked={checkout.parked}
          canPark={stage.kind === 'cart' && cart.lines.length > 0}
          canResume={cart.lines.length === 0 && !cart.exchange}
          onPark={(name) => void checkout.park(name)}
          onResume={(id) => void checkout.resume(id)}
        />
      )}
    </section>
  );
}
