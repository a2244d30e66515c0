import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSHED_COLLECTIONS, syncPath, type PushedCollection, type PushResult } from '../../../shared/protocol';
import { makeCount, makeShiftEvent, makeTransferReceipt } from '../device-documents';
import { reachableTestDatabases } from '../databases';
import { DETAILED_PUSH_HEADERS, makeSale } from '../test-server';
import { type FuzzServer, startFuzzServer } from './fuzz-server';
import { hostileBodies, mutate } from './mutations';
import { FUZZ_SEED, printable, RefusalChecker, send, type FuzzAnswer, type FuzzRequest } from './refusal-check';

/**
 * Issue 9, proof part 1, for every push collection: documents with one mistake each (pushed alone,
 * in RxDB's shape or the detailed one), whole batches that are not push rows, and ids replayed with
 * other content. A document refused row by row (200 with no ack) must change nothing, exactly like
 * a refused request; the server sequence included (defect 8).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 8) * 2;

describe.each(reachableTestDatabases)('fuzz: push collections on $label', (database) => {
  let server: FuzzServer;
  let checker: RefusalChecker;
  let deviceSeq = 0;

  beforeAll(async () => {
    server = await startFuzzServer(database);
    checker = new RefusalChecker(server);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  /** A document the collection accepts (or refuses only for what it refers to, like an unknown transfer). */
  function validDocument(collection: PushedCollection): Record<string, unknown> {
    const device = server.device;
    const product = server.products[deviceSeq % server.products.length]!;
    switch (collection) {
      case 'sales':
        return { ...makeSale(device, ++deviceSeq, [{ product, quantity: 1 }]) };
      case 'counts':
        return { ...makeCount(device, product.id, 10, 12) };
      case 'shiftevents':
        return { ...makeShiftEvent(device, uuidv7(), 'open', 10_000) };
      case 'transferreceipts':
        return { ...makeTransferReceipt(device, uuidv7(), [{ productId: product.id, quantity: 1 }]) };
      case 'products':
        return { ...product, name: `${product.name} (tablet)` };
    }
  }

  /** The same id with other content: a different amount, quantity or cashier. */
  function altered(doc: Record<string, unknown>): Record<string, unknown> {
    if ('lines' in doc && Array.isArray(doc.lines))
      return { ...doc, cashierName: 'Otra persona', lines: doc.lines.map((l) => ({ ...l, quantity: 2 })) };
    if ('countedQuantity' in doc) return { ...doc, countedQuantity: 3 };
    if ('amountCents' in doc) return { ...doc, amountCents: 1 };
    return { ...doc, name: 'Otro nombre' };
  }

  function pushRequest(collection: PushedCollection, rows: unknown, detailed: boolean): FuzzRequest {
    return printable({
      method: 'POST',
      path: syncPath(collection, 'push'),
      headers: { authorization: `Bearer ${server.device.token}`, ...(detailed ? DETAILED_PUSH_HEADERS : {}) },
      ...(typeof rows === 'string' ? { raw: rows } : { json: rows }),
    });
  }

  /** A detailed answer that acknowledged nothing is a refusal too: nothing may have changed. */
  const acknowledgedNothing = (a: FuzzAnswer) => {
    const body = a.body as Partial<PushResult>;
    return a.status === 200 && Array.isArray(body.acks) && body.acks.length === 0 && !body.conflicts?.length;
  };

  for (const collection of PUSHED_COLLECTIONS) {
    it(`${collection}: a document with one mistake is refused alone and changes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constant(null).chain(() => mutate(validDocument(collection))),
          fc.boolean(),
          async (doc, detailed) => {
            await checker.check(pushRequest(collection, [{ newDocumentState: doc }], detailed), acknowledgedNothing);
          },
        ),
        { seed: FUZZ_SEED, numRuns: RUNS, endOnFailure: true },
      );
    }, 60_000);

    it(`${collection}: a batch that is not push rows is a 4xx and changes nothing`, async () => {
      const notRows = fc.oneof(
        hostileBodies.map((b) => ('raw' in b ? b.raw : JSON.stringify(b.json))),
        fc.constantFrom<unknown>(
          [],
          {},
          [null],
          [{}],
          [{ newDocumentState: null }],
          Array(501).fill({ newDocumentState: {} }),
        ),
      );
      await fc.assert(
        fc.asyncProperty(notRows, fc.boolean(), async (rows, detailed) => {
          await checker.check(pushRequest(collection, rows, detailed), acknowledgedNothing);
        }),
        { seed: FUZZ_SEED, numRuns: RUNS, endOnFailure: true },
      );
    }, 60_000);

    if (collection !== 'products')
      it(`${collection}: an id replayed with other content is refused and changes nothing; replayed as it was, it is answered the same`, async () => {
        for (let i = 0; i < 3; i++) {
          const doc = validDocument(collection);
          const first = await send(server.url, pushRequest(collection, [{ newDocumentState: doc }], true));
          expect(first.status).toBe(200);
          await checker.check(pushRequest(collection, [{ newDocumentState: doc }], true), acknowledgedNothing);
          await checker.check(pushRequest(collection, [{ newDocumentState: altered(doc) }], true), acknowledgedNothing);
          const again = await send(server.url, pushRequest(collection, [{ newDocumentState: doc }], true));
          expect(again.body).toEqual(first.body);
        }
      }, 60_000);
  }
});
