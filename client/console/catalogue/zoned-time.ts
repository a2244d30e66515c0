// Moved to shared/console/reports-time.ts; kept while the stock ledger and manual sale pages still import it here.
export { zonedLocalToIso } from '../../../shared/console/reports-time';
