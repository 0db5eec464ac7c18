/**
 * Round 5: a fact is kept only where the document's sources agree on it.
 * A time the opening gives as when the outage began ("from 05:00 in the
 * morning", "beginning from UTC 05:13") that is one timeline entry's time
 * makes that entry the start (the entry gives the day, the sentence the zone
 * the entry lacks); a change entry is the start when the stated duration
 * counts from it to the end; a labelled date and time of the incident on
 * another day than the start, or two different durations stated, leave the
 * fact empty with the reason in the notes.
 */
import { findDate, type Day } from './inline';
import type { Line } from './sections';
import { sentencesOf, statedMinutes } from './duration';
import { mentions, moment, type Moment } from './spanMoment';
import type { Entry } from './timeline';
import { zoneFor, ZONE_WORD } from './zones';
import { ACTIVITY, DURATION_PHRASE, FIGURE, RANGE } from './spanWords';

interface Why {
  why?: string[];
}

const minutes = (e: Entry) => (e.day?.y && e.h !== undefined ? Date.UTC(e.day.y, e.day.m - 1, e.day.d, e.h, e.m) / 60000 : undefined);
const clock = (e: Entry) => (e.h === undefined ? undefined : e.h * 60 + e.m!);

const BEGAN_AT = new RegExp(
  `\\b(?:from|since|beginning (?:from|at)|starting (?:from|at)|began at|started at)\\s(?:(${ZONE_WORD})\\s)?(\\d{1,2}):(\\d{2})(?!\\d)(?::\\d{2})?(?:\\s?(${ZONE_WORD})(?![A-Za-z/]))?`,
  'i',
);
/** The sentence is about the service being out or slow, not about the responders. */
const OUT = /\b(outages?|down|unavailable|unreachable|offline|slow\w*|dropped|degrad\w*|errors?|fail\w*|broken|disrupt\w*|stopped working)\b/i;

/**
 * "On Wednesday, October 15 from 05:00 in the morning, the response time of OBS was slow …" over a timeline whose
 * "05:00 The system started to experience increased traffic" was set aside as lead-up: the two agree, so that entry is
 * the start. Only when exactly one entry has that time, and it is not later than the start the timeline gave.
 */
export function statedStartEntry(statements: readonly Line[], entries: readonly Entry[], span: { start?: Moment } & Why): void {
  if (span.start && !entries.some((e) => e.line === span.start!.line)) return;
  for (const s of sentencesOf(statements)) {
    const m = BEGAN_AT.exec(s.text);
    if (!m || !OUT.test(s.text)) continue;
    const t = Number(m[2]) * 60 + Number(m[3]);
    const same = entries.filter((e) => e.day?.y && clock(e) === t);
    if (same.length !== 1) return;
    const e = same[0]!;
    const word = m[1] ?? m[4];
    const zone = word ? zoneFor(word) : undefined;
    if (zone && e.zone && (e.zone.offset ?? e.zone.iana) !== (zone.offset ?? zone.iana)) return;
    if (span.start && span.start.line < e.line) return;
    span.start = moment(e.day, { h: e.h, m: e.m, approx: e.approx, zone: e.zone ?? zone }, e.line, e.text);
    (span.why ??= []).push(`start: line ${s.line} says it began at ${m[2]}:${m[3]}, the time of the entry on line ${e.line}`);
    return;
  }
}

/**
 * "Deployed with migrations assuming there won't be downtime", then "Noticed some errors", and "inaccessible … for 13
 * minutes" ending at "Errors stopped" 13 minutes after the change: the document's own figure counts from the change,
 * so the change is the start.
 */
export function changeCountedFrom(
  entries: readonly Entry[],
  span: { start?: Moment; end?: Moment; duration?: { text: string } },
  leadUp: (e: Entry) => boolean,
): void {
  const d = span.duration ? statedMinutes(span.duration.text) : undefined;
  const startAt = entries.findIndex((e) => e.line === span.start?.line && e.h !== undefined);
  const end = entries.find((e) => e.line === span.end?.line && e.h !== undefined);
  const before = startAt > 0 ? entries[startAt - 1] : undefined;
  if (!d || !before || !end || !leadUp(before) || leadUp(entries[startAt]!)) return;
  const a = minutes(before);
  const b = minutes(end);
  if (a === undefined || b === undefined || b - a !== d || minutes(entries[startAt]!)! - a <= 0) return;
  span.start = moment(before.day, before, before.line, before.text);
}

const WHEN_LABEL = /\b(?:date\s?\/\s?time|date and time|incident (?:start|date|time)|start(?:ed)?(?: time)?)\s?:\s?/i;
const dayOf = (local: string) => local.slice(0, 10);
const iso = (d: Day) => `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;

/**
 * "Date/time: 2023-08-26 21:14 PDT" in the summary and "<START OF OUTAGE>" on the timeline's 25 August: the document
 * gives two days for it, so the start stays empty and the notes name both lines.
 */
export function labelOnOtherDay(statements: readonly Line[], span: { start?: Moment } & Why): void {
  if (!span.start || !/T/.test(span.start.local)) return;
  for (const s of sentencesOf(statements)) {
    const m = WHEN_LABEL.exec(s.text);
    if (!m || s.line === span.start.line) continue;
    const after = s.text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const d = findDate(after);
    if (!d?.y || !/\d{1,2}:\d{2}/.test(after)) continue;
    if (iso(d) === dayOf(span.start.local)) return;
    (span.why ??= []).push(
      `start: line ${s.line} gives ${iso(d)} ("${s.text.slice(m.index, m.index + 50).trim()}") and line ${span.start.line} ${dayOf(span.start.local)}; the document disagrees with itself, so it is left empty`,
    );
    delete span.start;
    return;
  }
}

const DURING =
  /\b(during|for a period of)\s((?:about |approximately |around |roughly |nearly |almost |over |~)?\d+(?:\.\d+)?\s?(?:hours?|hrs?|minutes?|mins?))\b/i;

/**
 * "went offline for a period of 84 minutes" and "impacted by this during roughly 10.5 hours": the opening states two
 * durations; which one is the incident's is a reading, so neither is kept.
 */
export function durationsDisagree(statements: readonly Line[], span: { duration?: { text: string; line: number; pairs: boolean } } & Why): void {
  if (!span.duration || span.duration.pairs) return;
  const stated = statedMinutes(span.duration.text);
  for (const s of sentencesOf(statements)) {
    const m = DURATION_PHRASE.exec(s.text) ?? DURING.exec(s.text);
    // The responders' own activity ("Acting in roughly 11 minutes") is no duration of the incident.
    const activity = m && ACTIVITY.test(s.text.slice(Math.max(0, m.index - 60), m.index));
    const other = m && !activity && /\d/.test(m[2]!) ? statedMinutes(m[2]!) : undefined;
    if (other === undefined || stated === undefined || other === stated) continue;
    (span.why ??= []).push(
      `duration: line ${span.duration.line} says "${span.duration.text}" and line ${s.line} "${m![2]!.trim()}"; the document states two, so neither is kept`,
    );
    delete span.duration;
    return;
  }
}

/** "from 17:09 EST to approximately 23:42 EST (6 hours and 33 minutes), the platform … were unavailable": the figure in parentheses after the range. */
export function rangeFigure(statements: readonly Line[]): { text: string; line: number; evidence: string; pairs: boolean } | undefined {
  for (const s of sentencesOf(statements)) {
    if (!RANGE.test(s.text) || !OUT.test(s.text)) continue;
    const p = /\(\s*([^()]{2,60}?)\s*\)/.exec(s.text);
    // Round 16: "(a period of approximately 16 hours)": the same figure named as the period's.
    const inner = p && RANGE_LENGTH_RULE.on ? p[1]!.replace(PERIOD_OF, '') : p?.[1];
    const f = inner ? FIGURE.exec(inner) : null;
    if (f && f[1]!.trim() === inner!.trim()) return { text: f[1]!.trim(), line: s.line, evidence: s.text, pairs: false };
    // Round 16: "from 2022-07-18T07:30:00Z to 2022-07-18T10:00:00Z, a total incident of 2 hours and 30 minutes.": the
    // range's length said right after it.
    const a = RANGE_LENGTH_RULE.on ? APPOSITIVE.exec(s.text.slice(0, 2000)) : null;
    if (a) return { text: a[1]!.trim(), line: s.line, evidence: s.text, pairs: false };
  }
  return undefined;
}

export const RANGE_LENGTH_RULE = { on: true };
/** "a period of", "a total incident of", "a total outage of": the words naming a figure as the period's length. */
const PERIOD_OF = /^(?:an? )?(?:total |overall )?(?:period|outage|incident|downtime|disruption|interruption) of /i;
/** A time, then ", a total incident of 2 hours and 30 minutes" closing the sentence (or before a comma or a semicolon). */
const APPOSITIVE =
  /\d(?:Z|\s?(?:UTC|GMT))?,\s(?:an? )(?:total |overall )?(?:period|outage|incident|downtime|disruption|interruption) of ((?:about |approximately |around |roughly |nearly |almost |~)?\d{1,4}(?:\.\d{1,2})? ?(?:days?|hours?|minutes?)(?:,? (?:and )?\d{1,4} ?(?:hours?|minutes?|seconds?))?)\s?(?:[.;,]|$)/i;

/**
 * A time without a zone, where the document gives another time with one ("beginning from UTC 05:13" beside a timeline
 * that names none): the line, for the notes. No zone is assumed from it; the reader is told where to look.
 */
/** `first`: the index of the body's first line (after front matter); lines are numbered from 1. */
export function zoneElsewhere(lines: readonly string[], first: number): string | undefined {
  for (let i = first; i < lines.length; i++) {
    const text = lines[i]!;
    if (/^\s*>/.test(text)) continue;
    const m = mentions(text.slice(0, 600)).find((x) => x.zone && !x.zone.ambiguous);
    if (m) return `line ${i + 1} gives a time in ${m.zone!.label}`;
  }
  return undefined;
}
