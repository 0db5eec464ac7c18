/**
 * Timeline entries from a postmortem's Timeline section (or a table with a
 * time column elsewhere): list items, paragraphs and headings that start with
 * a time (`### 04:19` with the text in the paragraph below), `7:09 AM
 * Eastern:` with the text on indented lines below, tables (date-only rows and
 * `--:--` rows too), day headings, and prose ("At 17:45 UTC the database…").
 * A list item's wrapped lines and sub-items belong to its text.
 */
import type { ImportProblem } from '../types';
import { findDate, inlineText, pad, type Day } from './inline';
import type { Block, Line } from './sections';
import { overMidnight, leadingStamp, trailingStamp, type Stamp } from './stamp';
import { cellStamp, type Base } from './tableCell';
import { weekdayAfter, weekdayDay } from './weekday';
import { fourDigitBlocks, fourDigitStamp } from './fourDigit';
import { declaredZone, zonedValue, type Zone } from './zones';
import { breaksSplit, logFence } from './timelineLines';
import { untimedEntries } from './timelineSteps';
import { dayCell as dayWithWords, zoneColumns } from './tableZones';
import { boldTail } from './timelineBold';

export interface Entry {
  day?: Day;
  h?: number;
  m?: number;
  approx: boolean;
  zone?: Zone;
  until?: string;
  text: string;
  /** The text as written (Markdown), for our own export's tags. */
  raw: string;
  line: number;
  milestone?: 'mitigated' | 'resolved';
  /** Round 22: a row placed by its offset from an undated moment ("~T+2m", timelineSteps.ts): it sets no start or end. */
  relative?: boolean;
}

export interface TimelineContext {
  readonly file: string;
  readonly docDay?: Day;
  readonly docZone?: Zone;
  readonly dayFirst: boolean;
  /** The document names one day only: a prose entry without a day of its own may take it. */
  readonly singleDay?: boolean;
  /** Round 22: the document's day is the one its Date label names. */
  readonly dayLabelled?: boolean;
  readonly problems: ImportProblem[];
  readonly notes: string[];
}

const APPROXIMATE = /\ball (?:the )?times (?:are |were |given |listed )?(?:approximat\w*|rough)\b/i;
const LIST = /^(\s*)(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?/;
const HEADING = /^(#{1,6})\s/;
const SEPARATOR = /^\s*\|?\s*:?-{3,}/;

/** The entry's time as the record writes it: ISO with offset when the day and zone are known, a day alone, or a time of day. */
export function entryAt(e: Entry): string {
  const tilde = e.approx ? '~' : '';
  if (e.h === undefined) return e.day?.y ? `${tilde}${e.day.y}-${pad(e.day.m)}-${pad(e.day.d)}` : '';
  const full = e.day?.y ? zonedValue(e.day, e.h, e.m!, e.zone) : undefined;
  return `${tilde}${full ?? `${pad(e.h)}:${pad(e.m!)}`}`;
}

/** "2021-03-31T12:06" (+ offset) for reports; the day alone when there is no time. */
export function entryLocal(e: Entry): string | undefined {
  if (!e.day?.y) return undefined;
  const day = `${e.day.y}-${pad(e.day.m)}-${pad(e.day.d)}`;
  return e.h === undefined ? day : `${day}T${pad(e.h)}:${pad(e.m!)}`;
}

export function readTimeline(blocks: readonly Block[], ctx: TimelineContext): Entry[] {
  const entries: Entry[] = [];
  const four = fourDigitBlocks(blocks);
  for (const b of blocks) readBlock(b, ctx, entries, four);
  return entries;
}

interface State {
  day?: Day;
  zone?: Zone;
  /** The entry that following indented or paragraph lines continue. */
  open?: { entry: Entry; indent: number; paragraph: boolean };
  table?: { time: number; cells: number[]; day?: number };
  /** A table's last row with a day and a time: "+10 minutes" counts from it. */
  base?: Base;
  /** "All times approximations" in the heading: every entry is approximate. */
  approx?: boolean;
  /** A date-only heading: an entry unless timed entries follow under it. */
  pendingDay?: Entry;
  /** Round 9: a line that is a date alone ("2019-07-25:") is above: its items without a time are entries of that day. */
  dayLine?: boolean;
  /** Round 9: a heading without a day or a time, whose paragraph may open with its day ("On 11 April 2026, …"). */
  undated?: { line: number; text: string };
  /** Round 16: the day heading's entry took its text from an item at the margin. */
  dayItem?: boolean;
  /** Round 16: the section has items at the margin that open with a time. */
  itemsTimed?: boolean;
}

function readBlock(b: Block, ctx: TimelineContext, entries: Entry[], four: boolean): void {
  const st: State = { zone: declaredZone(b.heading) ?? ctx.docZone, approx: APPROXIMATE.test(b.heading.slice(0, 400)) };
  const headDay = findDate(b.heading, ctx.dayFirst);
  st.day = headDay ? { ...headDay, y: headDay.y ?? ctx.docDay?.y } : ctx.docDay;
  const all = breaksSplit(b.lines);
  let fence = false;
  let log = false;
  const before = entries.length;
  for (let i = 0; i < all.length; i++) {
    const { text: l, line } = all[i]!;
    // Code blocks between entries (logs, config) hold no entries, also when indented under a list item; a block whose
    // lines open with a day and a time is the timeline written as a log (round 8), read line by line.
    if (/^\s*(```|~~~)/.test(l)) {
      // Only a bare fence at the margin, before any entry of the section (never a log pasted under an entry).
      if (log || (!fence && entries.length === before && /^(```|~~~)\s*$/.test(l) && logFence(all, i + 1, ctx))) log = !log;
      else fence = !fence;
      continue;
    }
    if (fence || (log && !leadingStamp(l.slice(0, 400), ctx.dayFirst))) continue;
    if (!l.trim()) {
      st.table = undefined;
      if (st.open) st.open.paragraph = false;
      continue;
    }
    if (/^\s*\|/.test(l)) {
      if (readTableRow(l, line, all[i + 1], st, ctx, entries)) i++;
      continue;
    }
    const h = HEADING.exec(l);
    if (h) {
      readHeading(l.slice(h[0].length), line, st, ctx, entries);
      continue;
    }
    if (st.undated && headingEntry(l, st, ctx, entries)) continue;
    const zone = declaredZone(l);
    const list = LIST.exec(l);
    const indent = list ? list[1]!.length : (/^\s*/.exec(l)?.[0].length ?? 0);
    // Lines under an open entry: wrapped text, sub-items, the paragraph under a heading entry.
    // A line that starts with a time is an entry of its own, wherever it stands.
    const timed = stampOf(list, l, ctx, four);
    if (list && !list[1] && !timed) dayItems(st, entries, all, ctx);
    if (st.open && (indent > st.open.indent || (!list && st.open.paragraph)) && !(timed && (list || timed.h !== undefined))) {
      st.open.entry.text = `${st.open.entry.text} ${inlineText(list ? l.slice(list[0].length) : l)}`.trim();
      st.open.paragraph = !list || st.open.paragraph;
      continue;
    }
    const stamp = timed;
    // A line that is a date alone ("**19th September 2023:**") names the day of the entries below it.
    if (stamp && !list && stamp.h === undefined && !stamp.unknownTime && !stamp.rest && stamp.day) {
      if (st.pendingDay) entries.push(st.pendingDay);
      st.pendingDay = undefined;
      st.open = undefined;
      st.day = { ...stamp.day, y: stamp.day.y ?? st.day?.y ?? ctx.docDay?.y };
      st.dayLine = true;
      continue;
    }
    // A day as a label with its text after it ("**Feb 05, 2021:** Disclosure") is an entry of that day.
    if (stamp && (stamp.h !== undefined || stamp.unknownTime || (stamp.day && (list || !stamp.rest || stamp.labelled)))) {
      const e = push(stamp, line, st, ctx, entries);
      // "- Feb 8 0117 UTC: …" then "- 0133 UTC: …": an entry's day carries to the entries after it that give only a time.
      if (stamp.day && stamp.h !== undefined && e.day?.y) st.day = e.day;
      // A paragraph entry ("2018-08-22, 03:26pm: first noticed … was") goes on over the lines below it until a blank line.
      st.open = { entry: e, indent, paragraph: !list };
      continue;
    }
    if (zone) st.zone = zone;
    const d = !list && !/^\s*\*\*/.test(l) ? findDate(l, ctx.dayFirst) : undefined;
    const dayLine = /^\*\*([^*]+)\*\*$/.exec(l.trim());
    if (dayLine && findDate(dayLine[1]!, ctx.dayFirst)) {
      const dd = findDate(dayLine[1]!, ctx.dayFirst)!;
      st.day = { ...dd, y: dd.y ?? ctx.docDay?.y };
      continue;
    }
    if (!list && readProse(l, line, st, ctx, entries)) continue;
    if (d && !list) st.day = { ...d, y: d.y ?? st.day?.y ?? ctx.docDay?.y };
    if (list) untimedItem(l, list, line, indent, st, ctx, entries);
  }
  if (st.pendingDay) entries.push(st.pendingDay);
  untimedEntries(all, before, entries, ctx);
}

/** Round 16: items without a time under a day heading ("### 2021-04-15", "* Elan processes …", "* Phylopipe … starts"). */
export const DAY_ITEMS_RULE = { on: true };

/**
 * In a section whose items at the margin open with a time, a day heading's first item without a time is the text of
 * the heading's entry; a second one makes each an entry of that day (the items after it too), not one entry with their
 * texts run together. A day's numbered steps in a timeline of days (no item with a time) stay the day's one entry.
 */
function dayItems(st: State, entries: Entry[], all: readonly Line[], ctx: TimelineContext): void {
  if (!DAY_ITEMS_RULE.on || !st.pendingDay || st.open?.entry !== st.pendingDay) return;
  // The section's items at the margin carry times: an item is an entry (looked at once a section).
  st.itemsTimed ??= all.some((x) => /^[-*+]\s/.test(x.text) && leadingStamp(x.text.slice(2, 400), ctx.dayFirst)?.h !== undefined);
  if (!st.itemsTimed) return;
  if (!st.pendingDay.text) {
    st.dayItem = true;
    return;
  }
  if (!st.dayItem) return;
  entries.push(st.pendingDay);
  st.pendingDay = undefined;
  st.open = undefined;
  st.dayLine = true;
}

/**
 * A list item without a time. Round 9: "2019-07-25:" over "* [CVE-2019-15225] issue opened": under a day line, it is an
 * entry of that day (an item at the margin; a sub-item belongs to the item above it); elsewhere it is left out, and said.
 */
function untimedItem(l: string, list: RegExpExecArray, line: number, indent: number, st: State, ctx: TimelineContext, entries: Entry[]): void {
  if (st.dayLine && st.day?.y && !list[1]) {
    st.open = { entry: push({ approx: false, day: st.day, rest: l.slice(list[0].length) }, line, st, ctx, entries), indent, paragraph: false };
    return;
  }
  st.open = undefined;
  ctx.problems.push({ where: `${ctx.file}:${line}:1`, message: 'timeline line without a time I can read; it is left out' });
}

function stampOf(list: RegExpExecArray | null, l: string, ctx: TimelineContext, four: boolean): Stamp | undefined {
  const body = list ? l.slice(list[0].length) : l;
  // Round 11: "1727: text" in a timeline written with four-digit times.
  const stamp =
    leadingStamp(body.slice(0, 400), ctx.dayFirst) ??
    (four && !list ? fourDigitStamp(body) : undefined) ??
    (list ? (onDayAt(body, ctx) ?? trailingStamp(body)) : undefined);
  return list && stamp?.h !== undefined && !stamp.day ? dayAfterTime(stamp, ctx) : stamp;
}

/** Round 9: a list item's "On Sep 29 at 14:00, the new feature was deployed": a day and a time after "On" (both, or none). */
function onDayAt(body: string, ctx: TimelineContext): Stamp | undefined {
  const on = /^on\s/i.exec(body);
  const stamp = on ? leadingStamp(body.slice(on[0].length, 400), ctx.dayFirst) : undefined;
  return stamp?.day && stamp.h !== undefined ? { ...stamp, rest: stamp.rest.replace(/^,\s?/, '') } : undefined;
}

/** Round 9: a list item's "10:28 on May 18, a regular build…" is on that day; "11:45, the CD pipeline…" keeps its text. */
function dayAfterTime(stamp: Stamp, ctx: TimelineContext): Stamp {
  const on = /^on ([^,;.]{3,30}),\s?/i.exec(stamp.rest.slice(0, 60));
  const day = on ? findDate(on[1]!, ctx.dayFirst) : undefined;
  if (day) return { ...stamp, day, rest: stamp.rest.slice(on![0].length) };
  return { ...stamp, rest: stamp.rest.replace(/^,\s?/, '') };
}

function push(stamp: Stamp, line: number, st: State, ctx: TimelineContext, entries: Entry[]): Entry {
  if (st.pendingDay && stamp.h !== undefined) st.pendingDay = undefined;
  if (stamp.zone?.ambiguous) ambiguous(stamp.zone, line, ctx);
  if (stamp.zone?.assumed && !ctx.notes.some((n) => n.startsWith(`timeZone: "${stamp.zone!.label}"`)))
    ctx.notes.push(`timeZone: "${stamp.zone.label}" ${stamp.zone.assumed} (line ${line}); check it`);
  const day = stamp.day ? { ...stamp.day, y: stamp.day.y ?? st.day?.y ?? ctx.docDay?.y } : (st.day = overMidnight(stamp, st.day, entries.at(-1)));
  const e: Entry = { approx: stamp.approx || !!st.approx, text: inlineText(boldTail(stamp.rest)), raw: stamp.rest, line };
  if (weekdayDay(stamp.weekday, day, line, ctx.notes)) e.day = day;
  if (stamp.h !== undefined) {
    e.h = stamp.h;
    e.m = stamp.m;
  }
  const zone = stamp.zone ?? st.zone;
  if (zone && !zone.ambiguous) e.zone = zone;
  if (stamp.until) e.until = stamp.until;
  if (stamp.until) e.text = `(until ${stamp.until}) ${e.text}`.trim();
  if (stamp.unknownTime) e.text = `(${stamp.unknownTime === true ? 'time not given' : `time ${stamp.unknownTime}`}) ${e.text}`.trim();
  entries.push(e);
  return e;
}

function ambiguous(zone: Zone, line: number, ctx: TimelineContext): void {
  ctx.problems.push({
    where: `${ctx.file}:${line}:1`,
    message: `time zone "${zone.label}" is ambiguous (${zone.ambiguous}); times are kept without an offset: set the record's timeZone`,
  });
}

function readHeading(text: string, line: number, st: State, ctx: TimelineContext, entries: Entry[]): void {
  st.dayLine = false;
  st.dayItem = false;
  st.undated = undefined;
  if (st.pendingDay) entries.push(st.pendingDay);
  st.pendingDay = undefined;
  st.open = undefined;
  const zone = declaredZone(text);
  if (zone) st.zone = zone;
  // Round 10: "### After 02:10 CET" over "Validator fully operational": an entry at the time the heading names.
  const stamp = leadingStamp(text.slice(0, 400).replace(/^(?:after|since|by|from)\s(?=~?\d{1,2}:\d{2})/i, ''), ctx.dayFirst);
  if (stamp?.h !== undefined) {
    if (stamp.day) st.day = { ...stamp.day, y: stamp.day.y ?? ctx.docDay?.y };
    const e = push(stamp, line, st, ctx, entries);
    st.open = { entry: e, indent: -1, paragraph: true };
    return;
  }
  const d = findDate(text, ctx.dayFirst) ?? weekdayAfter(text, st.day);
  st.undated = d ? undefined : { line, text };
  if (d) {
    st.day = { ...d, y: d.y ?? ctx.docDay?.y };
    // "### 2018-01-11" with a paragraph under it is an entry of that day; with timed entries under it, a day heading.
    const e: Entry = { approx: false, text: '', raw: '', line, day: st.day };
    st.pendingDay = e;
    st.open = { entry: e, indent: -1, paragraph: true };
  }
}

/** A paragraph that opens with its day: "On 11 April 2026, …", "Also on 15 April 2026, …", "The next day, on 14 April 2026, …". */
const OPENS_ON_DAY = /^(?:(?:also|then|later|the next day|the following day|the same day),?\s{1,3})?on\s/i;

/**
 * Round 9: a heading without a day or a time ("### [API outage (part one)](…) (Major)") whose first paragraph opens with
 * its day is an entry of that day, named by the heading, its paragraph the text after it. Only the paragraph's first
 * line is looked at, and only a day with its year (or the document's year).
 */
function headingEntry(l: string, st: State, ctx: TimelineContext, entries: Entry[]): boolean {
  const heading = st.undated!;
  st.undated = undefined;
  const head = l.trim().slice(0, 80);
  if (LIST.test(l) || /^\|/.test(head) || !OPENS_ON_DAY.test(head)) return false;
  const d = findDate(head.replace(/\*\*/g, ''), ctx.dayFirst);
  const y = d?.y ?? ctx.docDay?.y;
  if (!d || !y) return false;
  const e: Entry = { approx: false, day: { ...d, y }, text: `${inlineText(heading.text)}: ${inlineText(l.trim())}`, raw: heading.text, line: heading.line };
  entries.push(e);
  st.day = e.day;
  st.open = { entry: e, indent: -1, paragraph: true };
  return true;
}

const PROSE_TIME = /\b(?:at|by|around|about|until|from) (~?\d{1,2}(?::|h)\d{2}(?:\s?[ap]\.?m\.?)?)/i;

/** A prose timeline: each sentence with "at 17:45" is an entry, on the day it names or the one above it. */
function readProse(l: string, line: number, st: State, ctx: TimelineContext, entries: Entry[]): boolean {
  if (st.open?.paragraph) return false;
  const sentences = l.split(/(?<=[.!?])\s+(?=[A-Z])/);
  let found = false;
  for (const sentence of sentences) {
    const m = PROSE_TIME.exec(sentence.slice(0, 600));
    if (!m) continue;
    const stamp = leadingStamp(`${m[1]} ${sentence.slice(m.index + m[0].length).trimStart()}`.slice(0, 400), ctx.dayFirst);
    if (stamp?.h === undefined) continue;
    const e = push({ ...stamp, rest: sentence }, line, st, ctx, entries);
    e.text = inlineText(sentence);
    // A sentence takes the day it names, or one a day heading or line above it gives; the document's day only when the
    // document names no other.
    const own = findDate(sentence, ctx.dayFirst);
    if (own?.y) e.day = own;
    else if (st.day === ctx.docDay && !ctx.singleDay) delete e.day;
    found = true;
  }
  return found;
}

function readTableRow(l: string, line: number, next: Line | undefined, st: State, ctx: TimelineContext, entries: Entry[]): boolean {
  const cells = splitRow(l);
  if (!st.table) {
    const named = cells.findIndex((c) => /\b(time|when|timestamp|date)\b/i.test(inlineText(c)));
    // Round 22: "| NZST | UTC | Event |", zones named alone (tableZones.ts).
    const zc = named < 0 ? zoneColumns(cells) : undefined;
    const t = zc?.time ?? named;
    if (t >= 0 && SEPARATOR.test(next?.text ?? '')) {
      // "| Day | Time (UTC) | Event |": a column of days beside the times.
      const d = cells.findIndex((c, k) => k !== t && /^(day|date)$/i.test(inlineText(c)));
      st.table = { time: t, cells: cells.map((_, k) => k).filter((k) => k !== t && k !== d && !zc?.skip.includes(k)), ...(d >= 0 ? { day: d } : {}) };
      const zone = zc?.zone ?? declaredZone(cells[t]!) ?? (/\bUTC\b/.test(cells[t]!) ? declaredZone('(UTC)') : undefined);
      if (zone) st.zone = zone;
      return true;
    }
    return false;
  }
  const dayCell = st.table.day !== undefined ? findDate(inlineText(cells[st.table.day] ?? ''), ctx.dayFirst) : undefined;
  if (dayCell?.y) st.day = dayCell;
  const when = inlineText(cells[st.table.time] ?? '');
  const own = leadingStamp(when, ctx.dayFirst) ?? dayRange(when, ctx.dayFirst) ?? dayWithWords(when, ctx.dayFirst);
  const stamp = own ?? cellStamp(when, st.base);
  const words = st.table.cells.map((k) => inlineText((cells[k] ?? '').replace(/\\\|/g, '|'))).filter(Boolean);
  if (!stamp) {
    ctx.problems.push({ where: `${ctx.file}:${line}:1`, message: `timeline row without a time I can read ("${when.slice(0, 40)}"); the row is left out` });
    return false;
  }
  // A row's full date carries to the rows after it that give only a time (or "--:--").
  if (stamp.day?.y) st.day = stamp.day;
  if (own?.day?.y && own.h !== undefined) st.base = { day: own.day, h: own.h, m: own.m! };
  push({ ...stamp, rest: [stamp.rest, ...words].filter(Boolean).join(' — ') }, line, st, ctx, entries);
  st.open = undefined;
  return false;
}

/** "Between 2023-07-10 to 2023-07-16": an entry on the first day, until the last (as written). */
function dayRange(when: string, dayFirst: boolean): Stamp | undefined {
  const m = /^(?:between|from)\s(.{6,40}?)\s(?:to|and|until|through|[-–])\s(.{6,40})$/i.exec(when.slice(0, 120));
  const first = m && leadingStamp(m[1]!, dayFirst);
  if (!first?.day || first.rest || !findDate(m![2]!, dayFirst)) return undefined;
  return { ...first, until: m![2]!.trim() };
}

export function splitRow(l: string): string[] {
  return l
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}
