/**
 * The time at the head of a timeline line, in the shapes postmortems use:
 * `14:37`, `**14:37**`, `*14:37*` (italic), `2023-01-04/11:34`, `` `07:35` ``, `[13:26]`, `**01:38: text**`,
 * `2017-01-31 23:27 UTC`, `29-09-2021 15:46`, `Sep 29 2017 08:59`,
 * `7:09 AM Eastern`, `10h47 CEST`, `2024-03-12 0616:`, `~17:20`, `8:20 - 8:24`, `--:--`, and a
 * date alone (`` `May 31` ``, `2021-03-31`). Read with sticky patterns, each
 * anchored where the last ended: linear in the line's length.
 */
import { monthNumber, plausibleYear, type Day } from './inline';
import { ZONE_WORD, zoneFor, type Zone } from './zones';
import { WEEKDAY_RULE, weekdayNumber } from './weekday';
import { ISO_ZULU_RULE } from './spanMoment';

export interface Stamp {
  day?: Day;
  h?: number;
  m?: number;
  /** "--:--": a row that says its time is unknown; "22:XX": its hour only, as written. */
  unknownTime?: boolean | string;
  approx: boolean;
  zone?: Zone;
  until?: string;
  /** The stamp ends with a colon or its bold or code closes ("**Feb 05, 2021:** Disclosure"): a label, not words of a sentence. */
  labelled?: boolean;
  /** The text after the stamp (Markdown). */
  rest: string;
  /** Round 11: "Thurs 07:06 PDT: text": the weekday written before the time (0 Sunday … 6 Saturday). */
  weekday?: number;
}

const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const OPEN = /(\*\*|__|\*(?=\d)|_(?=\d)|`|\[|\()?\s?/y;
const APPROX = /(~|±|≈|approx\.?|around|about|ca\.)\s?/iy;
const ISO = /(\d{4})-(\d{2})-(\d{2})(?=$|[\sT,`*_\])|:]|\/\d)[ T,/]?\s?(?:at\s)?/y;
const NUMERIC = /(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?=$|[\s,`*\])|:])[ ,]?\s?/y;
/** A year after a day, unless a zone word follows it: "Feb 7 1506 UTC" is the 7th of February at 15:06. */
const YEAR = `(?:,? (\\d{4})(?!\\s?\\(?(?:UTC|GMT|Z)\\b))?`;
const MDY = new RegExp(`${MONTH} (\\d{1,2})(?:st|nd|rd|th)?${YEAR}(?=$|[\\s,\\x60*\\])|:])[ ,]?\\s?(?:at\\s)?`, 'iy');
const DMY = new RegExp(`(\\d{1,2})(?:st|nd|rd|th)? ${MONTH}${YEAR}(?=$|[\\s,\\x60*\\])|:])[ ,]?\\s?(?:at\\s)?`, 'iy');
const TIME = /(\d{1,2})(?::|h)(\d{2})(?::\d{2})?(?:\s?([ap])\.?m\.?(?![a-z]))?/iy;
/** "2024-03-12 0616: text": four digits after a date, the time without its colon (only there, and before ":" or a dash). */
const HHMM = /([01]\d|2[0-3])([0-5]\d)(?=:\s|\s[-–—]\s|\s?(?:UTC|GMT|Z)\b)/y;
/** "1936 UTC: text": four digits before a zone word are a time without its colon, with or without a day before them. */
const HHMM_ZONED = /([01]\d|2[0-3])([0-5]\d)(?=\s?(?:UTC|GMT|Z)\b)/y;
const UNKNOWN = /--:--|(?:[01]?\d|2[0-4]):[Xx?]{2}(?![\w])/y;
/** A time in bold or code after a day: "Dec 16th **12:43** `@who` text". */
const INNER = /(\*\*|__|`)(?=\d)/y;
const BETWEEN = /[-–]\s/y;
/**
 * "Wednesday 2019-01-30 - 08:35", "Thu, Feb 8 2024": a weekday before a day. Round 11: also before a time alone ("Thurs
 * 07:06 PDT: text"), kept in the stamp for the caller to check against the entry's day.
 */
const WEEKDAY = /(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s/iy;
const ZULU = /Z(?![A-Za-z0-9])/y;
/** Round 20 (chosen on held-out-22): "2017-12-11 16:10:16+01:00 | text": an offset written right after a time with seconds is its zone. */
export const APPROX_PAREN_RULE = { on: true };
const APPROX_PAREN = /\s?\((?:approx\.?|approximately|ca\.|circa|about|roughly|estimated)\)/iy;
export const ISO_OFFSET_RULE = { on: true };
const ISO_OFFSET = /([+-](?:0\d|1[0-4]):[0-5]\d)(?![\d:])/y;
const LATE_OPEN = /(`|\*\*)(?=\d)/y;
export const TILDE_OPEN_RULE = { on: true };
const ZONE = new RegExp(`\\s?\\(?(${ZONE_WORD})\\)?(?![A-Za-z/])`, 'y');
const UNTIL = /\s?[-–]\s?(\d{1,2}:\d{2})(?::\d{2})?(?!\d)/y;
/** " / 16:15 PDT", " / 17:33:20-17:33:24 PDT": the time (or range) again in a second zone. */
const AGAIN = new RegExp(`\\s?/\\s?~?\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?[-–]\\s?\\d{1,2}:\\d{2}(?::\\d{2})?)?\\s?(${ZONE_WORD})(?![A-Za-z/])`, 'y');
/** Round 10: a double hyphen is a dash typed in ASCII ("2013-03-27 00:29 UTC -- Incident opened."). */
const CLOSERS: Record<string, RegExp> = {
  '': /\s?:?\s?(?:(?:[—–]|--?)(?:\s|$)|:\s?)?/y,
  '**': /\s?(?:\*\*)?\s?:?\s?(?:\*\*)?\s?(?:(?:[—–]|--?)(?:\s|$)|:\s?)?/y,
  __: /\s?(?:__)?\s?:?\s?(?:__)?\s?(?:(?:[—–]|--?)(?:\s|$)|:\s?)?/y,
  // An italic time: "*06:00*: text", "_10:27_ text".
  '*': /\s?\*?\s?:?\s?(?:(?:[—–]|--?)(?:\s|$)|:\s?)?/y,
  _: /\s?_?\s?:?\s?(?:(?:[—–]|--?)(?:\s|$)|:\s?)?/y,
  '`': /\s?`?\s?:?\s?(?:(?:[—–]|--?)(?:\s|$)|:\s?)?/y,
  '[': /\s?\]?\s?:?\s?(?:(?:[—–]|--?)(?:\s|$)|:\s?)?/y,
  '(': /\s?\)?\s?:?\s?(?:(?:[—–]|--?)(?:\s|$)|:\s?)?/y,
};

function at(re: RegExp, s: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(s);
}

/**
 * The stamp at the head of `s`, or undefined. `dayFirst`: the document writes
 * numeric dates day first (29-09-2021); otherwise a numeric date is not read.
 */
export function leadingStamp(input: string, dayFirst: boolean): Stamp | undefined {
  let s = input.trim();
  // A wholly bold entry: "**01:38: alerts fired**" is the entry "01:38: alerts fired".
  if (s.startsWith('**') && s.endsWith('**') && s.length > 4 && !s.slice(2, -2).includes('**')) s = s.slice(2, -2);
  const open = at(OPEN, s, 0);
  let i = open?.[0].length ?? 0;
  const approx = at(APPROX, s, i);
  if (approx) i += approx[0].length;
  const late = approx && !open?.[1] ? lateOpen(s, i) : null;
  i += late?.[0].length ?? 0;
  let day: Day | undefined;
  const weekday = at(WEEKDAY, s, i);
  const k = weekday ? i + weekday[0].length : i;
  if (weekday && (at(ISO, s, k) || at(MDY, s, k) || at(DMY, s, k) || (dayFirst && at(NUMERIC, s, k)))) i = k;
  const weekdayOnly = weekday && i !== k && WEEKDAY_RULE.on && at(TIME, s, k) ? weekdayNumber(weekday[0]) : undefined;
  if (weekdayOnly !== undefined) i = k;
  const iso = at(ISO, s, i);
  const num = !iso && dayFirst ? at(NUMERIC, s, i) : null;
  const mdy = !iso && !num ? at(MDY, s, i) : null;
  const dmy = !iso && !num && !mdy ? at(DMY, s, i) : null;
  if (iso) day = { y: Number(iso[1]), m: Number(iso[2]), d: Number(iso[3]) };
  else if (num) day = { y: Number(num[3]), m: Number(num[2]), d: Number(num[1]) };
  else if (mdy) day = { y: mdy[3] ? Number(mdy[3]) : undefined, m: monthNumber(mdy[1]!), d: Number(mdy[2]) };
  else if (dmy) day = { y: dmy[3] ? Number(dmy[3]) : undefined, m: monthNumber(dmy[2]!), d: Number(dmy[1]) };
  const dm = iso ?? num ?? mdy ?? dmy;
  if (dm) i += dm[0].length;
  // "24-10-2024 - 08:15", "06-05-2026 ~08:50": a dash or an approximate mark between the day and the time.
  const between = dm ? at(BETWEEN, s, i) : null;
  if (between && at(TIME, s, i + between[0].length)) i += between[0].length;
  const approxAfter = dm && !approx ? at(APPROX, s, i) : null;
  const lateApprox = !!approxAfter && !!at(TIME, s, i + approxAfter[0].length);
  if (lateApprox) i += approxAfter![0].length;
  const inner = dm && !open?.[1] && !late ? at(INNER, s, i) : null;
  const opener = inner && (at(TIME, s, i + inner[0].length) || at(UNKNOWN, s, i + inner[0].length)) ? inner[1]! : (open?.[1] ?? late?.[1]);
  if (inner && opener === inner[1]) i += inner[0].length;
  if (day && (day.m < 1 || day.m > 12 || day.d < 1 || day.d > 31 || !plausibleYear(day.y))) return undefined;
  const out: Stamp = { approx: !!approx || lateApprox, rest: '', ...(weekdayOnly !== undefined ? { weekday: weekdayOnly } : {}) };
  if (day) out.day = day;
  const t = at(TIME, s, i) ?? (day?.y ? at(HHMM, s, i) : at(HHMM_ZONED, s, i));
  const unknown = !t && at(UNKNOWN, s, i);
  if (t) {
    let h = Number(t[1]);
    const m = Number(t[2]);
    if (t[3]) h = (h % 12) + (t[3].toLowerCase() === 'p' ? 12 : 0);
    if (h > 23 || m > 59) return undefined;
    out.h = h;
    out.m = m;
    i += t[0].length;
  } else if (unknown) {
    out.unknownTime = unknown[0] === '--:--' ? true : unknown[0];
    i += unknown[0].length;
  } else if (!day) return undefined;
  const z = zoneAt(s, i, !!t, !!t && /:\d{2}:\d{2}/.test(t[0]));
  if (z) [out.zone, i] = [z.zone, i + z.length];
  const until = t && at(UNTIL, s, i);
  if (until) {
    out.until = until[1];
    i += until[0].length;
    const after = !z ? at(ZONE, s, i) : null;
    const zz = after && zoneFor(after[1]!);
    if (zz) {
      out.zone = zz;
      i += after![0].length;
    }
  }
  if (t || (day && !unknown)) i = approxParen(s, i, out, !t);
  // Round 10: "**23:15 UTC / 16:15 PDT**: text": the same moment again in another zone is not the entry's text.
  const again = t && (out.zone || until) ? at(AGAIN, s, i) : null;
  if (again && zoneFor(again[1]!)) i += again[0].length;
  const close = at(CLOSERS[opener ?? ''] ?? CLOSERS['']!, s, i);
  const closer = close?.[0].trim() ?? '';
  if (close) i += close[0].length;
  // A date alone must stand apart from the text ("May 5 people were paged" is no stamp).
  if (!t && !unknown && !closer && !opener && s.slice(i).trim() && !s.slice(i).trim().startsWith('(')) return undefined;
  if (closer.includes(':') || (!!opener && closer !== '')) out.labelled = true;
  out.rest = s.slice(i).trim();
  if (day && !t && !unknown && closer) timeInText(out);
  return out;
}

/**
 * Round 20: "20:00 (approx.) the network recovered": the mark in parentheses after the time makes it approximate.
 * Round 22 (chosen on held-out-24): so does "(est.)", and after a day alone too ("**2026-04-04 (est.)** | k8s02 disk
 * pressure …" is ~2026-04-04).
 */
export const ESTIMATE_PAREN_RULE = { on: true };
const ESTIMATE_PAREN = /\s?\(est\.?\)/iy;

function approxParen(s: string, i: number, out: Stamp, dayOnly: boolean): number {
  const late = ESTIMATE_PAREN_RULE.on ? (at(ESTIMATE_PAREN, s, i) ?? (dayOnly ? at(APPROX_PAREN, s, i) : null)) : null;
  const m = late ?? (APPROX_PAREN_RULE.on && !dayOnly ? at(APPROX_PAREN, s, i) : null);
  if (m) out.approx = true;
  return m ? i + m[0].length : i;
}

/** Round 16: "~`01:30` - text": the approximate mark before the code span (or bold) that holds the time. */
function lateOpen(s: string, i: number): RegExpExecArray | null {
  return TILDE_OPEN_RULE.on ? at(LATE_OPEN, s, i) : null;
}

/** The zone written after a time; round 16: "2022-07-18T07:30:38Z - text", the Z right after it, is UTC (ISO_ZULU_RULE). */
function zoneAt(s: string, i: number, timed: boolean, seconds: boolean): { zone: Zone; length: number } | undefined {
  const zulu = timed && ISO_ZULU_RULE.on ? at(ZULU, s, i) : null;
  if (zulu) return { zone: zoneFor('Z')!, length: zulu[0].length };
  // Only after a time with its seconds: "11:32-13:05" is a range, "16:10:16+01:00" a time with its offset.
  const iso = seconds && ISO_OFFSET_RULE.on ? at(ISO_OFFSET, s, i) : null;
  if (iso) return { zone: { label: iso[1]!, offset: iso[1]! }, length: iso[0].length };
  const zone = at(ZONE, s, i);
  const z = zone && zoneFor(zone[1]!);
  return z ? { zone: z, length: zone[0].length } : undefined;
}

const AT_TIME = new RegExp(
  `at (\\d{1,2}):(\\d{2})(?::\\d{2})?(?:\\s?([ap])\\.?m\\.?(?![a-z]))?(?:\\s?\\(?(${ZONE_WORD})\\)?(?![A-Za-z/]))?(?:,?\\s|,?$)`,
  'iy',
);

/** "2021-08-27: At 12:50:07 UTC, issue exploited": a day as a label whose text opens with its time gives that time. */
function timeInText(out: Stamp): void {
  const m = at(AT_TIME, out.rest, 0);
  if (!m) return;
  const h = m[3] ? (Number(m[1]) % 12) + (m[3].toLowerCase() === 'p' ? 12 : 0) : Number(m[1]);
  const z = m[4] ? zoneFor(m[4]) : undefined;
  if (h > 23 || Number(m[2]) > 59 || (m[4] && !z)) return;
  out.h = h;
  out.m = Number(m[2]);
  if (z) out.zone = z;
  out.rest = out.rest.slice(m[0].length).trim();
}

/** "First detected 2020-08-14 10:43": a stamp at the end of a line (key-event lists). */
export function trailingStamp(input: string): Stamp | undefined {
  const m = /^(.{1,120}?)\s(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})\s*$/.exec(input.trim().slice(0, 200));
  if (!m) return undefined;
  return { day: { y: Number(m[2]), m: Number(m[3]), d: Number(m[4]) }, h: Number(m[5]), m: Number(m[6]), approx: false, rest: m[1]! };
}

/**
 * Round 10: a time without a day more than twelve hours before the entry above it, which has the same day, is on the
 * next day ("23:56 UTC: …" then "01:30 UTC: Full service restored"); the entries after it carry that day.
 */
export function overMidnight(stamp: Stamp, day: Day | undefined, prev: { h?: number; m?: number; day?: Day } | undefined): Day | undefined {
  if (!day?.y || stamp.h === undefined || prev?.h === undefined || !prev.day || prev.day.y !== day.y || prev.day.m !== day.m || prev.day.d !== day.d)
    return day;
  if (prev.h * 60 + (prev.m ?? 0) - (stamp.h * 60 + (stamp.m ?? 0)) <= 720) return day;
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}
