import { BehaviorSubject } from 'rxjs';
import type { StorageStatus } from '../../sync/sync-engine';

/**
 * The browser may evict IndexedDB under storage pressure unless the site's storage is
 * persistent; unsynced sales live there, so the POS asks once at start and shows the answer.
 */
export const storageStatus$ = new BehaviorSubject<StorageStatus & { asked: boolean }>({
  usageBytes: null,
  quotaBytes: null,
  persisted: null,
  asked: false,
});

export async function readStorageStatus(): Promise<StorageStatus> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage) return { usageBytes: null, quotaBytes: null, persisted: null };
  const [estimate, persisted] = await Promise.all([
    storage.estimate?.().catch(() => null),
    storage.persisted?.().catch(() => null),
  ]);
  const status = {
    usageBytes: estimate?.usage ?? null,
    quotaBytes: estimate?.quota ?? null,
    persisted: persisted ?? null,
  };
  storageStatus$.next({ ...status, asked: storageStatus$.value.asked });
  return status;
}

export async function requestPersistentStorage(): Promise<boolean | null> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.persist) return null;
  const already = await storage.persisted().catch(() => false);
  const granted = already || (await storage.persist().catch(() => false));
  storageStatus$.next({ ...storageStatus$.value, persisted: granted, asked: true });
  await readStorageStatus();
  return granted;
}

export function formatBytes(bytes: number | null, locale: string): string {
  if (bytes === null) return '—';
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}
