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
 *
 * The steps, in order: doc.ts (lines, front matter, blocks, labels),
 * docTitle.ts, docDay.ts, docZone.ts, timelineSection.ts (which part is the
 * timeline), docSpan.ts (start, end, duration), writeRecord.ts (those into the
 * record), texts.ts and actions.ts (the sections' texts and action items).
 */
import type { Draft, ImportProblem } from '../types';
import { actionItems } from './actions';
import { blogEntries } from './blogEntries';
import { spanEntries } from './announcements';
import { namedDays, prepare } from './doc';
import { documentDay } from './docDay';
import { ownSpan, readSpan, spanInput } from './docSpan';
import { documentTitle } from './docTitle';
import { documentZone } from './docZone';
import { findDate, inlineText, type Day } from './inline';
import { statusAndPriority, writeTexts } from './texts';
import { statusPageSpan } from './statusPage';
import { openedPage } from './statusKit';
import { readTimeline } from './timeline';
import { timelineBlocks } from './timelineSection';
import { writeSpan, writeTimeline } from './writeRecord';

export interface MarkdownOptions {
  /** The file's path (positions and the source id). */
  readonly file: string;
}

export function parseMarkdownPostmortem(raw: string, options: MarkdownOptions): { drafts: Draft[]; problems: ImportProblem[] } {
  const doc = prepare(raw, options.file);
  const { blocks, notes, problems, file } = doc;
  const found = documentTitle(doc);
  if (!found) return { drafts: [], problems };
  const { title, titleBlock, preferredId, line: titleLine } = found;
  const ownExport = !!preferredId;
  if (doc.front?.date && !statusPageSpan(doc.front) && !openedPage(doc.front, doc.lines))
    notes.push(`front matter date ${doc.front.date} is when the document was published, not when the incident happened`);
  if (doc.front?.authors) doc.facts.push({ field: 'authors', value: doc.front.authors, line: 1 });
  doc.facts.push({ field: 'title', value: title, line: doc.front?.title ? 1 : (titleLine ?? titleBlock?.line) });
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
    // Round 22: the document's day is its Date label's (timelineSteps.ts).
    dayLabelled: !!docDay && !!doc.labels.get('date') && sameDay(findDate(doc.labels.get('date')!.value, doc.dayFirst), docDay),
    problems,
    notes,
  });
  // Round 18: else a blog or news post's stamped update headings, indented code-block timeline or bold-day list.
  if (!entries.length && !ownExport) entries.push(...blogEntries(doc, docZone));
  const span = ownExport ? ownSpan(doc, entries) : readSpan(doc, spanInput(doc, spanEntries(timeline, entries), titleBlock, docDay, docZone), timeline);
  writeSpan(doc, record, span, entries, docZone, ownExport);
  writeTimeline(record, entries, ownExport, doc);
  statusAndPriority(doc, record, ownExport);
  writeTexts(doc, record, ownExport, titleBlock);
  // The people who wrote the postmortem own it (a front matter's authors, never a guess from the prose).
  const pm = (record.postmortem ?? {}) as Record<string, unknown>;
  if (doc.front?.authors && pm.owner === undefined) {
    record.postmortem = { ...pm, owner: doc.front.authors };
    notes.push(`postmortem owner: the document's authors (front matter)`);
  }
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

const sameDay = (a: Day | undefined, b: Day) => !!a && a.y === b.y && a.m === b.m && a.d === b.d;
