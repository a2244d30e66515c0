import { sql, type Transaction } from 'kysely';
import { uuidv7 } from '../db/uuid-v7';
import { BulkInsert } from '../db/bulk-insert';
import { WriteBatch } from '../db/write-batch';
import { read, readTogether, type Read } from '../db/read-batch';
import type { Database } from '../db/schema';

export interface MovementInput {
  locationId: string;
  productId: string;
  delta: number;
  kind: Database['stock_movements']['kind'];
  saleId: string | null;
  actor: string;
  reason: string;
}

/** The stock_movements row of a movement at server sequence `seq`. */
function movementRow(
  movement: MovementInput,
  seq: number,
  now: string,
  prevSeq: number | null,
): Database['stock_movements'] {
  return {
    id: uuidv7(),
    seq,
    location_id: movement.locationId,
    product_id: movement.productId,
    delta: movement.delta,
    kind: movement.kind,
    sale_id: movement.saleId,
    actor: movement.actor,
    reason: movement.reason,
    created_at: now,
    prev_seq: prevSeq,
  };
}

/**
 * DESIGN invariant 3: stock changes only by movements. Each movement is recorded and folded into
 * the location's level in the caller's transaction, and the level is stamped with the movement's
 * sequence so devices can tell which of their movements it already holds.
 */
export async function applyMovement(
  trx: Transaction<Database>,
  movement: MovementInput,
  seq: number,
  now: string,
): Promise<number> {
  const { locationId, productId } = movement;
  // The chain (migration 0026): the level's last movement, or, when this product already moved here
  // at this very sequence number (two lines of one document), that movement's predecessor.
  const sameSeq = trx
    .selectFrom('stock_movements')
    .where('location_id', '=', locationId)
    .where('seq', '=', seq)
    .where('product_id', '=', productId);
  // (Kysely puts each subquery in parentheses.)
  const prevSeq = sql<number | null>`case when exists ${sameSeq.select(sql.lit(1).as('one'))}
    then ${sameSeq.select('prev_seq').limit(1)}
    else ${trx.selectFrom('stock_levels').select('seq').where('location_id', '=', locationId).where('product_id', '=', productId)} end`;
  await trx
    .insertInto('stock_movements')
    .values({ ...movementRow(movement, seq, now, null), prev_seq: prevSeq })
    .execute();
  const level = await trx
    .insertInto('stock_levels')
    .values({
      location_id: movement.locationId,
      product_id: movement.productId,
      quantity: movement.delta,
      reorder_level: null,
      seq,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['location_id', 'product_id']).doUpdateSet((eb) => ({
        quantity: eb('stock_levels.quantity', '+', movement.delta),
        seq,
        updated_at: now,
      })),
    )
    .returning('quantity')
    .executeTakeFirstOrThrow();
  return Number(level.quantity);
}

interface BatchLevel {
  locationId: string;
  productId: string;
  quantity: number;
  /** The sequence number of its last movement. */
  seq: number;
  /** The one before (the last movement's prev_seq); undefined while not known (read from the table). */
  prevSeq: number | null | undefined;
}

const ROWS_PER_INSERT = 200;

/**
 * The movements of one ingest batch, folded in memory and written in two statements at the end
 * instead of two per movement (bench/server-bench.ts: most of a push's time went into them).
 * Exact because the caller holds the sequence lock (SequenceAllocator.lock): no other writer
 * changes these levels before commit. load() reads the levels once; apply() returns the level
 * after the movement, as applyMovement does; flush() must run before the transaction commits,
 * and nothing in between may read stock_levels or stock_movements of the loaded products.
 */
export class MovementBatch {
  private readonly levels = new Map<string, BatchLevel>();
  private readonly loaded = new Set<string>();
  private readonly dirty = new Set<string>();
  private movements: Database['stock_movements'][] = [];

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly now: string,
  ) {}

  async load(locationId: string, productIds: readonly string[]): Promise<void> {
    await readTogether(this.trx, this.reads(locationId, productIds));
  }

  /** The reads of the levels not loaded yet (for readTogether with others); they count as loaded once read. */
  reads(locationId: string, productIds: readonly string[]): Read<unknown>[] {
    const ids = [...new Set(productIds)].filter((id) => !this.loaded.has(key(locationId, id)));
    const reads: Read<unknown>[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const query = this.trx
        .selectFrom('stock_levels')
        .select(['product_id', 'quantity', 'seq'])
        .where('location_id', '=', locationId)
        .where('product_id', 'in', chunk);
      reads.push(
        read(query, (rows) => {
          for (const r of rows)
            this.levels.set(key(locationId, r.product_id), {
              locationId,
              productId: r.product_id,
              quantity: Number(r.quantity),
              seq: Number(r.seq),
              prevSeq: undefined,
            });
          for (const id of chunk) this.loaded.add(key(locationId, id));
        }),
      );
    }
    return reads;
  }

  apply(movement: MovementInput, seq: number): number {
    const k = key(movement.locationId, movement.productId);
    if (!this.loaded.has(k))
      throw new Error(`MovementBatch: level of ${movement.productId} at ${movement.locationId} was not loaded`);
    const known = this.levels.get(k);
    const level = known ?? {
      locationId: movement.locationId,
      productId: movement.productId,
      quantity: 0,
      seq,
      prevSeq: null,
    };
    // The chain (migration 0026): a new sequence number links to the level's last movement; more
    // movements at the same one (two lines of one sale) share its link.
    if (known && known.seq !== seq) {
      if (known.seq > seq)
        throw new Error(`MovementBatch: movement at ${seq} after the level's ${known.seq} (${movement.productId})`);
      level.prevSeq = known.seq;
    } else if (known && known.prevSeq === undefined) {
      throw new Error(`MovementBatch: ${movement.productId} already moved at ${seq} before its level was read`);
    }
    level.quantity += movement.delta;
    level.seq = seq;
    this.levels.set(k, level);
    this.dirty.add(k);
    this.movements.push(movementRow(movement, seq, this.now, level.prevSeq ?? null));
    return level.quantity;
  }

  /** Writes the movements and levels, or adds them to `writes` for the caller to flush (before any read of them). */
  async flush(writes?: WriteBatch): Promise<void> {
    const batch = writes ?? new WriteBatch();
    const movements = this.movements;
    this.movements = [];
    batch.add(insertMovements, movements);
    const levels = [...this.dirty].map((k) => this.levels.get(k)!);
    this.dirty.clear();
    batch.add(
      upsertLevels,
      levels.map((l) => ({
        location_id: l.locationId,
        product_id: l.productId,
        quantity: l.quantity,
        reorder_level: null,
        seq: l.seq,
        updated_at: this.now,
      })),
    );
    if (!writes) await batch.flush(this.trx);
  }
}

const insertMovements = new BulkInsert<Database['stock_movements']>(
  ['id', 'seq', 'location_id', 'product_id', 'delta', 'kind', 'sale_id', 'actor', 'reason', 'created_at', 'prev_seq'],
  (db, rows) => db.insertInto('stock_movements').values(rows),
  ROWS_PER_INSERT,
);

type LevelRow = Database['stock_levels'];
const upsertLevels = new BulkInsert<LevelRow>(
  ['location_id', 'product_id', 'quantity', 'reorder_level', 'seq', 'updated_at'],
  (db, rows) =>
    db
      .insertInto('stock_levels')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['location_id', 'product_id']).doUpdateSet((eb) => ({
          quantity: eb.ref('excluded.quantity'),
          seq: eb.ref('excluded.seq'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      ),
  ROWS_PER_INSERT,
);

function key(locationId: string, productId: string): string {
  return `${locationId}\u0000${productId}`;
}
