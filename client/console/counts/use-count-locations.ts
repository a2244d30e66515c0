import { usePlaces } from '../api/use-places';
import { useManager } from '../session/session-context';

/** Locations the manager may count: the central warehouse for administrators, and their branches. */
export function useCountLocations(): { id: string; name: string }[] {
  const manager = useManager();
  const { branches, placeName } = usePlaces();
  return [
    ...(manager.role === 'admin' ? [{ id: 'central', name: placeName('central') }] : []),
    ...branches.map((b) => ({ id: b.locationId, name: b.name })),
  ];
}
