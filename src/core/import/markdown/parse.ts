/**
 * Postmortems written as Markdown documents: Incident Lens's own export
 * (read back field for field), the Google SRE book's template, and what
 * teams publish: blog posts with front matter, handbook pages, folders of
 * postmortems, with the common heading sets in any order and at any level.
 *
 * Times: see timeline.ts (shapes), zones.ts (zones: explicit, ambiguous ones
 * warned about, never guessed) and span.ts (start, end and duration from the
 * document's own statements). Nothing is made up: a fact the document does
 * not give stays empty and the record says why; a section the format has no
 * field for is named in a comment at the head of the record.
 */
import { formatDuration } from '../../time/recordTime';
import type { Draft, DraftFact, ImportProblem } from '../types';
import { actionItems } from './actions';
import { datesIn, findDate, findDayRange, inlineText, type Day } from './inline';
import { ownTags } from './own';
import { statusAndPriority, writeTexts } from './texts';
import { documentLabels, frontMatter, GENERIC_TITLE, splitBlocks, type Block, type Key, type Line } from './sections';
import { findSpan, statedMinutes, type Moment, type Span } from './span';
import { statusPageSpan } from './statusPage';
import { labelPeriod } from './spanLabel';
import { withoutImpact } from './spanNone';
import { zoneElsewhere } from './spanAgree';
import { OUTAGE_WORDS, TEST_ENV } from './spanWords';
import { entryAt, readTimeline, type Entry } from './timeline';
import type { Zone } from './zones';
import { documentZone } from './docZone';
import { introducedTimeline, leadupTimeline } from './timelineIntro';
import { laterTimeline } from './statusfy';
import { pageSpan } from './statusBody';
import { isAnnouncements, spanEntries } from './announcements';
import { monthReport, severalIncidents } from './spanAbstain';
import { sectionPeriod, titleDays, titlePeriod } from './spanStated';

export interface MarkdownOptions {
  /** The file's path (positions and the source id). */
  readonly file: string;
}

interface Doc {
  readonly file: string;
  readonly url?: string;
  readonly lines: string[];
  readonly first: number;
  readonly blocks: Block[];
  readonly labels: ReturnType<typeof documentLabels>;
  readonly problems: ImportProblem[];
  readonly notes: string[];
  readonly facts: DraftFact[];
  readonly dayFirst: boolean;
  readonly front?: ReturnType<typeof frontMatter>;
}

const MONTHS = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const DMY_WORDS = new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)? ${MONTHS},? \\d{4}\\b`, 'i');
const MDY_WORDS = new RegExp(`\\b${MONTHS} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}\\b`, 'i');

function prepare(raw: string, file: string): Doc {
  const url = /<!--\s*source:\s*(\S+)\s*-->/i.exec(raw)?.[1];
  // Comments go (they hold nothing of the incident), lines keep their numbers.
  // A byte order mark would hide the first heading.
  const text = blankComments(raw.replace(/^\ufeff/, ''));
  const lines = text.split(/\r?\n/);
  const front = frontMatter(lines);
  const first = front?.end ?? 0;
  // Numeric dates are read day first only where the document shows it: "29-09-2021", or its dates in words
  // put the day first ("8 January 2026") and never the month ("January 8, 2026").
  const dayFirst =
    lines.some((l) => /\b(1[3-9]|2\d|3[01])[-/.](0?[1-9]|1[0-2])[-/.]\d{4}\b/.test(l)) ||
    (lines.some((l) => /\b\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\b/.test(l)) && lines.some((l) => DMY_WORDS.test(l)) && !lines.some((l) => MDY_WORDS.test(l)));
  return {
    file,
    url,
    lines,
    first,
    front,
    blocks: splitBlocks(lines, first),
    labels: documentLabels(lines, first),
    problems: [],
    notes: [],
    facts: [],
    dayFirst,
  };
}

/** HTML comments blanked (line breaks kept), found by scanning: a pattern is quadratic on many unclosed "<!--". */
function blankComments(raw: string): string {
  let out = '';
  let i = 0;
  for (let open = raw.indexOf('<!--'); open >= 0; open = raw.indexOf('<!--', i)) {
    const close = raw.indexOf('-->', open + 4);
    if (close < 0) break;
    out += raw.slice(i, open) + raw.slice(open, close + 3).replace(/[^\n]/g, '');
    i = close + 3;
  }
  return out + raw.slice(i);
}

export function parseMarkdownPostmortem(raw: string, options: MarkdownOptions): { drafts: Draft[]; problems: ImportProblem[] } {
  const doc = prepare(raw, options.file);
  const { blocks, notes, problems, file } = doc;
  const headed = blocks.find((b) => b.level >= 1 && b.level <= 6 && !b.key && b.heading && !GENERIC_TITLE.test(inlineText(b.heading)));
  // With a title in the front matter, a heading is the title's only at the head of the body: "# ActivityEve" after a
  // poem and a timeline is a section, and its lines are not the document's opening statements.
  const atHead = (b: Block) => blocks.slice(0, blocks.indexOf(b)).every((x) => !x.lines.some((l) => l.text.trim()));
  const titleBlock = headed && (!doc.front?.title || atHead(headed)) ? headed : undefined;
  let title = doc.front?.title ?? (titleBlock ? inlineText(titleBlock.heading) : undefined);
  let preferredId: string | undefined;
  const own = title && /^Postmortem — (INC-\d+): (.+)$/.exec(title);
  if (own) {
    preferredId = own[1];
    title = own[2];
  }
  // No heading and no front matter: the first sentence names the incident when it says one happened ("On 28th February,
  // PostHog Feature Flags went down…"); the record says where its title came from.
  const opening = !title ? firstSentence(doc) : undefined;
  if (opening) {
    title = opening.text;
    notes.push(`title: the document has no heading or front matter title; its first sentence (line ${opening.line}) is used`);
  }
  if (!title) {
    problems.push({
      where: `${file}:1:1`,
      message: 'no title: the document has neither a title in its front matter nor a heading naming the incident; not imported',
    });
    return { drafts: [], problems };
  }
  const ownExport = !!preferredId;
  if (doc.front?.date && !statusPageSpan(doc.front))
    notes.push(`front matter date ${doc.front.date} is when the document was published, not when the incident happened`);
  if (doc.front?.authors) doc.facts.push({ field: 'authors', value: doc.front.authors, line: 1 });
  doc.facts.push({ field: 'title', value: title, line: doc.front?.title ? 1 : titleBlock?.line });
  const record: Record<string, unknown> = { title };
  const docDay = documentDay(doc, titleBlock);
  const docZone = documentZone(doc, ownExport, { text: title, line: doc.front?.title ? 1 : (titleBlock?.line ?? 1) });
  // Our export writes a day heading whenever it matters; a time without one is read from the start (as written).
  const timeline = timelineBlocks(doc);
  const entries = readTimeline(timeline, {
    file,
    docDay: ownExport ? undefined : docDay,
    docZone,
    dayFirst: doc.dayFirst,
    singleDay: namedDays(doc) <= 1,
    problems,
    notes,
  });
  const span = ownExport ? ownSpan(doc, entries) : readSpan(doc, spanInput(doc, spanEntries(timeline, entries), titleBlock, docDay, docZone), timeline);
  writeSpan(doc, record, span, entries, docZone, ownExport);
  writeTimeline(record, entries, ownExport, doc);
  statusAndPriority(doc, record, ownExport);
  writeTexts(doc, record, ownExport, titleBlock);
  const { actions, planned } = actionItems(
    blocks.filter((b) => b.key === 'actions'),
    file,
    doc.url,
    ownExport,
    problems,
  );
  if (planned.length) ((record.postmortem ??= {}) as Record<string, unknown>).actionPlan = planned;
  // Sections with no field to hold them are named, never silently dropped.
  const unplaced = blocks.filter((b) => b.level >= 2 && b.level <= 6 && !b.key && b !== titleBlock && b.lines.some((l) => l.text.trim()));
  if (unplaced.length)
    notes.push(`not imported (no field holds them; see the source): sections ${unplaced.map((b) => `"${inlineText(b.heading)}" (line ${b.line})`).join(', ')}`);
  const id = file.replace(/^.*[\\/]/, '');
  const source = { system: ownExport ? 'incident-lens' : 'markdown', id: ownExport ? preferredId! : id, ...(doc.url ? { url: doc.url } : {}) };
  const missing = ['start', 'end', 'duration', 'timeline', 'priority', 'detected'].filter((f) => !doc.facts.some((x) => x.field === f));
  const draft: Draft = {
    source,
    label: `${id}: ${title}`,
    where: `${file}:${titleBlock?.line ?? 1}:1`,
    record,
    actions: actions.map((a) => ({ ...a, source: { ...a.source, system: source.system } })),
    notes,
    preferredId,
    facts: doc.facts,
    missing,
  };
  return { drafts: [draft], problems };
}

/** The text's span; an Impact saying there was none takes it away; a status page's front matter gives its own. */
function readSpan(doc: Doc, input: ReturnType<typeof spanInput>, timeline: Block[]): Span {
  const base = withoutImpact(findSpan(input), doc.blocks);
  const page = pageSpan(doc.front, input, base, timeline);
  const span = { ...base, ...page, why: [...(base.why ?? []), ...(page?.why ?? [])] };
  // Round 9: a month's report (its title names a month and no day) takes no start or end from its days alone.
  monthReport(input.titleText, !!findDate(input.titleText, doc.dayFirst, true), input.entries, span);
  severalIncidents(doc.blocks, span);
  return span;
}

/** An HTML `<time datetime="…">` (a post's subtitle or byline): when it was published, never when it happened. */
const PUBLISHED = /<time\s[^>]{0,200}?\bdatetime=/i;

/** The incident's day: its Date label, a date in the title, else the first full date in the body (never the front matter's). */
function documentDay(doc: Doc, titleBlock: Block | undefined): Day | undefined {
  const d = doc.labels.get('date');
  if (d && /^\s*\d{1,2}[-/.]\d{1,2}[-/.]\d{4}/.test(d.value) && !doc.dayFirst && !/^\s*\d{4}/.test(d.value)) {
    const n = /(\d{1,2})[-/.](\d{1,2})/.exec(d.value)!;
    if (Number(n[1]) <= 12 && Number(n[2]) <= 12 && n[1] !== n[2])
      doc.notes.push(`date "${inlineText(d.value)}" can be read day first or month first; it is not used`);
  }
  const fromLabel = d && findDate(d.value, doc.dayFirst);
  if (fromLabel?.y) return fromLabel;
  const fromTitle = findDate(doc.front?.title ?? titleBlock?.heading ?? '', doc.dayFirst, true);
  if (fromTitle?.y) return fromTitle;
  for (let i = doc.first; i < doc.lines.length; i++) {
    const day = PUBLISHED.test(doc.lines[i]!) ? undefined : findDate(doc.lines[i]!.slice(0, 2000), doc.dayFirst);
    if (day?.y) return day;
  }
  // No year anywhere in the text: the file name's date gives it, only when the text names that same day ("On 28th
  // February" in 2024-02-28-decide-is-down.md).
  const named = /(?:^|[^\d])(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(doc.file.replace(/^.*[\\/]/, ''));
  if (!named) return undefined;
  const fileDay = { y: Number(named[1]), m: Number(named[2]), d: Number(named[3]) };
  for (let i = doc.first; i < doc.lines.length; i++) {
    const day = findDate(doc.lines[i]!.slice(0, 2000), doc.dayFirst);
    if (day && day.m === fileDay.m && day.d === fileDay.d) {
      doc.notes.push(`year: the text gives no year; ${fileDay.y} is from the file name, whose date is the day line ${i + 1} names`);
      return fileDay;
    }
  }
  return undefined;
}

/** How many different full dates the document's text names. */
function namedDays(doc: Doc): number {
  const days = new Set<string>();
  for (let i = doc.first; i < doc.lines.length; i++) for (const d of datesIn(doc.lines[i]!.slice(0, 2000), doc.dayFirst)) days.add(d);
  return days.size;
}

/** The first sentence of the first paragraph, when it says an incident happened (a title for a document without one). */
function firstSentence(doc: Doc): { text: string; line: number } | undefined {
  for (let i = doc.first; i < doc.lines.length; i++) {
    const raw = doc.lines[i]!.trim();
    // Blank lines, a label with a link ("Internal post-mortem: https://…"), images and HTML are not the opening.
    if (!raw || /^[^:]{1,40}:\s*<?https?:\/\/\S+>?$/.test(raw) || /^(!\[|<|\||```|---)/.test(raw)) continue;
    const sentence = inlineText(raw.slice(0, 2000))
      .split(/(?<=[.!?])\s+(?=[A-Z])/)[0]!
      .replace(/[.!?]$/, '');
    if (!OUTAGE_WORDS.test(sentence)) return undefined;
    const text = sentence.length <= 120 ? sentence : `${sentence.slice(0, 117).replace(/\s+\S*$/, '')}…`;
    return { text, line: i + 1 };
  }
  return undefined;
}

/** The Timeline section; else a table with a time column; else a "Key events" list. */
function timelineBlocks(doc: Doc): Block[] {
  const own = doc.blocks.filter((b) => b.key === 'timeline');
  if (own.length) return own;
  const isHeader = (ls: Line[], i: number) =>
    /^\s*\|/.test(ls[i]!.text) && /\b(time|when|timestamp)\b/i.test(ls[i]!.text) && /^\s*\|?\s*:?-{3,}/.test(ls[i + 1]?.text ?? '');
  for (const b of doc.blocks) {
    const i = b.lines.findIndex((_, k) => isHeader(b.lines, k));
    if (i < 0) continue;
    doc.notes.push(`timeline: the table at line ${b.lines[i]!.line} (the document has no Timeline heading)`);
    const table = { ...b, key: 'timeline' as Key, lines: b.lines.slice(i) };
    b.lines = b.lines.slice(0, i);
    return [table];
  }
  for (const b of doc.blocks) {
    const i = b.lines.findIndex((l) => /^\s*[-*]\s+\*\*(key events|timeline)\*\*:?\s*$/i.test(l.text));
    if (i < 0) continue;
    const indent = /^\s*/.exec(b.lines[i]!.text)![0].length;
    let j = i + 1;
    while (j < b.lines.length && (!b.lines[j]!.text.trim() || /^\s*/.exec(b.lines[j]!.text)![0].length > indent)) j++;
    const list = b.lines.slice(i + 1, j);
    b.lines = [...b.lines.slice(0, i), ...b.lines.slice(j)];
    return [{ heading: 'Key events', level: 7, line: b.lines[i]?.line ?? b.line, lines: list, key: 'timeline' }];
  }
  const introduced = introducedTimeline(doc.blocks, doc.notes) ?? leadupTimeline(doc.blocks, doc.notes);
  return introduced ? [introduced] : laterTimeline(doc.blocks, doc.notes);
}

function spanInput(doc: Doc, entries: Entry[], titleBlock: Block | undefined, docDay: Day | undefined, docZone: Zone | undefined) {
  const opening: Key[] = ['summary', 'impact', 'resolution', 'detection'];
  const prose = (l: Line) => !/^\s*([-*+]\s|\||#|\d{1,2}:\d{2})/.test(l.text);
  const statements = doc.blocks
    .filter((b) => b === doc.blocks[0] || b === titleBlock || (b.key && opening.includes(b.key)) || (b.key === 'timeline' && !isAnnouncements(b)))
    // Round 9: a paragraph under one of the timeline's own headings is that entry's text, not a statement of the whole.
    .flatMap((b) => (b.key === 'timeline' ? b.lines.slice(0, underHeading(b.lines)).filter(prose) : b.lines))
    .filter((l) => !PUBLISHED.test(l.text));
  const lines = doc.blocks
    .filter((b) => b.key !== 'leadup')
    .flatMap((b) => b.lines)
    .filter((l) => !PUBLISHED.test(l.text));
  const titleText = doc.front?.title ?? titleBlock?.heading ?? '';
  const td = findDate(titleText, doc.dayFirst, true);
  const titleDay = td?.y ? { day: td, line: doc.front?.title ? 1 : (titleBlock?.line ?? 1), text: inlineText(titleText) } : undefined;
  const time = doc.labels.get('time');
  const labelDay = findDate(doc.labels.get('date')?.value ?? '', doc.dayFirst);
  // A Time label takes its Date label's day, else the document's only when the document names no other day.
  const timeDay = labelDay?.y ? labelDay : namedDays(doc) <= 1 ? docDay : undefined;
  const timeLabel = time ? { text: inlineText(time.value), line: time.line, ...(timeDay ? { day: timeDay } : {}) } : undefined;
  const dateLabel = doc.labels.get('date');
  const range = dateLabel && findDayRange(inlineText(dateLabel.value));
  const dateRange = range ? { ...range, line: dateLabel.line, text: inlineText(dateLabel.text) } : undefined;
  const testIncident = TEST_ENV.test(inlineText(titleText));
  // Round 9: else the period the title states, else the one a section of its own states ("## Incident date(s)").
  const period =
    labelPeriod(lines, doc.dayFirst, docZone) ??
    titlePeriod(titleText, doc.front?.title ? 1 : (titleBlock?.line ?? 1), docZone) ??
    titleDays(titleText, doc.front?.title ? 1 : (titleBlock?.line ?? 1), docDay, doc.dayFirst) ??
    sectionPeriod(doc.blocks, doc.dayFirst);
  // Round 10: a dated title over a text that names no other day ("# 2020-12-11: All services outage"): its prose times are on it.
  const onlyDay = titleDay && namedDays(doc) <= 1 ? titleDay.day : undefined;
  const unreadRows = doc.problems.filter((p) => /^timeline (?:row|line) without a time/.test(p.message)).length;
  return { entries, statements, lines, docDay, docZone, titleDay, timeLabel, dateRange, testIncident, period, unreadRows, titleText, onlyDay };
}

/** Our own export: Start and Resolution labels as written. */
function ownSpan(doc: Doc, entries: Entry[]): Span {
  const v = (n: string) => doc.labels.get(n);
  const m = (l: ReturnType<typeof v>): Moment | undefined =>
    l ? { value: inlineText(l.value), local: inlineText(l.value), approx: false, line: l.line, evidence: inlineText(l.text) } : undefined;
  const start = m(v('start'));
  const end = m(v('resolution') ?? v('end'));
  void entries;
  return { ...(start ? { start } : {}), ...(end && /T/.test(end.local) ? { end } : {}) };
}

function fact(doc: Doc, field: string, m: Moment): void {
  doc.facts.push({
    field,
    value: `${m.approx ? '~' : ''}${m.local}${m.offset ? ` ${m.offset}` : ' (zone not stated)'}`.replace(/^(~?\d{4}-\d{2}-\d{2}) \(zone not stated\)$/, '$1'),
    line: m.line,
    evidence: m.evidence,
  });
}

function writeSpan(doc: Doc, record: Record<string, unknown>, span: Span, entries: Entry[], zone: Zone | undefined, ownExport: boolean): void {
  const put = (field: 'start' | 'resolution', m: Moment | undefined, name: string) => {
    if (!m) return;
    fact(doc, name, m);
    // The record takes a full time; a day alone, or a time without a zone, stays a note (and a fact in the preview).
    if (m.value && /T/.test(m.value)) record[field] = m.value;
    else if (m.value) doc.notes.push(`${field}: the document gives the day ${m.local} (line ${m.line}) but no time; set it`);
    else {
      // "names no time zone" only when it names none; a zone given elsewhere is pointed at, never assumed.
      const other = zoneElsewhere(doc.lines, doc.first);
      const said = other ? `its line names no time zone (${other}, which it does not say applies here)` : 'the document names no time zone';
      doc.notes.push(`${field}: ${m.local} (line ${m.line}), but ${said}; set it with its offset`);
    }
  };
  put('start', span.start, 'start');
  put('resolution', span.end, 'end');
  if (!ownExport && zone?.iana) record.timeZone = zone.iana;
  if (!ownExport && span.start) doc.notes.push(`start: "${span.start.evidence.slice(0, 80)}" (line ${span.start.line})`);
  if (!ownExport && span.end) doc.notes.push(`resolution: "${span.end.evidence.slice(0, 80)}" (line ${span.end.line})`);
  for (const why of span.why ?? []) doc.notes.push(why);
  if (!ownExport && !span.start) doc.notes.push('start: the document gives no time the incident began; set it');
  if (!ownExport && !span.end) doc.notes.push('resolution: the document gives no time the incident ended; set it');
  const d = span.duration;
  if (d) {
    doc.facts.push({ field: 'duration', value: d.text, line: d.line, evidence: d.evidence });
    const stated = statedMinutes(d.text);
    const fromSpan = record.start && record.resolution ? minutesBetween(String(record.start), String(record.resolution)) : undefined;
    // Only a duration the record's own start and resolution confirm, and not an estimate ("~24h" stays text).
    if (stated !== undefined && fromSpan === stated && !/~|about|approx|around|roughly|nearly|almost|over|estimated/i.test(d.text))
      record.duration = formatDuration(stated);
    doc.notes.push(
      `duration: the document says "${d.text}" (line ${d.line})${record.duration ? '' : fromSpan !== undefined ? `; start to resolution is ${formatDuration(fromSpan)}, so it is kept here only` : ''}`,
    );
  }
  void entries;
}

function minutesBetween(a: string, b: string): number | undefined {
  const x = Date.parse(a.replace(/^~/, ''));
  const y = Date.parse(b.replace(/^~/, ''));
  return Number.isNaN(x) || Number.isNaN(y) ? undefined : Math.round((y - x) / 60000);
}

function writeTimeline(record: Record<string, unknown>, entries: Entry[], ownExport: boolean, doc?: Doc): void {
  const list = entries
    .map((e) => {
      const at = entryAt(e);
      if (!at) return undefined;
      const tagged = ownExport ? ownTags(e.raw.replace(/^\(date only\)\**\s*(?:—\s*)?/, '')) : { text: e.text };
      const out: Record<string, unknown> = { at };
      if ('author' in tagged && tagged.author) out.author = tagged.author;
      if ('kind' in tagged && tagged.kind) out.kind = tagged.kind;
      const milestone = ('milestone' in tagged && tagged.milestone) || (!ownExport ? e.milestone : undefined);
      if (milestone) out.milestone = milestone;
      out.text = tagged.text || '(no text)';
      return out;
    })
    .filter((x): x is Record<string, unknown> => !!x);
  if (list.length) record.timeline = list;
  if (doc && list.length) doc.facts.push({ field: 'timeline', value: `${list.length} entr${list.length === 1 ? 'y' : 'ies'}`, line: entries[0]!.line });
}

/** Where the timeline's first subheading is (its lines from there are entries' texts); the whole when it has none. */
const underHeading = (lines: Line[]) => {
  const k = lines.findIndex((l) => /^#{1,6}\s/.test(l.text));
  return k < 0 ? lines.length : k;
};
