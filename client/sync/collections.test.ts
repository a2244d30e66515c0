import { describe, expect, it } from 'vitest';
import { createRxSchema } from 'rxdb';
import { defaultHashSha256 } from 'rxdb/plugins/utils';
import { REPLICATED } from '../../shared/protocol';
import { POS_SCHEMAS } from './collections';
import { INSTALLED_V0_SCHEMAS } from './installed-v0-schemas';

/**
 * RxDB refuses to open a database whose stored schema differs from the one the app brings (DB6)
 * unless the app's schema has a higher version and a migration strategy for each step: a tablet
 * with unsynced sales would otherwise be locked out of them. These are the hashes of the schemas
 * installed tablets hold, per version: history, never changed. A change to a collection's schema
 * is a version bump (its upgrade function in shared/protocol's table) and a new line here.
 */
const INSTALLED: Record<number, Record<string, string>> = {
  0: {
    products: 'ba1b675d7e0eda282a8485bb540c0bcaa13a80d5df96dc2305e26683cb8556ad',
    stock: '7d5526c8e8916e70f73789af590cac10ffec7e92c89f38448b6837585021e0bd',
    otherstock: '6cda41db6e9dad853e0537b2699878d2d27c68417c99f85ac635eb6724b39c60',
    cashiers: 'f8d9b000e0c66c626c68174ed9912f344a7514351887cff6c9e7154ce8e515d9',
    settings: '661a103eca0bcf850b843e981430ddc4078927b2c7c80a76fed2f111e1ed2b76',
    transfers: '6fd8307435e6b29e819c0654c37078154802d5b93cecf86f2fc9b03b4c9bc782',
    sales: '862c1b780bdf0b3c09a4da30a7fdc0f059c05ba60b99ef3a1780d1f8105fd40e',
    counts: 'a610131fa3ba3dbdfade6a592e19def735911d6c789bf080434b3211720d9a34',
    shiftevents: '741be2ac1f9847227c07e2ad1cc2bdba9de3a4eec85f273dbedeb25b50d9f7b8',
    transferreceipts: '73c05ed1bbd007140a75117679f6838665e6d3109c52586d4f28a37103debf08',
    acks: '3b836eb680c7925717c31f09183ae18a62c15259e88687a3320cda983c940c61',
  },
  1: {
    products: '7ab967290fadf8874bff56e4517bea6962e15a8e2f470778494a0ad8fce96992',
    settings: 'c13324f2c059ad39c3641653d6594cbbd0b37f3829064c286f26c226ed28d4cf',
    sales: '81fa1065a7c83d0c74da8fe7d2d694e400d63e9c6a4d67c2afd0363ab94925db',
    shiftevents: '9c89c3a77c493524f2c9696cec1f82718aca73fae403fb674292befb0b85255e',
  },
  2: {
    sales: '9b9864f0668999023e6763ff30d436194dcd10e3433fdfcb9ad4f82c7697ff20',
  },
};

/** The version the app brings of each collection (acks are local, always 0). */
function versionOf(name: string): number {
  return name in REPLICATED ? REPLICATED[name as keyof typeof REPLICATED].version : 0;
}

const hash = async (schema: unknown) => (await createRxSchema(schema as never, defaultHashSha256)).hash;

describe('[S9] the device database', () => {
  it.each(Object.keys(POS_SCHEMAS))(
    '[S9] the %s schema made from the protocol is the one pinned for its version',
    async (name) => {
      const version = versionOf(name);
      expect(POS_SCHEMAS[name as keyof typeof POS_SCHEMAS].version).toBe(version);
      expect(await hash(POS_SCHEMAS[name as keyof typeof POS_SCHEMAS])).toBe(INSTALLED[version]?.[name]);
    },
  );

  it.each(Object.entries(INSTALLED[0]!))(
    '[S9] the %s schema of version 0 kept for the migration test is the one installed tablets hold',
    async (name, pinned) => {
      expect(await hash(INSTALLED_V0_SCHEMAS[name])).toBe(pinned);
    },
  );

  it('opens every collection of the protocol table, and the local acks', () => {
    expect(Object.keys(POS_SCHEMAS).sort()).toEqual(Object.keys(INSTALLED[0]!).sort());
  });
});
