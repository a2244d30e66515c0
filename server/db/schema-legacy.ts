/** Row types of the seed's legacy API (migration 0005): keys issued per branch and the sale notifications they sent. */
export interface LegacyTables {
  legacy_keys: {
    id: string;
    branch_id: string;
    /** The pseudo-device its sales are recorded under, so they number and pull like any device's. */
    device_id: string;
    /** sha256 of the key; the key itself is shown once and never stored. */
    key_hash: string;
    /** First characters of the key, to recognise it in `legacy-key list` and revoke it. */
    key_prefix: string;
    /** Legacy receipt sequence of this key (device_seq of its last sale). */
    last_seq: number;
    created_at: string;
    revoked_at: string | null;
  };
  legacy_notifications: {
    id: string;
    branch_id: string;
    key_id: string;
    product_legacy_id: number;
    /** The prototype's timestamp as it sent it: with branch and product, what makes a retry the same notification. */
    sale_timestamp: string;
    quantity: number;
    sale_price_cents: number;
    master_price_cents: number;
    sale_id: string;
    /** The JSON answered the first time, answered again to every retry. */
    response: string;
    received_at: string;
  };
}
