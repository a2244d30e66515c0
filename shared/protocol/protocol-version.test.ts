import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as protocol from './index';
import { PROTOCOL_VERSION } from './protocol-version';
import { COLLECTION_SCHEMA_VERSIONS } from './replicated-collections';

/**
 * The wire protocol's fingerprint for each PROTOCOL_VERSION. When a message in shared/protocol
 * changes shape, this test fails until the version is bumped (with a history line in
 * protocol-version.ts, and the collection's schema version if a replicated document changed)
 * and the new fingerprint is recorded here.
 */
const FINGERPRINTS: Record<number, string> = {
  1: '5e94dd8b36a71dc83e3ca68064dd6e4088775e1d5d44758b845179f592a45f16',
  2: '197b5ada32d73445aa86002d6d198c662c3b95736014e082dafaf03c2b475f0d',
  3: '10183c339adf5a2bd6896b0f81ea9ccf282af00735f0e11ea8e2798d2f1ff0b4',
  4: '1e5421b95889031903453687ab1c03431dce50ce26f09b6641936a509bf8259a',
  5: 'fde6d931594d981c1d79b701d34e0b1796c1db0efc375181ba71f0b610ad6698',
};

function fingerprint(): string {
  const schemas = Object.entries(protocol)
    .filter(([, value]) => value instanceof z.ZodType)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, schema]) => [name, z.toJSONSchema(schema as z.ZodType, { unrepresentable: 'any', io: 'input' })]);
  return createHash('sha256').update(JSON.stringify({ schemas, COLLECTION_SCHEMA_VERSIONS })).digest('hex');
}

describe('protocol version', () => {
  it('every wire schema change comes with a protocol version bump', () => {
    const actual = fingerprint();
    expect(
      actual,
      `wire schemas changed: bump PROTOCOL_VERSION (now ${PROTOCOL_VERSION}) and record its fingerprint ${actual}`,
    ).toBe(FINGERPRINTS[PROTOCOL_VERSION]);
  });
});
