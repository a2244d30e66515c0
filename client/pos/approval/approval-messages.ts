import type { ApprovalKind } from '../../../shared/protocol/approval';
import type { Messages } from '../i18n';

export const approvalMessages: Messages<
  | ApprovalKind
  | 'title'
  | 'asks'
  | 'whoApproves'
  | 'noApprovers'
  | 'reason'
  | 'reasonNeeded'
  | 'pinOf'
  | 'approve'
  | 'cancel'
  | 'back'
> = {
  es: {
    discount: 'Descuento por encima del límite',
    price_override: 'Cambio de precio',
    zero_total: 'Venta con total cero',
    refund_without_receipt: 'Devolución sin ticket',
    no_sale: 'Abrir el cajón sin venta',
    cash_difference: 'Cierre de caja con diferencia',
    title: 'Autorización del encargado',
    asks: 'Se pide autorización para:',
    whoApproves: '¿Qué encargado autoriza?',
    noApprovers:
      'No hay en esta tableta ningún encargado que pueda autorizarlo (quien atiende la caja no puede autorizarse a sí mismo). Pida a la oficina central que dé de alta un encargado de esta sucursal.',
    reason: 'Motivo',
    reasonNeeded: 'Escriba el motivo antes de autorizar.',
    pinOf: 'PIN de {name}',
    approve: 'Autorizar',
    cancel: 'Cancelar',
    back: 'Elegir otro encargado',
  },
  en: {
    discount: 'Discount above the limit',
    price_override: 'Price change',
    zero_total: 'Sale with a zero total',
    refund_without_receipt: 'Refund without a receipt',
    no_sale: 'Open the drawer without a sale',
    cash_difference: 'Till close with a cash difference',
    title: 'Supervisor approval',
    asks: 'Approval is asked for:',
    whoApproves: 'Which supervisor approves?',
    noApprovers:
      'No supervisor on this tablet can approve it (the person at the till cannot approve their own action). Ask the central office to add a supervisor for this branch.',
    reason: 'Reason',
    reasonNeeded: 'Write the reason before approving.',
    pinOf: "{name}'s PIN",
    approve: 'Approve',
    cancel: 'Cancel',
    back: 'Choose another supervisor',
  },
};
