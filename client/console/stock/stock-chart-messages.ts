import { defineMessages } from '../i18n/i18n';

export const stockChartMessages = defineMessages({
  es: {
    title: 'Existencias en el tiempo',
    range: 'Periodo',
    days: '{n, plural, one {Último día} other {Últimos # días}}',
    hours: '{n, plural, one {Última hora} other {Últimas # horas}}',
    chart: 'Existencias de {product} en {place}: {range}',
    level: 'Existencias',
    offline: 'Tableta sin conexión',
    summary:
      'Del {from} al {to}: {start} al inicio, {end} al final; mínimo {lowest}, máximo {highest}; {movements, plural, one {# movimiento} other {# movimientos}}.',
    noOffline: 'Ninguna tableta de la sucursal estuvo sin conexión en este periodo.',
    offlineTitle: 'Periodos sin conexión',
    offlineHint:
      'Tiempo en que una tableta no tuvo conexión con el servidor (o estuvo apagada): sus ventas de entonces pudieron llegar después.',
    device: 'Tableta',
    from: 'Desde',
    to: 'Hasta',
    lasted: 'Duración',
    stillOffline: 'sigue sin conexión',
    minutes: '{n, plural, one {# minuto} other {# minutos}}',
    hoursMinutes: '{h} h {m} min',
  },
  en: {
    title: 'Stock over time',
    range: 'Period',
    days: '{n, plural, one {Last day} other {Last # days}}',
    hours: '{n, plural, one {Last hour} other {Last # hours}}',
    chart: 'Stock of {product} at {place}: {range}',
    level: 'Stock',
    offline: 'Tablet offline',
    summary:
      'From {from} to {to}: {start} at the start, {end} at the end; lowest {lowest}, highest {highest}; {movements, plural, one {# movement} other {# movements}}.',
    noOffline: "None of the branch's tablets was offline in this period.",
    offlineTitle: 'Offline periods',
    offlineHint:
      'Time when a tablet could not reach the server (or was switched off): its sales from then may have arrived later.',
    device: 'Tablet',
    from: 'From',
    to: 'To',
    lasted: 'Lasted',
    stillOffline: 'still offline',
    minutes: '{n, plural, one {# minute} other {# minutes}}',
    hoursMinutes: '{h} h {m} min',
  },
});
