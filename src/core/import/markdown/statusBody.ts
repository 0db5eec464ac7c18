/**
 * Round 12: a status page's entry whose body is a written postmortem with a
 * timeline of its own (dddice: front matter `date: 2023-01-19T23:58:02Z`,
 * `resolvedWhen: 2023-01-20T12:46:02Z`, and a Timeline section opening with
 * "2023-01-19 6:48 PM - First out-of-memory (OOM) appears in error log").
 * The front matter's times are when the notice was posted and closed; when
 * the front matter's date is the time of no entry of the body's timeline (in
 * any whole-hour zone, its minutes differ from every entry's), the body's own
 * reading gives the start, and the end is the entry at the front matter's
 * closing minute when there is one ("7:46 AM - Announcement … that outage was
 * over"), else the body's end. A timeline without a zone takes the zone of a
 * sentence that gives its start's time with one ("At approximately 10:29am
 * EST, … transactions starting to fail" for "10:29 AM - First observed
 * database transaction fails").
 */
import type { Block, FrontMatter, Line } from './sections';
import type { Span } from './span';
import { mentions, moment, type Moment } from './spanMoment';
import { statusPageSpan, type StatusSpan } from './statusPage';
import { updateListSpan } from './statusUpdates';
import { lateSpan } from './statusLate';
import type { Entry } from './timeline';
import type { Zone } from './zones';

export const STATUS_NOTICE_RULE = { on: true };

interface PageInput {
  readonly statements: readonly Line[];
  readonly entries: readonly Entry[];
  readonly lines: readonly Line[];
}

/** The page's own start and end (front matter, else its updates), with the front matter set aside as above. */
export function pageSpan(front: FrontMatter | undefined, input: PageInput, base: Span, timeline: readonly Block[]): StatusSpan | undefined {
  const page = statusPageSpan(front, input.statements);
  if (!page) return updateListSpan(timeline, input.entries);
  if (page.zoneless) {
    const { zoneless: _, ...kept } = page;
    // Round 27: else its update headings weighed against the front matter (statusLate.ts).
    return updateListSpan(timeline, input.entries) ?? lateSpan(kept, timeline, input.entries) ?? kept;
  }
  // Only a timeline under the body's own Timeline heading (a status page's updates are the page's own record).
  const written = timeline.filter((b) => b.level >= 1 && b.level <= 6).flatMap((b) => b.lines.map((l) => l.line));
  return (STATUS_NOTICE_RULE.on && noticeOnly(page, base, { ...input, entries: input.entries.filter((e) => written.includes(e.line)) })) || page;
}

const dayNumber = (local: string) => Date.UTC(Number(local.slice(0, 4)), Number(local.slice(5, 7)) - 1, Number(local.slice(8, 10))) / 86400000;

/** The entry is at the moment's minute in some whole-hour zone: its minutes are the moment's, within a day of it. */
function sameMinute(e: Entry, m: Moment): boolean {
  if (!e.day?.y || e.h === undefined || m.local.length < 16) return false;
  const d = Date.UTC(e.day.y, e.day.m - 1, e.day.d) / 86400000;
  return e.m === Number(m.local.slice(14, 16)) && Math.abs(d - dayNumber(m.local)) <= 1;
}

function noticeOnly(page: StatusSpan, base: Span, input: PageInput): StatusSpan | undefined {
  const timed = input.entries.filter((e) => e.day?.y && e.h !== undefined);
  const startEntry = timed.find((e) => e.line === base.start?.line);
  if (!page.start || timed.length < 3 || !startEntry || timed.some((e) => sameMinute(e, page.start!))) return undefined;
  const zone = startEntry.zone ?? zoneSaid(startEntry, input.lines);
  const at = (e: Entry) => moment(e.day, { ...e, zone: e.zone ?? zone }, e.line, e.text);
  const closing = page.end ? timed.filter((e) => sameMinute(e, page.end!)) : [];
  const endEntry = closing.length === 1 ? closing[0] : timed.find((e) => e.line === base.end?.line);
  const start = at(startEntry);
  const end = endEntry ? at(endEntry) : undefined;
  if (endEntry && closing.length === 1) endEntry.milestone ??= 'resolved';
  const why = [
    `start: the front matter's date (line 1) is the time of no entry of the timeline: it is when the notice was posted; line ${startEntry.line} is the start`,
    ...(closing.length === 1
      ? []
      : [`end: the front matter's resolvedWhen is the time of no entry of the timeline; ${end ? `line ${endEntry!.line}` : 'the timeline gives none'}`]),
  ];
  return { ...(start ? { start } : {}), ...(end ? { end } : {}), why };
}

/** A sentence outside the timeline giving the entry's time with a zone, about the outage ("At approximately 10:29am EST"). */
function zoneSaid(e: Entry, lines: readonly Line[]): Zone | undefined {
  const zones = new Map<string, Zone>();
  for (const l of lines) {
    if (l.line === e.line) continue;
    for (const m of mentions(l.text.slice(0, 2000)))
      if (m.zone && !m.zone.ambiguous && m.h === e.h && m.m === e.m) zones.set(m.zone.offset ?? m.zone.iana ?? '', m.zone);
  }
  return zones.size === 1 ? [...zones.values()][0] : undefined;
}
