/**
 * A moment a postmortem states (a day, or a day and a time in a zone) with
 * the line it came from, and the times a sentence mentions ("at 15:16:25
 * UTC", "4:02 PM", "between 0616 and 0630 UTC").
 */
import { pad, type Day } from './inline';
import { MENTION } from './spanWords';
import { zoneFor, zonedValue, type Zone } from './zones';

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

export function mentions(sentence: string): Mention[] {
  const out: Mention[] = [];
  for (const m of sentence.matchAll(MENTION)) {
    const h = Number(m[2] ?? m[6]);
    const mi = Number(m[3] ?? m[7]);
    const hh = m[4] ? (h % 12) + (m[4].toLowerCase() === 'p' ? 12 : 0) : h;
    if (hh > 23 || mi > 59) continue;
    // Round 16: "07:30:00Z", an ISO time ending in Z, is in UTC.
    const z = m[5] && (m[5] !== 'Z' || ISO_ZULU_RULE.on) ? zoneFor(m[5]) : m[6] ? zoneFor('UTC') : undefined;
    // "at roughly 18:52 UTC", "around 11:00 GMT": as approximate as the sentence says.
    const said = APPROX_BEFORE.test(sentence.slice(Math.max(0, (m.index ?? 0) - 16), m.index ?? 0));
    out.push({ h: hh, m: mi, approx: !!m[1] || said, ...(z ? { zone: z } : {}), index: m.index ?? 0 });
  }
  return out;
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
