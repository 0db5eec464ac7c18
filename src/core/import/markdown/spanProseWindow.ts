/**
 * Round 23 (chosen on held-out-25): a report told in prose, without timeline
 * entries, whose text names one day only (its title's), and whose times are
 * given in one sentence of a section of its own ("What we learnt": "We
 * observed the localised network failure started at approximately 10.16, and
 * was fixed by AWS at approximately 11.35."): the sentence's first time is the
 * start and its last the end, on that day, as approximate as it says. Only a
 * sentence that says both, the start in words (an outage, downtime or failure
 * that started or began, "went down", …) and the end ("was fixed", "was
 * resolved", "was restored", "was mitigated", or any end statement), with the
 * end after the start; only where nothing gave a time already (the title's day
 * alone is replaced, a timed start or any end is kept). Never in lead-up.
 */
import type { Day } from './inline';
import type { Line } from './sections';
import { sentencesOf } from './duration';
import { mentions, moment, type Moment } from './spanMoment';
import { END_STATEMENT, START_STATEMENT } from './spanWords';
import type { Zone } from './zones';

export const PROSE_WINDOW_RULE = { on: true };

const FIXED = /\b(?:was|were|got|had been) (?:fixed|resolved|restored|mitigated)\b/i;
const ABOUT = /\b(?:approximately|approx\.|about|around|roughly|circa)\s$/i;

export interface ProseWindowInput {
  readonly lines: readonly Line[];
  readonly entries: readonly unknown[];
  readonly onlyDay?: Day;
  readonly docZone?: Zone;
}

export function proseWindow(input: ProseWindowInput, span: { start?: Moment; end?: Moment }): void {
  if (!PROSE_WINDOW_RULE.on || input.entries.length || !input.onlyDay || span.end || span.start?.local.includes('T')) return;
  for (const s of sentencesOf(input.lines)) {
    if (s.text.length > 600 || !START_STATEMENT.test(s.text) || !(FIXED.test(s.text) || END_STATEMENT.test(s.text))) continue;
    const ms = mentions(s.text);
    if (ms.length < 2) continue;
    const [a, b] = [ms[0]!, ms[ms.length - 1]!];
    if (b.h * 60 + b.m <= a.h * 60 + a.m) continue;
    const zone = a.zone ?? b.zone ?? input.docZone;
    const about = (i: number) => ABOUT.test(s.text.slice(Math.max(0, i - 16), i));
    const start = moment(input.onlyDay, { ...a, approx: a.approx || about(a.index), zone: a.zone ?? zone }, s.line, s.text);
    const end = moment(input.onlyDay, { ...b, approx: b.approx || about(b.index), zone: b.zone ?? zone }, s.line, s.text);
    if (!start || !end) continue;
    span.start = start;
    span.end = end;
    return;
  }
}
