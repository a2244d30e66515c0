import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { ManagerSummary } from '../../../shared/console/manager-session';

/**
 * Every page of the console. Adding a page is one entry here: its route (under /console), its
 * name in the navigation (Spanish and English), and who may open it. Pages load lazily so the
 * first load stays small.
 */
export interface ConsolePage {
  /** wouter pattern under /console, e.g. '/fleet' or '/reconciliation/:id'. */
  path: string;
  /** Shown in the navigation; omit for pages reached from another page (details). */
  nav?: { es: string; en: string };
  component: LazyExoticComponent<ComponentType>;
  /** Who may open it (the server enforces it too); default: every manager. */
  allowed?: (manager: ManagerSummary) => boolean;
}

export const adminOnly = (m: ManagerSummary) => m.role === 'admin';

export const PAGES: ConsolePage[] = [
  {
    path: '/home',
    nav: { es: 'Inicio', en: 'Home' },
    component: lazy(() => import('../reports/home-page')),
  },
  {
    path: '/sales',
    nav: { es: 'Ventas', en: 'Sales' },
    component: lazy(() => import('../reports/sales-page')),
  },
  {
    path: '/sales/manual',
    component: lazy(() => import('../reports/manual-sale-page')),
  },
  {
    path: '/shifts',
    nav: { es: 'Turnos y caja', en: 'Shifts and cash' },
    component: lazy(() => import('../reports/shifts-page')),
  },
  {
    path: '/fleet',
    nav: { es: 'Tabletas', en: 'Devices' },
    component: lazy(() => import('../fleet/fleet-page')),
  },
  {
    path: '/catalogue',
    nav: { es: 'Catálogo', en: 'Catalogue' },
    component: lazy(() => import('../catalogue/catalogue-page')),
  },
  {
    path: '/catalogue/:id',
    component: lazy(() => import('../catalogue/product-page')),
  },
  {
    path: '/stock',
    nav: { es: 'Existencias', en: 'Stock' },
    component: lazy(() => import('../stock/stock-page')),
  },
  {
    path: '/stock/ledger',
    component: lazy(() => import('../stock/ledger-page')),
  },
  {
    path: '/transfers',
    nav: { es: 'Traspasos', en: 'Transfers' },
    component: lazy(() => import('../transfers/transfers-page')),
  },
  {
    path: '/counts',
    nav: { es: 'Recuentos', en: 'Counts' },
    component: lazy(() => import('../counts/counts-page')),
  },
  {
    path: '/counts/:id',
    component: lazy(() => import('../counts/count-page')),
  },
  {
    path: '/reconciliation',
    nav: { es: 'Conciliación', en: 'Reconciliation' },
    component: lazy(() => import('../reconciliation/reconciliation-page')),
  },
  {
    path: '/quick-keys',
    nav: { es: 'Teclas rápidas', en: 'Quick keys' },
    component: lazy(() => import('../quick-keys/quick-keys-page')),
  },
  {
    path: '/branches',
    nav: { es: 'Sucursales', en: 'Branches' },
    component: lazy(() => import('../branches/branches-page')),
  },
  {
    path: '/people',
    nav: { es: 'Personas', en: 'People' },
    component: lazy(() => import('../people/people-page')),
  },
  {
    path: '/reconciliation/:id',
    component: lazy(() => import('../reconciliation/reconciliation-item-page')),
  },
];

/** Where the console lands after sign-in: the home page of the reports. */
export const HOME_PATH = '/home';

export function pagesFor(manager: ManagerSummary): ConsolePage[] {
  return PAGES.filter((p) => !p.allowed || p.allowed(manager));
}
