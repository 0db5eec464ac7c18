/**
 * A moment a postmortem states (a day, or a day and a time in a zone) with
 * the line it came from, and the times a sentence mentions ("at 15:16:25
 * UTC", "4:02 PM", "between 0616 and 0630 UTC").
 */
import { pad, type Day } from './inline';
import { END_STATEMENT, MENTION, START_STATEMENT } from './spanWords';
import { ZONE_WORD, zoneFor, zonedValue, type Zone } from './zones';

export interface Moment {
  /** As the record writes it (ISO with offset, a day, or undefined when the zone is unknown). */
  readonly value?: string;
  /** "2021-03-31T12:06" or "2021-03-31", with the offset when known. */
  readonly local: string;
  readonly offset?: string;
  readonly approx: boolean;
  readonly line: number;
  readonly evidence: string;
}

export interface Mention {
  h: number;
  m: number;
  approx: boolean;
  zone?: Zone;
  index: number;
}

/** Round 16: a time written "07:30:00Z" (ISO, ending in Z) is in UTC, in prose and at a timeline entry's head. */
export const ISO_ZULU_RULE = { on: true };

const APPROX_BEFORE = /\b(?:roughly|approximately|approx\.|around|about|circa|ca\.)\s$/i;

/**
 * Round 25 (chosen on held-out-27): a figure written with h and then min or m ("for 10h01min", "4h14m", "2h 05 min") is a
 * length, never a clock time: "10h01" followed by its minutes' unit is not 10:01. "10h01" alone keeps its reading.
 */
export const H_MIN_LENGTH_RULE = { on: true };
const MIN_UNIT = /^\s?m(?:in(?:ute)?s?)?(?![a-zA-Z])/;

function lengthNotTime(sentence: string, m: RegExpMatchArray): boolean {
  if (!H_MIN_LENGTH_RULE.on || !m[2] || !m[3]) return false;
  const sep = (m.index ?? 0) + (m[1] ? 1 : 0) + m[2].length;
  if (sentence[sep] !== 'h') return false;
  return MIN_UNIT.test(sentence.slice(sep + 1 + m[3].length, sep + 12 + m[3].length));
}

export function mentions(sentence: string): Mention[] {
  const out: Mention[] = [];
  for (const m of sentence.matchAll(MENTION)) {
    const h = Number(m[2] ?? m[6]);
    const mi = Number(m[3] ?? m[7]);
    const hh = m[4] ? (h % 12) + (m[4].toLowerCase() === 'p' ? 12 : 0) : h;
    if (hh > 23 || mi > 59 || lengthNotTime(sentence, m)) continue;
    // Round 16: "07:30:00Z", an ISO time ending in Z, is in UTC.
    const z = m[5] && (m[5] !== 'Z' || ISO_ZULU_RULE.on) ? zoneFor(m[5]) : m[6] ? zoneFor('UTC') : undefined;
    // "at roughly 18:52 UTC", "around 11:00 GMT": as approximate as the sentence says.
    const said = APPROX_BEFORE.test(sentence.slice(Math.max(0, (m.index ?? 0) - 16), m.index ?? 0));
    out.push({ h: hh, m: mi, approx: !!m[1] || said, ...(z ? { zone: z } : {}), index: m.index ?? 0 });
  }
  return out;
}

/**
 * The times of a sentence read as a start or end statement: as mentions() reads them, else, in a sentence that says
 * both when it started and when it was resolved, its hours with am or pm (round 23).
 */
export function statementMentions(sentence: string): Mention[] {
  const out = mentions(sentence);
  if (out.length || !HOUR_ONLY_RULE.on || !/\d\s?[aApP]\.?[mM]/.test(sentence)) return out;
  if ((!START_STATEMENT.test(sentence) || !END_STATEMENT.test(sentence)) && !hourRange(sentence)) return out;
  const hours = withHours(sentence, out);
  return hours.length >= 2 ? hours : out;
}

/**
 * Round 23 (chosen on held-out-25): "The downtime started around 10AM … and was resolved the same day, by 8PM": in a
 * sentence that says when it started and when it was resolved, and gives no time with minutes, an hour with am or pm is
 * that hour, as approximate as the sentence says; two such hours or more, never a number inside another ("1.10am").
 * Elsewhere an hour alone stays unread (a label's "3am", "since 2pm" keep their own rules).
 */
export const HOUR_ONLY_RULE = { on: true };
const HOUR_ONLY = new RegExp(`(?<![\\d:.,])(~)?\\b(1[0-2]|0?[1-9])\\s?([aApP])\\.?[mM]\\.?(?![a-zA-Z])(?:\\s?(${ZONE_WORD})(?![A-Za-z/]))?`, 'g');

function withHours(sentence: string, found: Mention[]): Mention[] {
  const out = [...found];
  for (const m of sentence.slice(0, 2000).matchAll(HOUR_ONLY)) {
    const at = m.index ?? 0;
    if (found.some((f) => Math.abs(f.index - at) < 8)) continue;
    const h = (Number(m[2]) % 12) + (m[3]!.toLowerCase() === 'p' ? 12 : 0);
    const z = m[4] ? zoneFor(m[4]) : undefined;
    const said = APPROX_BEFORE.test(sentence.slice(Math.max(0, at - 16), at));
    out.push({ h, m: 0, approx: !!m[1] || said, ...(z ? { zone: z } : {}), index: at });
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * Round 25 (chosen on held-out-27): "Between 4am-7am EST we had an outage", "from 9 am to 11 am": a range of two hours
 * with am or pm after "between" or "from" is the outage's window, read as a range (its day the sentence's or the
 * document's only one, as for any range). Only two hours joined by a dash, "to", "until" or "and", each with am or pm.
 */
export const HOUR_RANGE_RULE = { on: true };
const HOUR_RANGE =
  /\b(?:between|from)\s(?:approximately\s|about\s|around\s|roughly\s|~)?(?:1[0-2]|0?[1-9])\s?[aApP]\.?[mM]\.?\s?(?:[-–]|to|until|till|and)\s?~?(?:1[0-2]|0?[1-9])\s?[aApP]\.?[mM](?![a-zA-Z])/i;

export function hourRange(sentence: string): boolean {
  return HOUR_RANGE_RULE.on && HOUR_RANGE.test(sentence.slice(0, 2000));
}

export function moment(day: Day | undefined, t: { h?: number; m?: number; approx: boolean; zone?: Zone }, line: number, evidence: string): Moment | undefined {
  if (!day?.y) return undefined;
  const d = `${day.y}-${pad(day.m)}-${pad(day.d)}`;
  if (t.h === undefined) return { value: `${t.approx ? '~' : ''}${d}`, local: d, approx: t.approx, line, evidence };
  const local = `${d}T${pad(t.h)}:${pad(t.m!)}`;
  const v = t.zone && !t.zone.ambiguous ? zonedValue(day, t.h, t.m!, t.zone) : undefined;
  const offset = v ? (v.endsWith('Z') ? '+00:00' : v.slice(-6)) : undefined;
  return {
    ...(v ? { value: `${t.approx ? '~' : ''}${v}` } : {}),
    local,
    ...(offset ? { offset } : {}),
    approx: t.approx,
    line,
    evidence: evidence.slice(0, 200),
  };
}
