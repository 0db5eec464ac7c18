/**
 * Times in records: ISO 8601 with an offset, a bare date, or a bare HH:MM
 * clock time read relative to an anchor (the incident start, or the previous
 * timeline entry so that a timeline rolls past midnight in order).
 */

export interface Instant {
  /** Epoch milliseconds. */
  readonly ms: number;
  /** Offset from UTC in minutes, as written (used to display local clock times). */
  readonly offsetMinutes: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^(\d{1,2}):(\d{2})$/;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type TimeParse =
  | { kind: 'instant'; instant: Instant }
  | { kind: 'clock'; minutesOfDay: number }
  | { kind: 'error'; message: string };

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

/** Parses a time as written. Dates without a clock time are read as midnight UTC. */
export function parseTime(raw: string, opts: { allowDate?: boolean } = {}): TimeParse {
  const value = raw.trim();
  const clock = CLOCK.exec(value);
  if (clock) {
    const h = Number(clock[1]);
    const m = Number(clock[2]);
    if (h > 23 || m > 59) return { kind: 'error', message: `"${raw}" is not a valid clock time` };
    return { kind: 'clock', minutesOfDay: h * 60 + m };
  }
  const iso = ISO.exec(value);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, off] = iso;
    if (!validDate(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) {
      return { kind: 'error', message: `"${raw}" is not a valid date and time` };
    }
    if (!off) {
      return { kind: 'error', message: `"${raw}" has no UTC offset; write it like ${y}-${mo}-${d}T${h}:${mi}:00+00:00` };
    }
    const offsetMinutes = parseOffset(off);
    const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), Number((frac ?? '0').padEnd(3, '0')));
    return { kind: 'instant', instant: { ms: local - offsetMinutes * MINUTE, offsetMinutes } };
  }
  const date = DATE.exec(value);
  if (date && opts.allowDate) {
    const [, y, mo, d] = date;
    if (!validDate(Number(y), Number(mo), Number(d))) return { kind: 'error', message: `"${raw}" is not a valid date` };
    return { kind: 'instant', instant: { ms: Date.UTC(Number(y), Number(mo) - 1, Number(d)), offsetMinutes: 0 } };
  }
  return {
    kind: 'error',
    message: `"${raw}" is not a time: expected ISO 8601 with offset (2025-03-18T14:37:00+03:00) or HH:MM`,
  };
}

/**
 * Reads a clock time as the occurrence nearest to the anchor, in the anchor's
 * offset: 00:10 after 23:50 is the next day, 14:55 after 15:02 stays the same
 * day (and is then reported as out of order rather than silently moved).
 */
export function resolveClock(minutesOfDay: number, anchor: Instant): Instant {
  const localAnchor = anchor.ms + anchor.offsetMinutes * MINUTE;
  const dayStart = localAnchor - (((localAnchor % DAY) + DAY) % DAY);
  let local = dayStart + minutesOfDay * MINUTE;
  if (local - localAnchor < -12 * HOUR) local += DAY;
  else if (local - localAnchor >= 12 * HOUR) local -= DAY;
  return { ms: local - anchor.offsetMinutes * MINUTE, offsetMinutes: anchor.offsetMinutes };
}

/** Resolves any time field: an ISO instant as is, a clock time against the anchor. */
export function resolveTime(raw: string, anchor: Instant | undefined, opts: { allowDate?: boolean } = {}): Instant | { error: string } {
  const parsed = parseTime(raw, opts);
  if (parsed.kind === 'error') return { error: parsed.message };
  if (parsed.kind === 'instant') return parsed.instant;
  if (!anchor) return { error: `"${raw}" is a bare clock time but the incident has no valid start to read it against` };
  return resolveClock(parsed.minutesOfDay, anchor);
}

/** "2h 15m", "2 hours 15 minutes", "135m", "PT2H15M", "1d 3h" → minutes. */
export function parseDuration(raw: string): number | undefined {
  const value = raw.trim().toLowerCase();
  const iso = /^p(?:(\d+)d)?(?:t(?:(\d+)h)?(?:(\d+)m)?)?$/.exec(value);
  if (iso && value !== 'p' && value !== 'pt') {
    return Number(iso[1] ?? 0) * 1440 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0);
  }
  const part = /(\d+)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m)\b/g;
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

/** 135 → "2h 15m"; 0 → "0m"; 1500 → "1d 1h". */
export function formatDuration(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 0) return `-${formatDuration(-m)}`;
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  const parts: string[] = [];
  if (d) parts.push(`${d}d`);
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

/** Local clock time "14:37" of an instant in its own offset. */
export function formatClock(instant: Instant): string {
  const local = new Date(instant.ms + instant.offsetMinutes * MINUTE);
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
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
