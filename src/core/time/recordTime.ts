/**
 * Times in records, as real postmortems give them:
 *   - ISO 8601 with an offset (2017-01-31T23:27:00Z), or without one when the
 *     record names its IANA time zone (timeZone: America/Los_Angeles);
 *   - a bare HH:MM clock time, read FORWARD from its anchor (the incident
 *     start, or the previous timeline entry): 00:10 after 23:50 is the next
 *     day, and 09:00 after 09:20 is the next day too, never a negative gap;
 *   - a bare date (2021-05-12) where a day is all the source says: placed at
 *     the start of that day, shown as the date, left out of minute figures;
 *   - any of them approximate with a leading "~" ("~23:30"), shown "≈ 23:30".
 */

export interface Instant {
  /** Epoch milliseconds. */
  readonly ms: number;
  /** Offset from UTC in minutes, as written (used to display local clock times). */
  readonly offsetMinutes: number;
  /** 'day': only the date is known (ms is the start of that day). */
  readonly precision?: 'day';
  /** Written with "~": the source says "around". */
  readonly approximate?: boolean;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(zone: string): Intl.DateTimeFormat {
  let f = zoneFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zoneFormats.set(zone, f);
  }
  return f;
}

/** Is this an IANA time zone name the runtime knows (America/Los_Angeles, UTC)? */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    zoneFormat(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC, in minutes, at that instant (DST included). */
export function zoneOffsetMinutes(zone: string, utcMs: number): number {
  const parts = Object.fromEntries(
    zoneFormat(zone)
      .formatToParts(new Date(utcMs))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / MINUTE);
}

/** The UTC instant of a wall-clock time in the zone (`local` = that wall clock read as if it were UTC). */
function zoneLocalToUtc(zone: string, local: number): number {
  const first = local - zoneOffsetMinutes(zone, local) * MINUTE;
  return local - zoneOffsetMinutes(zone, first) * MINUTE;
}

/** How a record places times that carry no offset: its time zone, else the offset of the anchor. */
export interface TimeOptions {
  /** Bare dates are accepted (timeline entries, deadlines, lastVerified). */
  readonly allowDate?: boolean;
  /** The record's IANA time zone. */
  readonly zone?: string;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^(\d{1,2}):(\d{2})$/;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type TimeParse =
  | { kind: 'instant'; instant: Instant }
  | { kind: 'clock'; minutesOfDay: number; approximate?: boolean }
  | { kind: 'date'; year: number; month: number; day: number; approximate?: boolean }
  | { kind: 'error'; message: string };

/** "~" (or "≈") in front marks a time as approximate. */
function splitApproximate(raw: string): { value: string; approximate: boolean } {
  const value = raw.trim();
  const m = /^(?:~|≈)\s*/.exec(value);
  return m ? { value: value.slice(m[0].length), approximate: true } : { value, approximate: false };
}

const mark = <T extends object>(value: T, approximate: boolean): T => (approximate ? { ...value, approximate: true } : value);

function parseOffset(raw: string): number {
  if (raw === 'Z') return 0;
  const sign = raw.startsWith('-') ? -1 : 1;
  const digits = raw.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

function validDate(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** Parses a time as written. A bare date (when `allowDate`) is returned as a date; resolveTime places it. */
export function parseTime(raw: string, opts: TimeOptions = {}): TimeParse {
  const { value, approximate } = splitApproximate(raw);
  const clock = CLOCK.exec(value);
  if (clock) {
    const h = Number(clock[1]);
    const m = Number(clock[2]);
    if (h > 23 || m > 59) return { kind: 'error', message: `"${raw}" is not a valid clock time` };
    return mark({ kind: 'clock', minutesOfDay: h * 60 + m }, approximate);
  }
  const iso = ISO.exec(value);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, off] = iso;
    if (!validDate(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) {
      return { kind: 'error', message: `"${raw}" is not a valid date and time` };
    }
    const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), Number((frac ?? '0').padEnd(3, '0')));
    if (!off) {
      if (!opts.zone)
        return { kind: 'error', message: `"${raw}" has no UTC offset; write it like ${y}-${mo}-${d}T${h}:${mi}:00+00:00, or name the record's timeZone` };
      const ms = zoneLocalToUtc(opts.zone, local);
      return { kind: 'instant', instant: mark({ ms, offsetMinutes: zoneOffsetMinutes(opts.zone, ms) }, approximate) };
    }
    const offsetMinutes = parseOffset(off);
    return { kind: 'instant', instant: mark({ ms: local - offsetMinutes * MINUTE, offsetMinutes }, approximate) };
  }
  const date = DATE.exec(value);
  if (date && opts.allowDate) {
    const [, y, mo, d] = date;
    if (!validDate(Number(y), Number(mo), Number(d))) return { kind: 'error', message: `"${raw}" is not a valid date` };
    return mark({ kind: 'date', year: Number(y), month: Number(mo), day: Number(d) }, approximate);
  }
  return {
    kind: 'error',
    message: `"${raw}" is not a time: expected ISO 8601 with offset (2025-03-18T14:37:00+03:00), HH:MM${opts.allowDate ? ', or a date (2025-03-18)' : ''}`,
  };
}

/**
 * Reads a clock time forward from the anchor, in the record's zone or the
 * anchor's offset: the first such clock time at or after the anchor. 00:10
 * after 23:50 is the next day; 14:55 after 15:02 is the next day as well
 * (the model flags a forward gap of more than 12 hours, asking for the date).
 */
export function resolveClock(minutesOfDay: number, anchor: Instant, zone?: string): Instant {
  const offset = zone ? zoneOffsetMinutes(zone, anchor.ms) : anchor.offsetMinutes;
  const localAnchor = anchor.ms + offset * MINUTE;
  let local = floorToDay(localAnchor) + minutesOfDay * MINUTE;
  if (local < localAnchor) local += DAY;
  if (!zone) return { ms: local - offset * MINUTE, offsetMinutes: offset };
  const ms = zoneLocalToUtc(zone, local);
  return { ms, offsetMinutes: zoneOffsetMinutes(zone, ms) };
}

/** A bare date as the start of that day, in the zone, else the anchor's offset, else UTC. */
function placeDate(year: number, month: number, day: number, anchor: Instant | undefined, zone?: string): Instant {
  const local = Date.UTC(year, month - 1, day);
  if (zone) {
    const ms = zoneLocalToUtc(zone, local);
    return { ms, offsetMinutes: zoneOffsetMinutes(zone, ms), precision: 'day' };
  }
  const offsetMinutes = anchor?.offsetMinutes ?? 0;
  return { ms: local - offsetMinutes * MINUTE, offsetMinutes, precision: 'day' };
}

/**
 * A bare clock time read more than this far after its anchor may be on a
 * later day: the model asks for the date, and writers use a full time.
 */
export const CLOCK_MAY_BE_ANOTHER_DAY_MS = 12 * HOUR;

function floorToDay(localMs: number): number {
  return localMs - (((localMs % DAY) + DAY) % DAY);
}

/** The instant its local day (in its own offset) began. */
export function localDayStart(at: Instant): number {
  const offset = at.offsetMinutes * MINUTE;
  return floorToDay(at.ms + offset) - offset;
}

/** Resolves any time field: an ISO instant as is, a clock time forward from the anchor, a date at its day. */
export function resolveTime(raw: string, anchor: Instant | undefined, opts: TimeOptions = {}): Instant | { error: string } {
  const parsed = parseTime(raw, opts);
  if (parsed.kind === 'error') return { error: parsed.message };
  if (parsed.kind === 'instant') return parsed.instant;
  if (parsed.kind === 'date') return mark(placeDate(parsed.year, parsed.month, parsed.day, anchor, opts.zone), parsed.approximate === true);
  if (!anchor) return { error: `"${raw}" is a bare clock time but the incident has no valid start to read it against` };
  return mark(resolveClock(parsed.minutesOfDay, anchor, opts.zone), parsed.approximate === true);
}

/** "2h 15m", "2h57m", "24h11m", "2 hours 15 minutes", "135m", "90 min", "PT2H15M", "1d 3h" → minutes. */
export function parseDuration(raw: string): number | undefined {
  const value = raw.trim().toLowerCase();
  const iso = /^p(?:(\d+)d)?(?:t(?:(\d+)h)?(?:(\d+)m)?)?$/.exec(value);
  if (iso && value !== 'p' && value !== 'pt') {
    return Number(iso[1] ?? 0) * 1440 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0);
  }
  // A unit ends where letters end, so "2h57m" reads as 2h + 57m.
  const part = /(\d+)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m)(?![a-z])/g;
  let total = 0;
  let matched = '';
  for (let m = part.exec(value); m; m = part.exec(value)) {
    const n = Number(m[1]);
    const unit = m[2]![0];
    total += unit === 'd' ? n * 1440 : unit === 'h' ? n * 60 : n;
    matched += m[0];
  }
  const rest = value.replace(part, '').replace(/[\s,]|and/g, '');
  if (!matched || rest.length > 0) return undefined;
  return total;
}

/** 135 → "2h 15m"; 0 → "0m"; 1451 → "24h 11m" (hours are kept past a day, as postmortems write them). */
export function formatDuration(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 0) return `-${formatDuration(-m)}`;
  const h = Math.floor(m / 60);
  const min = m % 60;
  const parts: string[] = [];
  if (h) parts.push(`${h}h`);
  if (min || parts.length === 0) parts.push(`${min}m`);
  return parts.join(' ');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** ISO 8601 in the given offset: 2025-03-18T14:37:00+03:00. */
export function formatInstant(instant: Instant): string {
  const local = new Date(instant.ms + instant.offsetMinutes * MINUTE);
  const off = instant.offsetMinutes;
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/**
 * Local clock time "14:37" of an instant in its own offset; a date-only
 * instant shows its date, an approximate one "≈ 14:37".
 */
export function formatClock(instant: Instant): string {
  const local = new Date(instant.ms + instant.offsetMinutes * MINUTE);
  const text = instant.precision === 'day' ? formatInstant(instant).slice(0, 10) : `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  return instant.approximate ? `≈ ${text}` : text;
}

/** Local date "2025-03-18" of an instant in its own offset. */
export function formatDate(instant: Instant): string {
  return formatInstant(instant).slice(0, 10);
}

/** "8 months ago", "3 days ago", "in 2 hours". */
export function formatRelative(ms: number, now: number): string {
  const diff = now - ms;
  const abs = Math.abs(diff);
  const units: Array<[number, string]> = [
    [365 * DAY, 'year'],
    [30 * DAY, 'month'],
    [7 * DAY, 'week'],
    [DAY, 'day'],
    [HOUR, 'hour'],
    [MINUTE, 'minute'],
  ];
  for (const [size, name] of units) {
    if (abs >= size) {
      const n = Math.floor(abs / size);
      const label = `${n} ${name}${n === 1 ? '' : 's'}`;
      return diff >= 0 ? `${label} ago` : `in ${label}`;
    }
  }
  return 'just now';
}

export const TIME = { MINUTE, HOUR, DAY } as const;
