import type { Payment } from '../../../shared/protocol';
import { returnedCents } from '../exchange/cart-exchange';
import { ExchangeReturned, ExchangeSettle } from '../exchange/ExchangeParts';
import { useT } from '../i18n';
import { useSession } from '../session/session-context';
import { CartPanel, type CartActions } from './CartPanel';
import { ChargeButtons } from './ChargeButtons';
import { setTicketDiscount, type CartTotals } from './draft-cart';
import { oversoldLines } from './oversold-lines';
import { PaymentPanel } from './PaymentPanel';
import { sellMessages } from './sell-messages';
import { TicketDiscount } from './TicketDiscount';
import type { Checkout } from './use-checkout';
import { useDevice } from '../session/device-context';

/**
 * A cart with lines: the lines and totals, the ticket's discount, what it oversells (refused when the
 * branch does not allow overselling), the last charge's problem, and the way to pay.
 */
export function CartCheckout({
  checkout,
  totals,
  lineActions,
  error,
  onCharge,
}: {
  checkout: Checkout;
  totals: CartTotals;
  lineActions: CartActions;
  /** The last charge's problem, as the cashier reads it. */
  error: string | null;
  onCharge: (payments: Payment[]) => void;
}) {
  const { ledger } = useDevice();
  const t = useT(sellMessages);
  const session = useSession();
  const { cart, stage, setCart, setStage } = checkout;
  const overs = oversoldLines(cart, ledger.stock);
  const blocked = session.settings?.allowOversell === false && overs.length > 0;
  // An exchange's customer pays only the difference (SPEC S14), with the usual tools.
  const due = totals.totalCents - (cart.exchange ? returnedCents(cart.exchange) : 0);
  const pay =
    stage.kind === 'payment' ? (
      <PaymentPanel totalCents={due} busy={false} onComplete={onCharge} onCancel={() => setStage({ kind: 'cart' })} />
    ) : (
      <ChargeButtons
        totalCents={due}
        disabled={blocked || totals.totalCents === 0}
        onCharge={onCharge}
        onPay={() => setStage({ kind: 'payment' })}
      />
    );
  return (
    <>
      {stage.kind === 'cart' && stage.restored && (
        <p role="status" className="notice ok" data-testid="restored-cart">
          {t('restoredCart')}
        </p>
      )}
      {cart.exchange && (
        <ExchangeReturned exchange={cart.exchange} onCancel={() => setCart((c) => ({ ...c, exchange: null }))} />
      )}
      <CartPanel cart={cart} totals={totals} actions={lineActions} />
      {stage.kind === 'cart' && (
        <TicketDiscount
          cart={cart}
          totals={totals}
          onApply={(d, reason) => setCart((c) => setTicketDiscount(c, d, reason))}
        />
      )}
      {overs.map((o) => (
        <p key={o.name} className={blocked ? 'error' : 'warning'} role={blocked ? 'alert' : 'note'}>
          {t(blocked ? 'oversellBlocked' : 'oversellWarning', { name: o.name, qty: o.after })}
        </p>
      ))}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {cart.exchange ? (
        <ExchangeSettle exchange={cart.exchange} takenCents={totals.totalCents} disabled={blocked} onSettle={onCharge}>
          {pay}
        </ExchangeSettle>
      ) : (
        pay
      )}
    </>
  );
}
