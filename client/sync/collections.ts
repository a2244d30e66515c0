import type { MigrationStrategies, RxCollection, RxDatabase, RxJsonSchema } from 'rxdb';
import { z } from 'zod';
import {
  REPLICATED,
  REPLICATED_COLLECTIONS,
  type CollectionSpec,
  type DocOf,
  type ReplicatedCollection,
} from '../../shared/protocol';

type Stored<T> = Omit<T, '_deleted'>;

export type ProductRow = Stored<DocOf<'products'>>;
export type StockRow = Stored<DocOf<'stock'>>;
export type SaleRow = Stored<DocOf<'sales'>>;
export type OtherStockRow = Stored<DocOf<'otherstock'>>;
export type CashierRow = Stored<DocOf<'cashiers'>>;
export type SettingsRow = Stored<DocOf<'settings'>>;
export type TransferRow = Stored<DocOf<'transfers'>>;
export type CountRow = Stored<DocOf<'counts'>>;
export type ShiftEventRow = Stored<DocOf<'shiftevents'>>;
export type TransferReceiptRow = Stored<DocOf<'transferreceipts'>>;

/** What the server said about a document this device pushed; local only, never replicated. */
export interface AckRow {
  id: string;
  appliedSeq: number | null;
  rejectedCode: string | null;
  rejectedMessage: string | null;
}

const id = { type: 'string', maxLength: 140 } as const;

export const ackSchema: RxJsonSchema<AckRow> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    appliedSeq: { type: ['integer', 'null'] },
    rejectedCode: { type: ['string', 'null'] },
    rejectedMessage: { type: ['string', 'null'] },
  },
  required: ['id'],
};

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
};

/**
 * A field as RxDB stores it: its JSON type (nullable: also null), its enum; arrays of objects hold
 * opaque objects, arrays of strings, numbers or booleans hold that type.
 */
function storedField(field: JsonSchema): Record<string, unknown> {
  if (field.anyOf) {
    const [value] = field.anyOf.filter((f) => f.type !== 'null');
    return { type: [value!.type, 'null'] };
  }
  if (field.type === 'array') {
    const item = field.items?.type;
    const primitive = item === 'string' || item === 'number' || item === 'integer' || item === 'boolean';
    return { type: 'array', items: { type: primitive ? item : 'object' } };
  }
  return field.enum ? { type: field.type, enum: field.enum } : { type: field.type };
}

/**
 * The RxDB schema of a replicated collection, made from its zod schema (shared/protocol's table)
 * and the collection's storage hints: primary key `id`, indexes, maxLength and bounds where RxDB
 * needs them. collections.test.ts pins the result to what installed tablets hold.
 */
export function rxSchemaOf<K extends ReplicatedCollection>(collection: K): RxJsonSchema<Stored<DocOf<K>>> {
  const spec: CollectionSpec = REPLICATED[collection];
  const storage = spec.storage ?? {};
  const json = z.toJSONSchema(spec.doc, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const properties: Record<string, Record<string, unknown>> = {};
  const required: string[] = [];
  for (const [name, field] of Object.entries(json.properties ?? {})) {
    if (name === '_deleted') continue;
    properties[name] = {
      ...storedField(field),
      ...(storage.maxLength?.[name] !== undefined ? { maxLength: storage.maxLength[name] } : {}),
      ...storage.bounds?.[name],
    };
    if (!field.anyOf && !storage.notRequired?.includes(name)) required.push(name);
  }
  properties.id = id;
  return {
    version: spec.version,
    primaryKey: 'id',
    type: 'object',
    properties,
    required,
    ...(storage.indexes ? { indexes: storage.indexes } : {}),
  } as unknown as RxJsonSchema<Stored<DocOf<K>>>;
}

/**
 * Every replicated collection of the table, and the local acks: 11. RxDB's free storage opens at
 * most 13 per process, and the database's own internal and local-document stores take two of
 * them, so a twelfth collection needs a storage without that limit or one collection fewer.
 */
export type PosCollections = { [K in ReplicatedCollection]: RxCollection<Stored<DocOf<K>>> } & {
  acks: RxCollection<AckRow>;
};

export type PosDatabase = RxDatabase<PosCollections>;

/**
 * RxDB's migration strategies of a collection: its upgrades from shared/protocol's table, the same
 * functions the server applies to a push of an older version, so a tablet that updates with unsynced
 * documents keeps them and pushes them upgraded.
 */
export function migrationStrategiesOf(collection: ReplicatedCollection): MigrationStrategies {
  const spec: CollectionSpec = REPLICATED[collection];
  return Object.fromEntries(
    Object.entries(spec.upgrades).map(([version, upgrade]) => [
      version,
      (doc: Record<string, unknown>) => upgrade(doc),
    ]),
  );
}

export const POS_SCHEMAS = {
  ...(Object.fromEntries(REPLICATED_COLLECTIONS.map((c) => [c, rxSchemaOf(c)])) as {
    [K in ReplicatedCollection]: RxJsonSchema<Stored<DocOf<K>>>;
  }),
  acks: ackSchema,
};
