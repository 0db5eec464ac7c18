/**
 * Round 18 (chosen on held-out-20): timelines that blog and news posts keep
 * in shapes the timeline reader does not take, read only when it found no
 * entry at all:
 *
 * - stamped update headings: "## Update (2013-08-06 9:33 UTC)", "### Status
 *   update 2014-06-16 9:00 +0000" (a full date, a time and a zone), each an
 *   entry with the first line of its text;
 * - an indented code block under a timeline heading, one entry a line that
 *   starts with a day ("    23 May 11:15 Oldest … trace of intrusion",
 *   "    19 May       Public disclosure …"), continuation lines aligned under
 *   the text; days without a year take the year of the file name's date
 *   that puts them nearest it (a post tells of days within months of it);
 * - list items opening with a bold day and a dash ("- **July 20, 2025 --**
 *   Our systems flagged …", "- **July 23--28 --** We removed …"), the text
 *   wrapping onto indented lines; a day without a year takes the year of the
 *   item above.
 *
 * Every pattern here is anchored and runs in time linear in its input.
 */
import { inlineText, MONTH_NAME, monthNumber, type Day } from './inline';
import type { Doc } from './doc';
import type { Entry } from './timeline';
import { zoneFor, type Zone } from './zones';

export const UPDATE_HEADING_RULE = { on: true };
export const CODE_TIMELINE_RULE = { on: true };
export const BOLD_DAY_RULE = { on: true };

const UPDATE_HEADING =
  /^#{2,6} {1,3}(?:status )?update:? {0,3}\(? {0,3}(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2}) {0,3}(UTC|GMT|Z|[+-]\d{2}:?\d{2}) {0,3}\)? {0,3}$/i;
const CODE_LINE = new RegExp(`^ {4,8}(\\d{1,2}) ${MONTH_NAME}(?: {1,12}(\\d{1,2}):(\\d{2}))? {1,12}(\\S.{0,1000})$`, 'i');
const BOLD_DAY = new RegExp(
  `^[-*+] {1,4}\\*\\*${MONTH_NAME} (\\d{1,2})(?:st|nd|rd|th)?(?:, (\\d{4}))?(?: {0,2}[-–]{1,2} {0,2}\\d{1,2})? {0,2}[-–—]{1,2} {0,2}:?\\*\\* {0,3}(\\S.{0,1000})$`,
  'i',
);
const TIMELINE_HEADING = /\btime-?line\b/i;

const offsetZone = (w: string): Zone | undefined =>
  /^[+-]\d/.test(w) ? { label: w, offset: `${w.slice(0, 3)}:${w.slice(-2)}`.replace(/^([+-])00:00$/, '+00:00') } : zoneFor(w.toUpperCase() === 'Z' ? 'UTC' : w);

const entry = (day: Day, t: { h?: number; m?: number; zone?: Zone }, text: string, line: number): Entry => ({
  day,
  ...(t.h !== undefined ? { h: t.h, m: t.m, ...(t.zone ? { zone: t.zone } : {}) } : {}),
  approx: false,
  text: inlineText(text).slice(0, 2000),
  raw: text,
  line,
});

/** Which shape each entry came from (blogSpan.ts reads the start and the end by it). */
export const SHAPE = new WeakMap<Entry, 'update' | 'code' | 'bold'>();

/** The entries of the first shape found, or none. */
export function blogEntries(doc: Doc, docZone: Zone | undefined): Entry[] {
  const mark = (list: Entry[], shape: 'update' | 'code' | 'bold') => (list.forEach((e) => SHAPE.set(e, shape)), list);
  const found = updateHeadings(doc);
  if (found.length) return mark(found, 'update');
  const code = codeTimeline(doc, docZone);
  if (code.length >= 2) return mark(code, 'code');
  return mark(boldDays(doc), 'bold');
}

function updateHeadings(doc: Doc): Entry[] {
  if (!UPDATE_HEADING_RULE.on) return [];
  const out: Entry[] = [];
  for (let i = doc.first; i < doc.lines.length; i++) {
    const m = UPDATE_HEADING.exec(doc.lines[i]!.slice(0, 200));
    if (!m) continue;
    const text = doc.lines.slice(i + 1, i + 40).find((l) => l.trim() && !/^#/.test(l)) ?? '';
    const zone = offsetZone(m[6]!);
    out.push(entry({ y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }, { h: Number(m[4]), m: Number(m[5]), zone }, text.trim(), i + 1));
  }
  return out;
}

/** The file name's date: the publication, after the events it tells. */
function fileDay(doc: Doc): Day | undefined {
  const named = /(?:^|[^\d])(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(doc.file.replace(/^.*[\\/]/, ''));
  return named ? { y: Number(named[1]), m: Number(named[2]), d: Number(named[3]) } : undefined;
}

/** The year that puts the month and day nearest the file's date (a post names days within months of it). */
function nearestYear(file: Day, m: number, d: number): number {
  const f = Date.UTC(file.y!, file.m - 1, file.d);
  return [file.y! - 1, file.y!, file.y! + 1].sort((a, b) => Math.abs(Date.UTC(a, m - 1, d) - f) - Math.abs(Date.UTC(b, m - 1, d) - f))[0]!;
}

function codeTimeline(doc: Doc, docZone: Zone | undefined): Entry[] {
  const published = fileDay(doc);
  if (!CODE_TIMELINE_RULE.on || !published) return [];
  const block = doc.blocks.find((b) => TIMELINE_HEADING.test(b.heading) && b.lines.some((l) => CODE_LINE.test(l.text.slice(0, 1100))));
  const out: Entry[] = [];
  for (const l of block?.lines ?? []) {
    const m = CODE_LINE.exec(l.text.slice(0, 1100));
    if (!m) continue;
    const month = monthNumber(m[2]!);
    const d = Number(m[1]);
    const day = { y: nearestYear(published, month, d), m: month, d };
    out.push(entry(day, m[3] ? { h: Number(m[3]), m: Number(m[4]), ...(docZone ? { zone: docZone } : {}) } : {}, m[5]!, l.line));
  }
  return out;
}

function boldDays(doc: Doc): Entry[] {
  if (!BOLD_DAY_RULE.on) return [];
  const out: Entry[] = [];
  let year: number | undefined;
  for (let i = doc.first; i < doc.lines.length; i++) {
    const m = BOLD_DAY.exec(doc.lines[i]!.slice(0, 1100));
    if (!m) continue;
    year = m[3] ? Number(m[3]) : year;
    if (year === undefined) continue;
    const more: string[] = [];
    for (let k = i + 1; k < doc.lines.length && /^ {2,}\S/.test(doc.lines[k]!) && !/^\s*[-*+]\s/.test(doc.lines[k]!); k++) more.push(doc.lines[k]!.trim());
    out.push(entry({ y: year, m: monthNumber(m[1]!), d: Number(m[2]) }, {}, [m[4]!, ...more].join(' '), i + 1));
  }
  return out.length >= 2 ? out : [];
}
