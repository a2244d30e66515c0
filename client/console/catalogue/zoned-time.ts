/**
 * "2026-12-01T08:00" typed for a time zone → the instant (ISO with Z). Intl gives the zone's offset
 * at that moment; a second pass settles the rare case where the offset itself changes in between.
 */
export function zonedLocalToIso(local: string, timeZone: string): string {
  const asUtc = Date.parse(`${local}:00Z`);
  if (Number.isNaN(asUtc)) throw new Error('not a date');
  const offset = (at: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(at));
    const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - at;
  };
  let at = asUtc - offset(asUtc);
  at = asUtc - offset(at);
  return new Date(at).toISOString();
}
