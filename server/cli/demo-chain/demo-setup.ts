import type { DeviceIdentity } from '../../auth/device-identity';
import type { ManagerIdentity } from '../../auth/manager-session';
import { DEMO_BRANCH_ID } from '../../db/seed-demo';
import { seededRandom } from '../../../shared/seeded-random';

export const TIME_ZONE = 'America/Mexico_City';
export const BRANCHES = [
  { id: DEMO_BRANCH_ID, name: 'Sucursal 001', prefix: '001' },
  { id: 'sucursal-002', name: 'Sucursal Coyoacán', prefix: '002' },
  { id: 'sucursal-003', name: 'Sucursal Polanco', prefix: '003' },
  { id: 'sucursal-004', name: 'Sucursal Roma', prefix: '004' },
  { id: 'sucursal-005', name: 'Sucursal Satélite', prefix: '005' },
];
export type DemoBranch = (typeof BRANCHES)[number];
export const CATEGORIES = [
  'Frutas',
  'Verduras',
  'Lácteos',
  'Panadería',
  'Despensa',
  'Bebidas',
  'Cereales',
  'Carnes',
  'Congelados',
  'Limpieza',
  'Cuidado personal',
  'Snacks',
  'Café y té',
  'Semillas',
  'Aceites',
  'Bebés',
];
export const WORDS = ['Orgánico', 'Integral', 'Natural', 'Artesanal', 'Premium', 'Ligero', 'Clásico', 'De temporada'];
/** Share of a day's tickets in each opening hour, 08:00 to 20:59 local. */
export const HOUR_WEIGHTS = [3, 5, 7, 9, 12, 13, 10, 8, 8, 10, 12, 9, 6];
/** Monday first: weekends sell more. */
export const WEEKDAY_FACTORS = [0.85, 0.9, 0.95, 1.0, 1.15, 1.3, 0.85];
export const FLOAT_CENTS = 50_000;
export const HOUR = 3_600_000;

export const demoManager: ManagerIdentity = {
  id: 'demo-data',
  name: 'Datos de demostración',
  email: 'demo-data@ecomarket.invalid',
  role: 'admin',
  branchIds: 'all',
};

export interface DemoOptions {
  days: number;
  ticketsPerDay: number;
  products: number;
  seed: number;
  now?: Date;
  log?: (line: string) => void;
}

export interface DemoProduct {
  id: string;
  name: string;
  priceCents: number;
  taxRateBp: number;
}

export interface Person {
  id: string;
  name: string;
}

export interface Till {
  device: DeviceIdentity;
  name: string;
  cashiers: Person[];
  seq: number;
}

export interface ShiftDraft {
  id: string;
  till: Till;
  cashier: Person;
  opensAt: number;
  closesAt: number;
  cashCents: number;
}

/** The seeded generator and what it picks from; every part of the chain draws from the one sequence, in order. */
export interface Dice {
  rnd: () => number;
  pick: <T>(list: readonly T[]) => T;
}

export function dice(seed: number): Dice {
  const rnd = seededRandom(seed);
  return { rnd, pick: (list) => list[Math.floor(rnd() * list.length)]! };
}

export const iso = (ms: number) => new Date(ms).toISOString();
