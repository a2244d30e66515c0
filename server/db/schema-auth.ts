/** Row types of migration 0002 (managers, their sessions, the latest health report of each device) and 0006 (failed attempts). */
export interface AuthTables {
  managers: {
    id: string;
    email: string;
    name: string;
    role: 'admin' | 'branch_manager';
    /** JSON array of branch ids for a branch manager; null for an admin (every branch). */
    branch_ids: string | null;
    /** scrypt$N$r$p$salt$hash (base64url), see server/auth/manager-password.ts. */
    password_hash: string;
    created_at: string;
    disabled_at: string | null;
  };
  manager_sessions: {
    /** sha256 of the cookie value: a leaked database does not leak live sessions. */
    token_hash: string;
    manager_id: string;
    csrf_token: string;
    created_at: string;
    expires_at: string;
    last_seen_at: string;
  };
  device_status: {
    device_id: string;
    app_version: string;
    online: number;
    breaker: 'closed' | 'open' | 'half_open';
    pending_count: number;
    pending_value_cents: number;
    rejected_count: number;
    /** Device clock, display only (invariant 5). */
    last_sync_at: string | null;
    /** The whole report as the device sent it (JSON). */
    report: string;
    /** Server clock when the report arrived. */
    received_at: string;
  };
  /** Failed sign-ins and pairings per key (server/http/rate-limit.ts), shared by every server instance. */
  failed_attempts: {
    /** The limit's name and the client's key, e.g. "sign-in:email:rosa@…" or "pairing:203.0.113.7". */
    key: string;
    hits: number;
    /** Server clock (ms since the epoch) when the window ends and the count starts again. */
    reset_at_ms: number;
  };
}
