import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Db } from '../db/database';
import { CHANGE_COLLECTIONS, ChangeBus, type ChangeEvent } from './change-bus';

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; stay well below. */
export const MAX_PAYLOAD_BYTES = 7900;

interface Envelope {
  /** Instance that published it: it has already delivered the event to its own subscribers. */
  o: string;
  e: ChangeEvent;
}

export interface PgChangeBusOptions {
  db: Db;
  databaseUrl: string;
  logger: Logger;
  /** Channel name; defaults to ecomarket_changes, suffixed with the schema when not `public`. */
  channel?: string;
  /** First reconnect delay; doubles up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * The change bus of several server instances on one PostgreSQL database (scale-out). Each event
 * is delivered at once to this instance's subscribers and sent with pg_notify to the others; each
 * instance LISTENs on a dedicated connection and hands what the others sent to its subscribers.
 * publish() is called after commit, so no instance hears of a change before it is visible.
 * If the LISTEN connection drops it reconnects with backoff, then tells every subscriber that
 * everything may have changed (events sent meanwhile are lost), so devices and consoles re-pull.
 */
export class PgChangeBus extends ChangeBus {
  readonly instanceId = randomUUID();
  readonly channel: string;
  private client: pg.Client | null = null;
  private closing = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private backoff: number;
  private queued: string[] = [];
  private flushing: Promise<void> | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  private constructor(private readonly options: PgChangeBusOptions & { channel: string }) {
    super();
    this.channel = options.channel;
    this.backoff = options.backoffMs ?? 100;
  }

  /** Resolves once the instance listens, so no event published after start is missed. */
  static async start(options: PgChangeBusOptions): Promise<PgChangeBus> {
    let channel = options.channel;
    if (!channel) {
      const schema = await sql<{ schema: string }>`select current_schema() as schema`.execute(options.db);
      const name = schema.rows[0]?.schema ?? 'public';
      channel = name === 'public' ? 'ecomarket_changes' : `ecomarket_changes_${name}`;
    }
    const bus = new PgChangeBus({ ...options, channel: channel.slice(0, 63) });
    await bus.connect(false);
    return bus;
  }

  override publish(event: ChangeEvent): void {
    this.deliver(event);
    for (const payload of envelopes(this.instanceId, event)) this.queued.push(payload);
    // Events published in the same tick go out in one round trip.
    this.flushing ??= Promise.resolve().then(() => this.flush());
  }

  override async close(): Promise<void> {
    this.closing = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.flushing;
    await Promise.allSettled([...this.inFlight]);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** Whether the LISTEN connection is up (for health checks and tests). */
  get listening(): boolean {
    return this.client !== null;
  }

  /** Drops the LISTEN connection as a network failure would (tests of the reconnect). */
  simulateConnectionLoss(): void {
    const client = this.client;
    if (!client) return;
    (client as unknown as { connection: { stream: { destroy(err?: Error): void } } }).connection.stream.destroy(
      new Error('simulated connection loss'),
    );
  }

  private flush(): Promise<void> {
    const payloads = this.queued;
    this.queued = [];
    this.flushing = null;
    if (payloads.length === 0 || this.closing) return Promise.resolve();
    const sent = sql`select pg_notify(${this.channel}, p) from unnest(${payloads}::text[]) as p`
      .execute(this.options.db)
      .then(
        () => undefined,
        (err: unknown) =>
          this.options.logger.error(
            { err, events: payloads.length },
            'could not send change notification to other server instances',
          ),
      );
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
    return sent;
  }

  private async connect(isReconnect: boolean): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      connectionTimeoutMillis: 5000,
      keepAlive: true,
    });
    client.on('notification', (msg) => {
      if (msg.channel !== this.channel || !msg.payload) return;
      try {
        const envelope = JSON.parse(msg.payload) as Envelope;
        if (envelope.o !== this.instanceId) this.deliver(envelope.e);
      } catch (err) {
        this.options.logger.warn({ err }, 'ignored a malformed change notification');
      }
    });
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => undefined);
      if (this.closing) return;
      this.options.logger.warn({ err: err?.message }, 'lost the PostgreSQL LISTEN connection; reconnecting');
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.channel)}`);
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      if (!isReconnect) throw err;
      this.options.logger.warn(
        { err: (err as Error).message, retryInMs: this.backoff },
        'PostgreSQL LISTEN reconnect failed',
      );
      this.scheduleReconnect();
      return;
    }
    if (this.closing) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.backoff = this.options.backoffMs ?? 100;
    if (isReconnect) {
      this.options.logger.info('PostgreSQL LISTEN connection back');
      await this.announceResync();
    }
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.closing) return;
    const delay = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.options.maxBackoffMs ?? 5000);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect(true);
    }, delay);
    this.reconnectTimer.unref();
  }

  /** After a gap in LISTEN, tell every subscriber to re-pull everything from its checkpoint. */
  private async announceResync(): Promise<void> {
    try {
      const seq = await this.options.db
        .selectFrom('server_sequence')
        .select('value')
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      const locations = await this.options.db.selectFrom('locations').select('id').execute();
      const branches = await this.options.db.selectFrom('branches').select('id').execute();
      this.deliver({
        seq: Number(seq.value),
        collections: [...CHANGE_COLLECTIONS],
        locationIds: locations.map((l) => l.id),
        branchIds: branches.map((b) => b.id),
      });
    } catch (err) {
      this.options.logger.error({ err }, 'could not announce a resync after the LISTEN gap');
    }
  }
}

/**
 * The event as one or more NOTIFY payloads under the size limit: a long list of locations or
 * branches is split across several events, each complete on its own.
 */
export function envelopes(instanceId: string, event: ChangeEvent): string[] {
  const whole = JSON.stringify({ o: instanceId, e: event } satisfies Envelope);
  if (Buffer.byteLength(whole) < MAX_PAYLOAD_BYTES) return [whole];
  const locations = event.locationIds;
  const branches = event.branchIds ?? [];
  if (locations.length + branches.length <= 1)
    throw new Error('a change event is too large for a PostgreSQL notification');
  const half = (list: string[]) =>
    [list.slice(0, Math.ceil(list.length / 2)), list.slice(Math.ceil(list.length / 2))] as const;
  const [l1, l2] = half(locations);
  const [b1, b2] = half(branches);
  const part = (locationIds: string[], branchIds: string[]): ChangeEvent => ({
    ...event,
    locationIds,
    ...(event.branchIds ? { branchIds } : {}),
  });
  return [...envelopes(instanceId, part(l1, b1)), ...envelopes(instanceId, part(l2, b2))];
}

/** The bus for this configuration: PostgreSQL LISTEN/NOTIFY across instances, or in-process for SQLite. */
export async function createChangeBus(options: {
  kind: 'sqlite' | 'postgres';
  db: Db;
  databaseUrl: string;
  logger: Logger;
}): Promise<ChangeBus> {
  if (options.kind !== 'postgres') return new ChangeBus();
  return PgChangeBus.start({ db: options.db, databaseUrl: options.databaseUrl, logger: options.logger });
}
