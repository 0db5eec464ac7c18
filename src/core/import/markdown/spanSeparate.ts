/**
 * Round 18 (chosen on held-out-20): "the Bundler API has seen some downtime:
 * 53 minutes on July 15 and 3 hours and 16 minutes on July 16": a document
 * that states two downtimes, each on its own day, states no length for the
 * whole; no duration is kept (either figure alone is one part's), and the
 * first day is the start and the last the end, the days only, where nothing
 * else gave them. Every pattern here runs in time linear in its input.
 */
import { monthNumber, type Day } from './inline';
import type { Line } from './sections';
import { sentencesOf } from './duration';
import { moment } from './spanMoment';
import type { Span } from './span';

export const SEPARATE_RULE = { on: true };

const FIG = '\\d{1,4}(?:\\.\\d{1,2})? {1,3}(?:minutes?|mins?|hours?|hrs?|days?)(?:,? {1,3}and {1,3}\\d{1,3} {1,3}minutes?)?';
const ON = ' {1,3}on {1,3}(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\\.? {1,3}(\\d{1,2})(?:st|nd|rd|th)?';
const SEPARATE = new RegExp(`\\b${FIG}${ON},? {1,3}and {1,3}${FIG}${ON}\\b`, 'i');

/** Takes the duration away and gives the two days, when the document states two downtimes on two days. */
export function separateDowntimes(lines: readonly Line[], year: number | undefined, span: Span): void {
  if (!SEPARATE_RULE.on) return;
  for (const s of sentencesOf(lines)) {
    const m = SEPARATE.exec(s.text);
    if (!m) continue;
    const why = [...(span.why ?? []), `duration: line ${s.line} states two downtimes on two days and no length for the whole`];
    delete span.duration;
    span.why = why;
    if (span.start || span.end || !year) return;
    const first: Day = { y: year, m: monthNumber(m[1]!), d: Number(m[2]) };
    const last: Day = { y: year, m: monthNumber(m[3]!), d: Number(m[4]) };
    const start = moment(first, { approx: false }, s.line, s.text);
    const end = moment(last, { approx: false }, s.line, s.text);
    if (start && end && start.local < end.local) Object.assign(span, { start, end });
    return;
  }
}
