/** What the chaos run's main process and its device host processes say to each other (IPC). */

export interface DeviceSpec {
  /** Index of the device in the run (0..N-1). */
  index: number;
  /** Its IndexedDB name: the same name reopens the same local database after a "crash". */
  dbName: string;
  /** One-time pairing code issued for it by the main process. */
  code: string;
  /** How wrong its clock is, in ms (up to a day either way). */
  skewMs: number;
}

export interface SoldLine {
  productId: string;
  quantity: number;
}

export interface DeviceReport {
  index: number;
  deviceId: string;
  open: boolean;
  pending: number;
  rejected: number;
  /** Rejection codes of this device's refused documents, by sale id. */
  rejections: Record<string, string>;
  /** The stock the device shows, by product id. */
  displayed: Record<string, number>;
  /** Ids of every sale of this device in its local database. */
  saleIds: string[];
  /** Its sync engine's state in a few words (stream, outbox, last error), said of a device that did not drain. */
  sync: string;
}

export type ToHost =
  | { type: 'open'; devices: DeviceSpec[]; directUrl: string; proxyUrl: string }
  | { type: 'sell'; index: number; productPicks: { pick: number; quantity: number }[] }
  | { type: 'crash'; index: number; downMs: number }
  | { type: 'syncNow' }
  | { type: 'report' }
  | { type: 'close' };

export type FromHost =
  | { type: 'opened' }
  | { type: 'sold'; index: number; saleId: string; lines: SoldLine[] }
  | { type: 'sellFailed'; index: number; error: string }
  | { type: 'crashed'; index: number }
  | { type: 'reopened'; index: number }
  | { type: 'reopenFailed'; index: number; error: string }
  | { type: 'report'; devices: DeviceReport[] }
  | { type: 'closed' }
  | { type: 'error'; error: string };
