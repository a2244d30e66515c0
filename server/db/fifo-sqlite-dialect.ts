import { SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

/**
 * First come, first served for the one SQLite connection: a release wakes only the next waiter. Kysely's own
 * lock (0.28) wakes every waiter on each release and all but one wait again, so n queued queries cost n² wake-ups:
 * 1,000 requests waiting behind a group commit (a reconnect storm) took 987 ms of wall time and 253 ms of CPU to
 * get through it, 18 ms and 2 ms this way (docs/benchmarks.md, issue 14).
 */
export class FifoLock {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  lock(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  unlock(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

/** Kysely's SQLite driver behind a FifoLock: its own lock is then always free when asked. */
class FifoSqliteDriver extends SqliteDriver {
  private readonly turn = new FifoLock();

  override async acquireConnection(): Promise<DatabaseConnection> {
    await this.turn.lock();
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    this.turn.unlock();
  }
}

export class FifoSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new FifoSqliteDriver(this.settings);
  }
}
