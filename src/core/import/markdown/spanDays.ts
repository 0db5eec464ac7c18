/**
 * Round 6: days the prose states for the incident without a time. "The token
 * was exposed from on or about 2025-02-10 through 2025-04-01": the first day
 * is the start (approximate when the sentence says so); the last day is the
 * end only when nothing more precise says it (a timeline entry that ends it
 * is kept). Only a sentence about the outage or an exposure, and
 * only when it names no time.
 */
import { findDate, type Day } from './inline';
import type { Line } from './sections';
import { sentencesOf } from './duration';
import { mentions, moment, type Moment } from './spanMoment';
import { END_STATEMENT } from './spanWords';

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = `\\d{4}-\\d{2}-\\d{2}|${MONTH} \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?|\\d{1,2}(?:st|nd|rd|th)? ${MONTH}(?:,? \\d{4})?`;
const DAYS = new RegExp(`\\bfrom (on or about |about |around |approximately |roughly |circa |~)?(${DAY}),? (?:through|thru|to|until|till) (${DAY})\\b`, 'i');
/** The sentence is about the service being out or something being exposed, not about the responders' work. */
const ABOUT = /\b(outages?|down|unavailable|unreachable|degraded|broken|fail\w*|disrupt\w*|exposed|leaked|compromised|vulnerable|breach\w*)\b/i;

export interface DayRange {
  from: Moment;
  to: Moment;
}

/**
 * Round 23 (chosen on held-out-25): an Impact section states when the impact was ("Customers all shared a single
 * database during the Oct 17th - Nov 20th period"): a period of two days there ("during the … - … period", "between …
 * and …", "from … to …") is the incident's, whatever words it uses for the harm. Only in a section headed Impact, only
 * a sentence that names no time.
 */
export const IMPACT_DAYS_RULE = { on: true };
const IMPACT_DAYS = new RegExp(`\\b(?:during|between|from) (?:the )?(${DAY}) ?(?:-|–|—|to|and|through|thru|until|till) ?(${DAY})\\b`, 'i');

/**
 * Round 25 (chosen on held-out-27): "an unplanned server outage between April 15th and 17th", "down from March 3 to 5": a
 * period of days said with "between … and" or "from … to", the second day alone in the first's month, in a sentence
 * about the outage that names no time. The first day is the start, the last the end (days only).
 */
export const SAME_MONTH_RULE = { on: true };
const SAME_MONTH = new RegExp(
  `\\b(?:between|from) (${MONTH}) (\\d{1,2})(?:st|nd|rd|th)? (?:and|to|through|until|till|-|–) (\\d{1,2})(?:st|nd|rd|th)?(?![\\d:]|[/.,-]\\d|\\s?(?:${MONTH})\\b)`,
  'i',
);

/** The period's first and last day as written, and whether the first is approximate. */
function periodOf(text: string, impact: boolean): { from: string; to: string; approx: boolean } | undefined {
  const m = DAYS.exec(text);
  if (m && ABOUT.test(text)) return { from: m[2]!, to: m[3]!, approx: !!m[1] };
  const same = SAME_MONTH_RULE.on && ABOUT.test(text) ? SAME_MONTH.exec(text.slice(0, 600)) : null;
  if (same) return { from: `${same[1]} ${same[2]}`, to: `${same[1]} ${same[3]}`, approx: false };
  const i = impact && IMPACT_DAYS_RULE.on ? IMPACT_DAYS.exec(text.slice(0, 600)) : null;
  return i ? { from: i[1]!, to: i[2]!, approx: false } : undefined;
}

/** The first sentence of the opening that states the incident's days ("exposed from on or about … through …"). */
export function statedDays(statements: readonly Line[], docYear: number | undefined, impact?: ReadonlySet<number>): DayRange | undefined {
  for (const s of sentencesOf(statements)) {
    const m = periodOf(s.text, !!impact?.has(s.line));
    if (!m || mentions(s.text).length) continue;
    const to = findDate(m.to);
    const fromDay = findDate(m.from);
    if (!to || !fromDay) continue;
    const y = to.y ?? docYear;
    const last: Day = { ...to, y };
    const first: Day = { ...fromDay, y: fromDay.y ?? y };
    if (!first.y || !last.y || Date.UTC(first.y, first.m - 1, first.d) > Date.UTC(last.y, last.m - 1, last.d)) continue;
    const from = moment(first, { approx: m.approx }, s.line, s.text);
    const until = moment(last, { approx: false }, s.line, s.text);
    if (from && until) return { from, to: until };
  }
  return undefined;
}

/** The range's last day as the end, unless an end was already found (a timeline entry that ends it is more precise). */
export function endOnLastDay(range: DayRange, span: { end?: Moment }): void {
  span.end ??= range.to;
}

/**
 * A security incident told in prose with no timeline: "On 31st July 2018 a security researcher identified a … token …
 * was leaked", "a security researcher identified a vulnerability … and reported it", "their security breach started on
 * December 19, 2022". The day the sentence names (no time) is the start: the exposure's own day when it is said, else
 * the report's (the flaw existed before, undated).
 */
const SECURITY_START =
  /\b(?:(?:was|were|had been) (?:leaked|exposed)|(?:breach|compromise|intrusion|exposure|leak) (?:started|began|occurred)|researchers? (?:identified|discovered|found|reported)\b[^.]{0,80}?\b(?:vulnerabilit(?:y|ies)|flaw|leak\w*|exposed|token|credentials?))\b/i;

export function securityStartDay(statements: readonly Line[], docYear: number | undefined): Moment | undefined {
  for (const s of sentencesOf(statements)) {
    const text = s.text.replace(/\(?https?:\/\/[^\s)]{1,400}\)?/g, ' ');
    if (!SECURITY_START.test(text) || mentions(text).length) continue;
    const d = findDate(text);
    if (!d) continue;
    const day = { ...d, y: d.y ?? docYear };
    return moment(day, { approx: false }, s.line, s.text);
  }
  return undefined;
}

/** "an extended outage that … was resolved on January 13, 2023": the day an outage was resolved, said anywhere. */
const RESOLVED_ON = /\b(?:was|were|has been|had been) (?:resolved|fixed|closed|ended) on\b/i;
const OUTAGE = /\b(outages?|incident|breach|exposure|downtime)\b/i;

/**
 * A document told in prose with no timeline, whose opening gives no end: a sentence anywhere outside lead-up saying the
 * outage was resolved on a day (with its year, no time) ends it on that day, never before the start.
 */
export function resolvedOnDay(lines: readonly Line[], start: Moment | undefined): Moment | undefined {
  for (const s of sentencesOf(lines)) {
    const at = RESOLVED_ON.exec(s.text);
    if (!at || !OUTAGE.test(s.text) || mentions(s.text).length) continue;
    const d = findDate(s.text.slice(at.index));
    if (!d?.y) continue;
    const end = moment(d, { approx: false }, s.line, s.text);
    if (end && (!start || end.local >= start.local.slice(0, 10))) return end;
  }
  return undefined;
}

/** After everything else: a sentence saying it ended on a day, with no time ("It was fully caught up and verified on July 8"). */
export function dayOnlyEnd(statements: readonly Line[], year: number | undefined, span: { start?: Moment; end?: Moment }): void {
  if (span.end) return;
  for (const s of sentencesOf(statements)) {
    if (mentions(s.text).length || !END_STATEMENT.test(s.text)) continue;
    const d = findDate(s.text);
    if (!d) continue;
    const end = moment({ ...d, y: d.y ?? year }, { approx: false }, s.line, s.text);
    // Never before the start.
    if (end && (!span.start || end.local >= span.start.local.slice(0, 10))) span.end = end;
    return;
  }
}
