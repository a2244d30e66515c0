import { useCallback } from 'react';
import { defineMessages, useT } from '../i18n/i18n';
import { useBranches } from './use-branches';

const m = defineMessages({
  es: { central: 'Almacén central' },
  en: { central: 'Central warehouse' },
});

/** A location's name as managers know it: its branch's name, or the central warehouse. */
export function usePlaces() {
  const t = useT(m);
  const { branches } = useBranches();
  const placeName = useCallback(
    (locationId: string) =>
      branches.find((b) => b.locationId === locationId)?.name ?? (locationId === 'central' ? t('central') : locationId),
    [branches, t],
  );
  const branchOfLocation = useCallback(
    (locationId: string) => branches.find((b) => b.locationId === locationId),
    [branches],
  );
  return { branches, placeName, branchOfLocation };
}
