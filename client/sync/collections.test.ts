import { describe, expect, it } from 'vitest';
import { createRxSchema } from 'rxdb';
import { defaultHashSha256 } from 'rxdb/plugins/utils';
import { POS_SCHEMAS } from './collections';

/**
 * RxDB refuses to open a database whose stored schema differs from the one the app brings (DB6):
 * a tablet with unsynced sales would be locked out of them. These are the hashes of the schemas
 * installed tablets hold (version 0, written by hand before they were made from shared/protocol's
 * zod schemas). A change here needs a schema version bump with a migration, not a new hash.
 */
const INSTALLED = {
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
};

describe('[S9] the device database', () => {
  it.each(Object.entries(INSTALLED))(
    '[S9] the %s schema made from the protocol is the one installed tablets hold',
    async (name, hash) => {
      const schema = POS_SCHEMAS[name as keyof typeof POS_SCHEMAS];
      expect(await createRxSchema(schema as never, defaultHashSha256).hash).toBe(hash);
    },
  );

  it('opens every collection of the protocol table, and the local acks', () => {
    expect(Object.keys(POS_SCHEMAS).sort()).toEqual(Object.keys(INSTALLED).sort());
  });
});
