/**
 * Calendar maths in a branch's time zone (IANA name, e.g. "America/Mexico_City"), on the server
 * and in the console alike. Figures are per local day; instants are stored in UTC.
 */

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface LocalParts {
  /** YYYY-MM-DD */
  date: string;
  hour: number;
  minute: number;
}

/** The local calendar date, hour and minute of an instant in a time zone. */
export function localParts(instant: Date | string, timeZone: string): LocalParts {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const offset = ms >= FAST_FROM_MS && ms < FAST_UNTIL_MS ? steadyOffset(Math.floor(ms / HOUR_MS), timeZone) : null;
  if (offset === null) return localPartsOfIntl(typeof instant === 'string' ? new Date(instant) : instant, timeZone);
  const local = ms + offset;
  const day = Math.floor(local / DAY_MS);
  const inDay = local - day * DAY_MS;
  return { date: dateOfDay(day), hour: Math.floor(inDay / HOUR_MS), minute: Math.floor((inDay % HOUR_MS) / 60_000) };
}

/** localParts as Intl formats it: the reference the quicker path above must agree with (reports-time.test.ts). */
export function localPartsOfIntl(instant: Date, timeZone: string): LocalParts {
  const p: Record<string, string> = {};
  for (const part of formatterOf(timeZone).formatToParts(instant)) p[part.type] = part.value;
  return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour), minute: Number(p.minute) };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
// Years of four digits, which Intl writes as the date's own digits (outside them: Intl every time).
const FAST_FROM_MS = Date.UTC(1000, 0, 2);
const FAST_UNTIL_MS = Date.UTC(9999, 11, 30);

/**
 * Per zone, the offset in force through a whole UTC hour, or null when it changes within that hour.
 * Intl's formatToParts costs ~6 µs a call, and every ticket ingested files its local day and hour
 * (report summaries: docs/benchmarks.md, issue 14); a zone's offset changes at most a few times a
 * year, so the offset of an hour is asked of Intl once (twice: its first and its last second).
 * No zone changes its offset twice within an hour, so equal offsets at both ends hold throughout.
 */
const steadyOffsets = new Map<string, Map<number, number | null>>();
const MAX_HOURS_KEPT = 20_000;

function steadyOffset(hour: number, timeZone: string): number | null {
  let hours = steadyOffsets.get(timeZone);
  if (!hours) {
    formatterOf(timeZone); // an unknown zone throws here, as Intl's own path does
    hours = new Map();
    steadyOffsets.set(timeZone, hours);
  }
  let offset = hours.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR_MS;
    const first = offsetMs(start, timeZone);
    offset = offsetMs(start + HOUR_MS - 1000, timeZone) === first ? first : null;
    if (hours.size >= MAX_HOURS_KEPT) hours.clear();
    hours.set(hour, offset);
  }
  return offset;
}

/** YYYY-MM-DD of a day counted from 1970-01-01, kept once made. */
const dayNames = new Map<number, string>();

function dateOfDay(day: number): string {
  let name = dayNames.get(day);
  if (name === undefined) {
    name = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayNames.size >= MAX_HOURS_KEPT) dayNames.clear();
    dayNames.set(day, name);
  }
  return name;
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function offsetMs(ms: number, timeZone: string): number {
  const p: Record<string, string> = {};
  for (const part of formatterOf(timeZone).formatToParts(new Date(ms))) p[part.type] = part.value;
  const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The UTC instant at which a local date starts in a time zone (ISO string). */
export function localDayStart(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  let start = guess - offsetMs(guess, timeZone);
  // Across a change of offset the first guess is an hour off: correct with the offset at the start.
  start = guess - offsetMs(start, timeZone);
  return new Date(start).toISOString();
}

/**
 * A wall-clock time typed for a time zone ("2026-12-01T08:00") → the instant (ISO with Z). The zone's offset at
 * that moment comes from Intl; a second pass settles the rare case where the offset itself changes in between.
 */
export function zonedLocalToIso(local: string, timeZone: string): string {
  const asUtc = Date.parse(`${local}:00Z`);
  if (Number.isNaN(asUtc)) throw new Error('not a date');
  let at = asUtc - offsetMs(asUtc, timeZone);
  at = asUtc - offsetMs(at, timeZone);
  return new Date(at).toISOString();
}

/** The local date `days` days after `date` (negative for before). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The Monday that starts the ISO week of a local date. */
export function weekStart(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** Days from `from` to `to` inclusive (0 when to is before from). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}
