/**
 * Round 18 (chosen on held-out-20): a blog or news post that tells its facts
 * in prose only, read where nothing else gave a start or an end:
 *
 * - a period with its day: "connectivity problems … on August 10th from about
 *   7:08 UTC until 10:40 UTC, and again from 19:03 UTC until 19:19 UTC": the
 *   first time is the start, the last "until" the end (the periods are the
 *   same incident's); the year as written, else the document's day's when it
 *   is that same day;
 * - "fixed as of 11am GMT April 19th 2021" (a link's text is read): the end;
 *   the start is that day, the day only, when the post says the report came
 *   "this morning" or "today";
 * - a sentence opening "On <a date with its year>," that says what happened
 *   (a report received, an outage, a ceremony aborted): that day is the start,
 *   with the time the post gives for the report on that day ("The report was
 *   filed at 5:30am Dec 22nd"); a fix or a new version "issued", "released" or
 *   "deployed … on <day>" after it is the end, the day only.
 *
 * Round 19 (held-out-21), with blogDays.ts: days written with weekdays and
 * ordinals are read; a sentence opening "On <day>" without a comma or a year
 * ("On April 6th `catfish` became unresponsive") when it says what went wrong,
 * its year as blogDays.ts gives it, and "from approx 7:15 until 11:45" in it
 * its times; a fix, hotfix or mitigation "available since" or "announced
 * … on" a later day is the end; else a sentence saying what went wrong "today"
 * or "last night" (at its time, "At about 8pm last night") against the post's
 * own date, the end that same day only for "today" when a later sentence says
 * it was fixed.
 *
 * Never the publication's date but for "today" and "last night", which name
 * it: every other day here is one the text names. Every pattern here runs in
 * time linear in its input.
 */
import { findDate, hour24, MONTH_NAME, monthNumber, type Day } from './inline';
import type { Line } from './sections';
import { sentencesOf } from './duration';
import type { Span } from './span';
import { moment, type Moment } from './spanMoment';
import { zoneFor, type Zone } from './zones';
import { plainDays, WEEKDAY_DAYS_RULE } from './blogDays';
import { allBy, fixAvailable, namedOpening, todaySpan, windowOn } from './blogDayProse';
import { openingTime } from './spanRound28';

export const PROSE_PERIOD_RULE = { on: true };
export const FIXED_AS_OF_RULE = { on: true };
export const ON_DAY_RULE = { on: true };

const DAY = `${MONTH_NAME} (\\d{1,2})(?:st|nd|rd|th)?`;
const T = '(\\d{1,2}):(\\d{2}) ?(UTC|GMT)?';
const PERIOD = new RegExp(
  `\\bon ${DAY}(?:,? (\\d{4}))?,? from (about |around |approximately )?${T} (?:until|till|to) ${T}(?:,? and again from \\d{1,2}:\\d{2} ?(?:UTC|GMT)? (?:until|till|to) ${T})?`,
  'i',
);
const FIXED_AS_OF = new RegExp(`\\b(?:fixed|resolved|patched|mitigated) as of (\\d{1,2})(?::(\\d{2}))? ?(am|pm) (UTC|GMT) ${DAY},? (\\d{4})\\b`, 'i');
const REPORTED_TODAY = /\b(?:contacted|reported|received|notified|told)\b.{0,200}\b(?:this morning|today)\b/i;
const ON_DAY = /^on ([^,]{4,30}(?:, \d{4})?),\s.{0,300}\b(?:reports?|vulnerabilit\w*|outages?|incidents?|abort\w*|fail\w*|down|bugs?|attacks?)\b/i;
/**
 * Round 27 (chosen on held-out-29; rests on one document, Rspamd's "On Saturday, October 18th, 2025, the public … service
 * was disrupted due to an unexpected server block"): a service disrupted or interrupted says what went wrong, like "outage".
 */
export const DISRUPTED_RULE = { on: true };
const ON_DAY_DISRUPTED = /^on ([^,]{4,30}(?:, \d{4})?),\s.{0,300}\b(?:disrupt(?:ed|ions?)|interrupt(?:ed|ions?))\b/i;
const FILED = new RegExp(`\\breport (?:was )?(?:filed|received|submitted|sent) at (\\d{1,2})(?::(\\d{2}))? ?(am|pm),? (?:on )?${DAY}`, 'i');
const FIX_ON = new RegExp(
  `\\b(?:issued|released|deployed|shipped)\\b (?:a |the )?(?:new version|fix|patch|release)\\b.{0,200}? on ${DAY}(?:,? (\\d{4}))?`,
  'i',
);

const hour = (h: string, ap: string) => hour24(Number(h), /pm/i.test(ap));
const dayOf = (mo: string, d: string, y: number | undefined): Day | undefined => (y ? { y, m: monthNumber(mo), d: Number(d) } : undefined);

/** The start and end the prose gives, where the span has neither; nothing when it states no such sentence. */
export function blogProse(lines: readonly Line[], docDay: Day | undefined, span: Span, postDay?: Day): void {
  if (span.start || span.end) return;
  const sentences = sentencesOf(lines).map((s) => ({ ...s, text: plainDays(s.text) }));
  const found =
    period(sentences, docDay) ??
    fixedAsOf(sentences) ??
    onDay(sentences, docDay, postDay) ??
    todaySpan(sentences, postDay) ??
    allBy(sentences, docDay, postDay);
  if (found?.start) span.start = found.start;
  if (found?.end) span.end = found.end;
}

function period(sentences: readonly Line[], docDay: Day | undefined): { start?: Moment; end?: Moment } | undefined {
  if (!PROSE_PERIOD_RULE.on) return undefined;
  for (const s of sentences) {
    const m = PERIOD.exec(s.text);
    if (!m) continue;
    const written = m[3] ? Number(m[3]) : undefined;
    const same = docDay && docDay.m === monthNumber(m[1]!) && docDay.d === Number(m[2]);
    const day = dayOf(m[1]!, m[2]!, written ?? (same ? docDay.y : undefined));
    const zone = (w: string | undefined, ...rest: Array<string | undefined>): Zone | undefined => zoneFor(w ?? rest.find(Boolean) ?? '');
    const z = zone(m[7], m[10], m[13]);
    const start = moment(day, { h: Number(m[5]), m: Number(m[6]), approx: !!m[4], zone: z }, s.line, s.text);
    const endAt = m[11] ? [m[11], m[12], m[13]] : [m[8], m[9], m[10]];
    const end = moment(day, { h: Number(endAt[0]), m: Number(endAt[1]), approx: false, zone: zone(endAt[2], m[7]) }, s.line, s.text);
    if (start && end && end.local > start.local) return { start, end };
  }
  return undefined;
}

function fixedAsOf(sentences: readonly Line[]): { start?: Moment; end?: Moment } | undefined {
  if (!FIXED_AS_OF_RULE.on) return undefined;
  for (const s of sentences) {
    const m = FIXED_AS_OF.exec(s.text);
    if (!m) continue;
    const day = dayOf(m[5]!, m[6]!, Number(m[7]));
    const end = moment(day, { h: hour(m[1]!, m[3]!), m: Number(m[2] ?? 0), approx: false, zone: zoneFor(m[4]!) }, s.line, s.text);
    const told = sentences.find((x) => REPORTED_TODAY.test(x.text));
    const start = told ? moment(day, { approx: false }, told.line, told.text) : undefined;
    return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
  }
  return undefined;
}

/** The day a sentence opens with: "On <a date with its year>," (round 18), else "On <day>" as blogDayProse.ts reads it (round 19). */
function opening(text: string, docDay: Day | undefined, postDay: Day | undefined): Day | undefined {
  const m = ON_DAY.exec(text) ?? (DISRUPTED_RULE.on ? ON_DAY_DISRUPTED.exec(text) : null);
  const d = m ? findDate(m[1]!) : undefined;
  return d?.y ? d : WEEKDAY_DAYS_RULE.on ? namedOpening(text, docDay, postDay) : undefined;
}

function onDay(sentences: readonly Line[], docDay: Day | undefined, postDay: Day | undefined): { start?: Moment; end?: Moment } | undefined {
  if (!ON_DAY_RULE.on) return undefined;
  const k = sentences.findIndex((s) => opening(s.text.trim(), docDay, postDay));
  if (k < 0) return undefined;
  const s = sentences[k]!;
  const day = opening(s.text.trim(), docDay, postDay)!;
  const window = windowOn(s, day);
  if (window) return window;
  // Round 28: the opening sentence's own time after its day, and its end "until" a later day and time (spanRound28.ts).
  const opened = openingTime(s, day);
  if (opened?.end) return opened;
  const filed = sentences.map((x) => ({ x, f: FILED.exec(x.text) })).find(({ f }) => f && monthNumber(f[4]!) === day.m && Number(f[5]) === day.d);
  const start = filed
    ? moment(day, { h: hour(filed.f![1]!, filed.f![3]!), m: Number(filed.f![2] ?? 0), approx: false }, filed.x.line, filed.x.text)
    : (opened?.start ?? moment(day, { approx: false }, s.line, s.text));
  for (const x of sentences.slice(k)) {
    const f = FIX_ON.exec(x.text);
    if (!f) continue;
    const m = monthNumber(f[1]!);
    const y = f[3] ? Number(f[3]) : day.y! + (m < day.m ? 1 : 0);
    const end = moment({ y, m, d: Number(f[2]) }, { approx: false }, x.line, x.text);
    if (end && start && end.local > start.local.slice(0, 10)) return { start, end };
  }
  // Round 19: else a fix or mitigation available or announced on a later day (blogDayProse.ts).
  const available = fixAvailable(sentences.slice(k), day, start);
  return start ? { start, ...(available ? { end: available } : {}) } : undefined;
}
