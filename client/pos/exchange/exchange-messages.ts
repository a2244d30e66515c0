import type { Messages } from '../i18n';

const es = {
  title: 'Cambio de productos del ticket {receipt}',
  returnedTotal: 'Vale lo devuelto',
  toPay: 'El cliente paga la diferencia',
  toGiveBack: 'Se devuelve al cliente',
  even: 'Sin diferencia',
  addTaken: 'Agregue lo que se lleva el cliente.',
  cancel: 'Quitar el cambio',
  giveBack: 'Devolver {amount} en efectivo y terminar',
  finishEven: 'Terminar el cambio',
  exchangeButton: 'Cambiar por otros productos',
  recoveredExchange: 'Cambio {receipt} guardado — lo devuelto {returned}, lo llevado {total}',
};

const en: typeof es = {
  title: 'Exchange of products of receipt {receipt}',
  returnedTotal: 'Worth of what comes back',
  toPay: 'The customer pays the difference',
  toGiveBack: 'Given back to the customer',
  even: 'No difference',
  addTaken: 'Add what the customer takes.',
  cancel: 'Remove the exchange',
  giveBack: 'Give back {amount} in cash and finish',
  finishEven: 'Finish the exchange',
  exchangeButton: 'Exchange for other products',
  recoveredExchange: 'Exchange {receipt} saved — brought back {returned}, taken {total}',
};

export const exchangeMessages: Messages<keyof typeof es> = { es, en };
