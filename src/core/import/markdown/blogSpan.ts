/**
 * Round 18 (chosen on held-out-20): the start and end of a blog or news post
 * whose timeline blogEntries.ts read, by its shape:
 *
 * - a notice with stamped updates: the notice was posted while the incident
 *   was on, so its front matter date's day (the day only: the time is the
 *   posting's) is the start, when it is before the first update; the last
 *   update is the end when it says the service is back ("resumed", "back",
 *   "restored", "resolved"), else there is no end;
 * - a code-block timeline: entries before the first timed one naming the
 *   incident (an intrusion, attack, outage) are the lead-up; the start is that
 *   one, and for an intrusion the end is the entry where the host is
 *   disconnected or taken off the network (the intruder's access ends);
 * - a bold-day list of the actions taken: the first day is the start and the
 *   last is the end when it says the harm was removed, fixed or resolved.
 *
 * Every pattern here runs in time linear in its input.
 */
import { findDate } from './inline';
import type { Doc } from './doc';
import { SHAPE } from './blogEntries';
import type { Span } from './span';
import { moment, type Moment } from './spanMoment';
import type { Entry } from './timeline';

export const BLOG_SPAN_RULE = { on: true };

const BACK = /\b(?:resumed|back(?:ed)?|restored|resolved|fixed|recovered)\b/i;
const INCIDENT = /\b(?:intrusions?|intruders?|attacks?|outages?|compromise[ds]?|breach(?:es|ed)?|down)\b/i;
const CUT_OFF = /\b(?:disconnect(?:s|ed)?|isolate[sd]?|unplug(?:s|ged)?)\b|\btak(?:es|en)\b.{0,40}\boff(?:line| the network)\b/i;
const REMOVED = /\b(?:removed|deleted|yanked|fixed|resolved|revoked)\b/i;

const at = (e: Entry): Moment | undefined => moment(e.day, e, e.line, e.text);

/** The span the blog shapes give; undefined where the entries are none of them. */
export function blogSpan(doc: Doc, entries: readonly Entry[], span: Span): Span | undefined {
  const shape = entries[0] && SHAPE.get(entries[0]);
  if (!BLOG_SPAN_RULE.on || !shape) return undefined;
  const why = [...(span.why ?? [])];
  if (shape === 'update') {
    const posted = findDate(doc.front?.date ?? '');
    const first = at(entries[0]!);
    const start = posted && moment(posted, { approx: false }, 1, `front matter date ${doc.front!.date}: the notice, posted while it was on`);
    const last = entries.at(-1)!;
    const end = BACK.test(last.text) ? at(last) : undefined;
    if (!end) why.push('end: the last update does not say the service is back');
    const early = start && first && start.local <= first.local.slice(0, 10) ? start : undefined;
    return { ...(early ? { start: early } : {}), ...(end ? { end } : {}), ...(span.duration ? { duration: span.duration } : {}), why };
  }
  if (shape === 'code') {
    const k = entries.findIndex((e) => e.h !== undefined && INCIDENT.test(e.text));
    if (k < 0) return { why: [...why, 'start: no timed entry names the incident'] };
    const cut = /\bintru|\battack|\bcompromis|\bbreach/i.test(entries[k]!.text) ? entries.slice(k + 1).find((e) => CUT_OFF.test(e.text)) : undefined;
    const end = cut && at(cut);
    return { start: at(entries[k]!)!, ...(end ? { end } : {}), ...(span.duration ? { duration: span.duration } : {}), why };
  }
  const last = entries.at(-1)!;
  const end = entries.length >= 2 && REMOVED.test(last.text) ? at(last) : undefined;
  return { ...(at(entries[0]!) ? { start: at(entries[0]!)! } : {}), ...(end ? { end } : {}), ...(span.duration ? { duration: span.duration } : {}), why };
}
