import { useEffect, useState } from 'react';

/** The current time, refreshed every `everyMs`, for "5 minutes ago" texts (a local clock, not a server poll). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
