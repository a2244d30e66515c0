import { z } from 'zod';
import { stockHistoryQuerySchema, stockHistoryResponseSchema } from '../../shared/console/reports-stock';
import { homeQuerySchema, homeResponseSchema } from '../../shared/console/reports-home';
import {
  explorerQuerySchema,
  explorerResponseSchema,
  linesResponseSchema,
  manualSaleRequestSchema,
  manualSaleResponseSchema,
  ticketDetailSchema,
  ticketsQuerySchema,
  ticketsResponseSchema,
} from '../../shared/console/reports-sales';
import {
  reportSettingsPatchSchema,
  reportSettingsSchema,
  shiftsReportQuerySchema,
  shiftsReportResponseSchema,
} from '../../shared/console/reports-shifts';
import { registerOperation } from '../http/openapi';

/** The reports' endpoints in GET /api/openapi.json, with the schemas the routes parse with. */
const common = { tags: ['console', 'reports'], auth: 'manager' as const };
const idParam = z.object({ id: z.string().min(1).max(100) });

registerOperation({
  ...common,
  method: 'get',
  path: '/api/console/reports/home',
  summary: "Today's figures per branch and for the chain, against the same weekday a week before",
  description:
    'Each branch in its own time zone: revenue, tickets, average ticket, units, refunds, by hour; top products; ' +
    'open reconciliation items; devices needing attention; and "complete through": up to when every device of ' +
    'the branch has delivered its sales (the devices holding it back are named).',
  request: { query: homeQuerySchema },
  responses: { 200: { description: 'The home figures.', body: homeResponseSchema } },
});
registerOperation({
  ...common,
  method: 'get',
  path: '/api/console/reports/sales',
  summary:
    'Sales explorer: filtered sales grouped by day, week, month, branch, cashier, device, product, category or tender',
  description:
    'Dates are local dates of each branch, both included. Refunds count negative. 400 for branches of two currencies.',
  request: { query: explorerQuerySchema },
  responses: { 200: { description: 'Rows and totals.', body: explorerResponseSchema } },
});
registerOperation({
  ...common,
  method: 'get',
  path: '/api/console/reports/sales/tickets',
  summary: "The tickets behind the explorer's filters, newest first",
  request: { query: ticketsQuerySchema },
  responses: { 200: { description: 'A page of tickets and nextCursor.', body: ticketsResponseSchema } },
});
registerOperation({
  ...common,
  method: 'get',
  path: '/api/console/reports/sales/lines',
  summary: 'Sale lines with the amount reported and the amount at the master price in force at sale time',
  request: { query: ticketsQuerySchema },
  responses: { 200: { description: 'A page of lines and nextCursor.', body: linesResponseSchema } },
});
registerOperation({
  ...common,
  method: 'get',
  path: '/api/console/reports/tickets/:id',
  summary: 'One ticket: its receipt, the master price of each line and its ledger movements',
  request: { params: idParam },
  responses: {
    200: { description: 'The ticket.', body: ticketDetailSchema },
    404: { description: 'No such ticket in your branches.' },
  },
});
registerOperation({
  ...common,
  method: 'post',
  path: '/api/console/reports/manual-sales',
  summary: "Record a sale by hand (the seed's manual sale form)",
  description:
    'Recorded through the same ingest as a tablet sale: a ledger movement, an oversell or price-mismatch item when it applies.',
  request: { body: manualSaleRequestSchema },
  responses: { 201: { description: 'Recorded.', body: manualSaleResponseSchema } },
});
registerOperation({
  ...common,
  method: 'get',
  path: '/api/console/reports/stock-history',
  summary:
    "A product's stock at a location over time, from its ledger, with the times the branch's tablets were offline",
  request: { query: stockHistoryQuerySchema },
  responses: {
    200: { description: 'The level at the start and after each movement.', body: stockHistoryResponseSchema },
    404: { description: 'No such location.' },
  },
});
registerOperation({
  ...common,
  method: 'get',
  path: '/api/console/reports/shifts',
  summary: 'Open and closed shifts across branches with their cash report',
  request: { query: shiftsReportQuerySchema },
  responses: { 200: { description: 'Shifts, most recently active first.', body: shiftsReportResponseSchema } },
});
registerOperation({
  ...common,
  method: 'get',
  path: '/api/console/reports/settings',
  summary: "Branches' report settings: time zone and the largest cash difference allowed at a shift's close",
  request: { query: z.object({ branches: z.string().max(2000).optional() }) },
  responses: {
    200: { description: 'One entry per branch.', body: z.object({ settings: z.array(reportSettingsSchema) }) },
  },
});
registerOperation({
  ...common,
  method: 'patch',
  path: '/api/console/reports/settings/:id',
  summary: "Change the largest cash difference a branch allows at a shift's close",
  description:
    "The branch's time zone is changed with PATCH /api/console/branches/{id}; its sales are then re-filed under their new local days (rebuilt from the ledger).",
  request: { params: idParam, body: reportSettingsPatchSchema },
  responses: { 200: { description: 'The settings.', body: reportSettingsSchema } },
});
