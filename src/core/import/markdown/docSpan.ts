/**
 * The document's start, end and duration: what span.ts reads from its
 * statements, lines, labels, title and timeline entries, then what an Impact
 * saying there was none, a status page's front matter, a month's report and a
 * report of several incidents change; our own export's Start and Resolution
 * labels as written.
 */
import { findDate, findDayRange, inlineText, type Day } from './inline';
import { isAnnouncements } from './announcements';
import { blogProse } from './blogProse';
import { blogSpan } from './blogSpan';
import { sinceOpening } from './blogSince';
import { separateDowntimes } from './spanSeparate';
import { namedDays, type Doc } from './doc';
import { notAnEvent } from './editStamp';
import { onlyNamedDay } from './spanOnlyDay';
import type { Block, Key, Line } from './sections';
import { findSpan, type Moment, type Span } from './span';
import { monthReport, severalIncidents } from './spanAbstain';
import { labelPeriod } from './spanLabel';
import { pairLabelPeriod } from './spanPairLabel';
import { dateLabelTime } from './spanLabelTime';
import { withoutImpact } from './spanNone';
import { proseWindow } from './spanProseWindow';
import { sectionPeriod, titleDays, titlePeriod } from './spanStated';
import { TEST_ENV } from './spanWords';
import { pageSpan } from './statusBody';
import { openedSpan } from './statusKit';
import { accountStart } from './statusParagraphs';
import { statusWindow } from './statusWindow';
import { afterReopening } from './statusReopened';
import type { Entry } from './timeline';
import type { Zone } from './zones';

/** The text's span; an Impact saying there was none takes it away; a status page's front matter gives its own. */
export function readSpan(doc: Doc, input: ReturnType<typeof spanInput>, timeline: Block[]): Span {
  const base = withoutImpact(findSpan(input), doc.blocks);
  // Round 23: else one sentence outside the opening saying when the failure started and was fixed (spanProseWindow.ts).
  proseWindow(input, base);
  // Round 15: else a StatusKit page's date and updates (statusKit.ts).
  // Round 26: a page reopened after its front matter's resolution ends at its last update saying service is back, or not at all.
  const opened = afterReopening(pageSpan(doc.front, input, base, timeline), input.entries) ?? openedSpan(doc.front, doc.lines, timeline, input.entries);
  // Round 17: a window the page's own post mortem or summary states with its zone, over the front matter's times.
  const window = statusWindow(doc);
  // Round 17: else a page's own timed paragraphs that begin before the front matter's date (statusParagraphs.ts).
  const page = window ? { start: window.start, end: window.end, why: [window.why] } : (accountStart(opened, timeline, input.entries) ?? opened);
  const span = { ...base, ...page, why: [...(base.why ?? []), ...(page?.why ?? [])] };
  if (opened?.withoutEnd && !window) delete span.end;
  // Round 9: a month's report (its title names a month and no day) takes no start or end from its days alone.
  monthReport(input.titleText, !!findDate(input.titleText, doc.dayFirst, true), input.entries, span);
  severalIncidents(doc.blocks, span);
  // Round 18: two downtimes on two days state no length for the whole (spanSeparate.ts).
  separateDowntimes(input.lines, input.docDay?.y ?? findDate(doc.front?.date ?? '')?.y, span);
  // Round 18: a blog or news post's stamped updates, code-block timeline or bold-day list (blogSpan.ts).
  const out = blogSpan(doc, input.entries, span) ?? span;
  // Round 18: else, in a post without timeline entries, its prose's period, fix or opening day (blogProse.ts).
  if (!input.entries.length) blogProse(input.lines, input.docDay, out, findDate(doc.front?.date ?? ''));
  // Round 27: a sentence opening "Seit ca. 22:00 Uhr (MESZ) am 05.05.2026" gives the start's time (blogSince.ts).
  if (!input.entries.length) sinceOpening(input.lines, out);
  return out;
}

export function spanInput(doc: Doc, entries: Entry[], titleBlock: Block | undefined, docDay: Day | undefined, docZone: Zone | undefined) {
  const opening: Key[] = ['summary', 'impact', 'resolution', 'detection'];
  const prose = (l: Line) => !/^\s*([-*+]\s|\||#|\d{1,2}:\d{2})/.test(l.text);
  const statements = doc.blocks
    .filter((b) => b === doc.blocks[0] || b === titleBlock || (b.key && opening.includes(b.key)) || (b.key === 'timeline' && !isAnnouncements(b)))
    // Round 9: a paragraph under one of the timeline's own headings is that entry's text, not a statement of the whole.
    .flatMap((b) => (b.key === 'timeline' ? b.lines.slice(0, underHeading(b.lines)).filter(prose) : b.lines))
    .filter((l) => !notAnEvent(l.text));
  const lines = doc.blocks
    .filter((b) => b.key !== 'leadup')
    .flatMap((b) => b.lines)
    .filter((l) => !notAnEvent(l.text));
  const titleText = doc.front?.title ?? titleBlock?.heading ?? '';
  const td = findDate(titleText, doc.dayFirst, true);
  const titleDay = td?.y ? { day: td, line: doc.front?.title ? 1 : (titleBlock?.line ?? 1), text: inlineText(titleText) } : undefined;
  // Round 15: else a Date label that gives the time with its zone ("**Date:** 16/03/2020 3am UTC").
  const time = doc.labels.get('time') ?? dateLabelTime(doc.labels.get('date'));
  const labelDay1 = findDate(doc.labels.get('date')?.value ?? '', doc.dayFirst);
  // A Time label takes its Date label's day, else the document's only when the document names no other day.
  const timeDay = labelDay1?.y ? labelDay1 : namedDays(doc) <= 1 ? docDay : undefined;
  const timeLabel = time ? { text: inlineText(time.value), line: time.line, ...(timeDay ? { day: timeDay } : {}) } : undefined;
  const dateLabel = doc.labels.get('date');
  const range = dateLabel && findDayRange(inlineText(dateLabel.value));
  const dateRange = range ? { ...range, line: dateLabel.line, text: inlineText(dateLabel.text) } : undefined;
  const testIncident = TEST_ENV.test(inlineText(titleText));
  // Round 22: a Date label of one day and no time (spanWeakStart.ts).
  const labelDay = dateLabel && labelDay1?.y && !range && !time ? { day: labelDay1, line: dateLabel.line, text: inlineText(dateLabel.text) } : undefined;
  // Round 9: else the period the title states, else the one a section of its own states ("## Incident date(s)").
  const period =
    labelPeriod(lines, doc.dayFirst, docZone) ??
    pairLabelPeriod(lines, docZone) ??
    titlePeriod(titleText, doc.front?.title ? 1 : (titleBlock?.line ?? 1), docZone, doc.dayFirst) ??
    titleDays(titleText, doc.front?.title ? 1 : (titleBlock?.line ?? 1), docDay, doc.dayFirst) ??
    sectionPeriod(doc.blocks, doc.dayFirst);
  // Round 10: a dated title over a text that names no other day ("# 2020-12-11: All services outage"): its prose times are on it.
  const onlyDay = titleDay && namedDays(doc) <= 1 ? titleDay.day : titleDay ? undefined : onlyNamedDay(doc, docDay);
  const unreadRows = doc.problems.filter((p) => /^timeline (?:row|line) without a time/.test(p.message)).length;
  const impact = new Set(doc.blocks.filter((b) => b.key === 'impact').flatMap((b) => b.lines.map((l) => l.line)));
  return {
    entries,
    statements,
    lines,
    impact,
    docDay,
    docZone,
    titleDay,
    timeLabel,
    dateRange,
    testIncident,
    period,
    unreadRows,
    titleText,
    onlyDay,
    labelDay,
  };
}

/** Our own export: Start and Resolution labels as written. */
export function ownSpan(doc: Doc, entries: Entry[]): Span {
  const v = (n: string) => doc.labels.get(n);
  const m = (l: ReturnType<typeof v>): Moment | undefined =>
    l ? { value: inlineText(l.value), local: inlineText(l.value), approx: false, line: l.line, evidence: inlineText(l.text) } : undefined;
  const start = m(v('start'));
  const end = m(v('resolution') ?? v('end'));
  void entries;
  return { ...(start ? { start } : {}), ...(end && /T/.test(end.local) ? { end } : {}) };
}

/** Where the timeline's first subheading is (its lines from there are entries' texts); the whole when it has none. */
const underHeading = (lines: Line[]) => {
  const k = lines.findIndex((l) => /^#{1,6}\s/.test(l.text));
  return k < 0 ? lines.length : k;
};
