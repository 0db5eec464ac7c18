/**
 * Round 8: a start taken from a timeline entry is a later milestone when a
 * sentence of the document's own statements about the outage (its opening,
 * summary, impact, resolution) gives an earlier time on a day it names
 * itself ("On July 2, at 09:30 UTC, block production stalled" over a timeline
 * whose first entry about it is at 11:00): the document disagrees with
 * itself, and no choice is made between them (the start stays empty and the
 * notes name both lines). Only the sentence's first time counts, only in a
 * sentence about the outage, and never against an entry the timeline marks as
 * the start ("Impact starts.").
 */
import { findDate, type Day } from './inline';
import type { Line } from './sections';
import { sentencesOf } from './duration';
import { mentions, moment, type Moment } from './spanMoment';
import { IMPACT, START_MARK } from './spanWords';
import type { Entry } from './timeline';
import type { Zone } from './zones';

const clock = (m: Moment) => Date.parse(m.value!.replace(/^~/, ''));

export function earlierStatement(start: Moment, entries: readonly Entry[], statements: readonly Line[], zone: Zone | undefined): Moment | undefined {
  // An entry the timeline marks as the start ("Impact starts.") is the document's own word on it.
  const entry = entries.find((e) => e.line === start.line);
  if (!start.value || !/T/.test(start.local) || !entry || START_MARK.test(entry.text)) return undefined;
  let paragraph: { line: number; day: Day } | undefined;
  for (const s of sentencesOf(statements)) {
    const d = findDate(s.text);
    if (d?.y) paragraph = { line: s.line, day: d };
    const day = paragraph?.line === s.line ? paragraph.day : undefined;
    const m = day && IMPACT.test(s.text) ? mentions(s.text)[0] : undefined;
    const at = m ? moment(day, { ...m, zone: m.zone ?? zone }, s.line, s.text) : undefined;
    if (at?.value && clock(at) < clock(start)) return at;
  }
  return undefined;
}
