import { afterAll, beforeAll } from 'vitest';
import type { ManagerRole } from '../../shared/console/manager-session';
import type { ProductDoc } from '../../shared/protocol';
import type { ConfigKey } from '../config';
import type { TestDatabase } from './databases';
import { type SignedInManager, signedInManager } from './managers';
import { addBranch, catalogue, pairDevice, startTestServer, type PairedDevice, type TestServer } from './test-server';

/** A manager to sign in: a role, or createManager's options (branches, name, email, password). */
export type ManagerSpec = ManagerRole | Parameters<typeof signedInManager>[1];

/** A device to pair: its branch (the demo branch unless said) and its name (a random one unless said). */
export interface DeviceSpec {
  branchId?: string;
  name?: string;
}

/**
 * The managers of a suite about two branches: an administrator, the demo branch's manager and the manager
 * of `otherBranchId` (who must not see the demo branch).
 */
export function adminAndBranchManagers(otherBranchId: string) {
  return {
    admin: 'admin',
    demoManager: 'branch_manager',
    otherManager: { role: 'branch_manager', branchIds: [otherBranchId] },
  } satisfies Record<string, ManagerSpec>;
}

export interface TestServerSpec<M extends string, D extends string> {
  /** Settings of the server, as startTestServer's overrides. */
  config?: Partial<Record<ConfigKey, string>>;
  /** Branches added straight in the database before anyone signs in or pairs: id → receipt prefix. */
  branches?: Record<string, string>;
  /** Managers made and signed in over HTTP, under the names the suite calls them. */
  managers?: { [K in M]: ManagerSpec };
  /** Devices paired over HTTP, under the names the suite calls them, in this order. */
  devices?: { [K in D]: DeviceSpec };
  /** Pull the catalogue into `products` with the first device's token (a device is paired for it if none is named). */
  catalogue?: boolean;
}

export type TestServerSuite<M extends string, D extends string> = {
  server: TestServer;
  /** The catalogue as the first device pulled it; empty unless the spec asked for `catalogue`. */
  products: ProductDoc[];
} & { [K in M]: SignedInManager } & { [K in D]: PairedDevice };

/**
 * The usual start of a server suite: a beforeAll that starts a test server on `database` and makes what
 * `spec` names (branches, signed-in managers, paired devices, the catalogue), and an afterAll that closes
 * it. The handles are returned at once, so a suite destructures them where it declares its tests, and are
 * filled in place by the beforeAll: read them inside tests and hooks, never while the suite is declared.
 * A suite's own further set-up is a beforeAll after this call (vitest runs them in order).
 */
export function useTestServer<M extends string = never, D extends string = never>(
  database: TestDatabase,
  spec: TestServerSpec<M, D> = {},
): TestServerSuite<M, D> {
  const server = {} as TestServer;
  const products: ProductDoc[] = [];
  const managers = emptyHandles<SignedInManager>(spec.managers);
  const devices = emptyHandles<PairedDevice>(spec.devices);
  beforeAll(async () => {
    Object.assign(server, await startTestServer(database, spec.config));
    for (const [id, receiptPrefix] of Object.entries(spec.branches ?? {})) {
      await addBranch(server.db, id, receiptPrefix);
    }
    for (const [name, m] of Object.entries<ManagerSpec>(spec.managers ?? {})) {
      Object.assign(managers[name]!, await signedInManager(server, typeof m === 'string' ? { role: m } : m));
    }
    for (const [name, d] of Object.entries<DeviceSpec>(spec.devices ?? {})) {
      Object.assign(devices[name]!, await pairDevice(server, d.branchId, d.name));
    }
    if (spec.catalogue) {
      const first = Object.values(devices)[0] ?? (await pairDevice(server));
      products.push(...(await catalogue(server.url, first.token)));
    }
  });
  afterAll(async () => {
    if ('close' in server) await server.close();
  });
  return { server, products, ...managers, ...devices } as TestServerSuite<M, D>;
}

/** An empty object per name, for the beforeAll to fill in. */
function emptyHandles<T>(names: object | undefined): Record<string, T> {
  return Object.fromEntries(Object.keys(names ?? {}).map((name) => [name, {} as T]));
}
