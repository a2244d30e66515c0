import { z } from 'zod';
import { countDocSchema, saleDocSchema, shiftEventDocSchema, transferReceiptDocSchema } from '../../shared/protocol';
import type { PosDatabase } from './collections';
import type { DevicePairing } from './device-pairing';
import { markImported } from './imported-documents';
import { DEFAULT_CHANNELS, type Outbox } from './outbox';

/**
 * Recovery when a tablet breaks: its unacknowledged documents go to a JSON file, and another
 * paired tablet of the same branch imports them and pushes them AS THEY ARE (same ids, same
 * deviceId). The server's idempotent ingest (SPEC S2) makes a document that did reach it
 * harmless; rewriting ids would duplicate sales, so it is never done.
 */
const QUEUE_EXPORT_FORMAT = 'ecomarket-pos-queue';

const documentsSchema = z.object({
  sales: z.array(saleDocSchema),
  shiftevents: z.array(shiftEventDocSchema),
  counts: z.array(countDocSchema),
  transferreceipts: z.array(transferReceiptDocSchema),
});

const queueExportSchema = z.object({
  format: z.literal(QUEUE_EXPORT_FORMAT),
  version: z.literal(1),
  branchId: z.string(),
  branchName: z.string(),
  deviceId: z.string(),
  exportedAt: z.string(),
  documents: documentsSchema,
});
export type QueueExport = z.infer<typeof queueExportSchema>;

type ExportedCollection = keyof QueueExport['documents'];

export async function exportQueue(outbox: Outbox, pairing: DevicePairing): Promise<QueueExport> {
  const documents: Record<ExportedCollection, Record<string, unknown>[]> = {
    sales: [],
    shiftevents: [],
    counts: [],
    transferreceipts: [],
  };
  for (const channel of DEFAULT_CHANNELS) {
    const docs = await outbox.unacknowledged(channel);
    // Only the wire fields: RxDB's own (_rev, _meta, _attachments) stay on this tablet.
    documents[channel.collection as ExportedCollection] = docs.map((d) =>
      Object.fromEntries([...Object.entries(d).filter(([k]) => !k.startsWith('_')), ['_deleted', false]]),
    );
  }
  return queueExportSchema.parse({
    format: QUEUE_EXPORT_FORMAT,
    version: 1,
    branchId: pairing.branch.id,
    branchName: pairing.branch.name,
    deviceId: pairing.deviceId,
    exportedAt: new Date().toISOString(),
    documents,
  });
}

export function countExported(file: QueueExport): number {
  return Object.values(file.documents).reduce((n, docs) => n + docs.length, 0);
}

export type ImportProblem =
  { kind: 'not-a-queue-file' } | { kind: 'other-branch'; branchName: string } | { kind: 'wrong-documents' };

export class QueueImportError extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.kind);
  }
}

/** Reads an export; refuses a file that is not one, or from another branch, before touching anything. */
export function parseQueueFile(text: string, pairing: DevicePairing): QueueExport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new QueueImportError({ kind: 'not-a-queue-file' });
  }
  if ((json as { format?: unknown } | null)?.format !== QUEUE_EXPORT_FORMAT)
    throw new QueueImportError({ kind: 'not-a-queue-file' });
  const parsed = queueExportSchema.safeParse(json);
  if (!parsed.success) throw new QueueImportError({ kind: 'not-a-queue-file' });
  const file = parsed.data;
  const docs = Object.values(file.documents).flat();
  if (file.branchId !== pairing.branch.id)
    throw new QueueImportError({ kind: 'other-branch', branchName: file.branchName });
  // Every document must belong to the branch too (DESIGN invariant 8): the server would refuse it anyway.
  if (docs.some((d) => d.branchId !== pairing.branch.id)) throw new QueueImportError({ kind: 'wrong-documents' });
  return file;
}

/**
 * Stores the file's documents that this device does not have yet, unchanged, and marks them as
 * imported so the outbox pushes them and the status bar counts them until the server acks them.
 */
export async function importQueue(
  db: PosDatabase,
  file: QueueExport,
): Promise<{ imported: number; alreadyHere: number }> {
  let imported = 0;
  let alreadyHere = 0;
  for (const name of Object.keys(file.documents) as ExportedCollection[]) {
    const docs = file.documents[name];
    if (docs.length === 0) continue;
    const collection = db[name];
    const existing = await collection.findByIds(docs.map((d) => d.id)).exec();
    const fresh = docs.filter((d) => !existing.has(d.id)).map(({ _deleted, ...row }) => (void _deleted, row));
    alreadyHere += docs.length - fresh.length;
    if (fresh.length > 0) {
      // Mark first: a crash between the two steps must not leave documents this device ignores.
      await markImported(
        db,
        fresh.map((d) => d.id),
      );
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const result = await collection.bulkInsert(fresh as any[]);
      imported += result.success.length;
    }
  }
  return { imported, alreadyHere };
}
