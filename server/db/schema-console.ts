/** Row types of the console's migrations (0009 onwards). */
export interface ConsoleTables {
  /** One-time codes that create the first administrator; a new code replaces the unused ones. */
  setup_codes: {
    /** sha256 of the normalized code. */
    code_hash: string;
    created_at: string;
    expires_at: string;
    used_at: string | null;
  };
}
