/**
 * When two sources in one document state the same event at different
 * moments (a summary's "On March 12, 2024, at 15:16:25 UTC, a wrong block was
 * generated" and the timeline's "2024-03-12 0616: wrong block generated"),
 * the reader does not choose: the start or end stays empty and the record's
 * notes say which lines disagree. Only sentences that name their own day
 * count; the same event is told by the words the entry uses.
 */
import { findDate, monthNumber, type Day } from './inline';
import type { Line } from './sections';
import { sentencesOf } from './duration';
import { earlierStatement } from './spanEarlier';
import { mentions, moment, type Moment } from './spanMoment';
import { entryLocal, type Entry } from './timeline';
import type { Zone } from './zones';
import { OUTAGE_WORDS } from './spanWords';

interface Source {
  readonly moment: Moment;
  readonly text: string;
}

const STOP = new Set([
  'with',
  'that',
  'this',
  'from',
  'were',
  'been',
  'have',
  'into',
  'their',
  'when',
  'after',
  'before',
  'about',
  'which',
  'some',
  'also',
  'there',
  'then',
  'than',
]);

/** The entry's words (four letters or more, compared by their first five), URLs left out. */
function words(text: string): string[] {
  const plain = text.toLowerCase().replace(/\(?https?:\/\/\S+\)?/g, ' ');
  return [...new Set((plain.match(/[a-z0-9]{4,}/g) ?? []).filter((w) => !STOP.has(w)).map((w) => w.slice(0, 5)))];
}

/** A sentence tells the same event as an entry when it has at least three of the entry's words and three in four of them. */
function sameEvent(entryText: string, sentence: string): boolean {
  const want = words(entryText);
  const have = new Set(words(sentence));
  const found = want.filter((w) => have.has(w)).length;
  return want.length >= 3 && found >= 3 && found * 4 >= want.length * 3;
}

const instant = (m: Moment) => (m.value && /T/.test(m.value) ? Date.parse(m.value.replace(/^~/, '')) : undefined);
const differ = (a: Moment, b: Moment) => {
  const x = instant(a);
  const y = instant(b);
  return x !== undefined && y !== undefined ? x !== y : a.local !== b.local;
};

/**
 * Sentences of the document's own prose with a day of their own and a time. Timeline lines are the other source,
 * and a quoted block ("> Description: … Violation started: July 11, 2025 at 4:42PM UTC") is another system's message.
 */
function dated(statements: readonly Line[], entries: readonly Entry[], zone: Zone | undefined): Source[] {
  const out: Source[] = [];
  const entryLines = new Set(entries.map((e) => e.line));
  for (const s of sentencesOf(statements)) {
    const day = findDate(s.text);
    if (!day?.y || entryLines.has(s.line) || s.text.startsWith('>')) continue;
    for (const m of mentions(s.text).slice(0, 1)) {
      const at = moment(day, { ...m, zone: m.zone ?? zone }, s.line, s.text);
      if (at) out.push({ moment: at, text: s.text });
    }
  }
  return out;
}

function timed(entries: readonly Entry[]): Source[] {
  return entries.flatMap((e) => {
    const at = entryLocal(e) && e.h !== undefined ? moment(e.day, e, e.line, e.text) : undefined;
    return at ? [{ moment: at, text: e.text }] : [];
  });
}

/**
 * "On Saturday, December 17th, 2022 at roughly 12:43 UTC … our first report of media failures" and the timeline's "Dec
 * 16th 12:43 First report of media cache misses": the same time of day on another day, told in three of the same words,
 * is the same event on two days.
 */
function otherDay(a: Moment, b: Moment, entryText: string, sentence: string): boolean {
  if (!/T/.test(a.local) || a.local.slice(11, 16) !== b.local.slice(11, 16) || a.local.slice(0, 10) === b.local.slice(0, 10)) return false;
  const have = new Set(words(sentence));
  return words(entryText).filter((w) => have.has(w)).length >= 3;
}

/** The other source that tells the same event at another moment, if any. */
function contradiction(m: Moment, entries: readonly Entry[], statements: readonly Line[], zone: Zone | undefined): Source | undefined {
  const entry = entries.find((e) => e.line === m.line && e.h !== undefined);
  const same = (entryText: string, sentence: string, a: Moment, b: Moment) => sameEvent(entryText, sentence) || otherDay(a, b, entryText, sentence);
  if (entry) return dated(statements, entries, zone).find((s) => s.moment.line !== m.line && same(entry.text, s.text, m, s.moment) && differ(m, s.moment));
  return timed(entries).find((e) => same(e.text, m.evidence, m, e.moment) && differ(m, e.moment));
}

const said = (m: Moment) => `${m.local}${m.offset ? ` ${m.offset}` : ''}`;

/** Clears a start or end that another source in the document contradicts; returns why, for the record's notes. */
export function disagreements(
  span: { start?: Moment; end?: Moment },
  entries: readonly Entry[],
  statements: readonly Line[],
  zone: Zone | undefined,
): string[] {
  const why: string[] = [];
  const earlier = span.start && earlierStatement(span.start, entries, statements, zone);
  if (earlier && span.start) {
    why.push(
      `start: line ${span.start.line} gives ${said(span.start)}, but line ${earlier.line} says the outage was under way at ${said(earlier)} ("${earlier.evidence.slice(0, 60)}"); the document disagrees with itself, so it is left empty`,
    );
    delete span.start;
  }
  for (const field of ['start', 'end'] as const) {
    const m = span[field];
    if (!m || !/T/.test(m.local)) continue;
    const other = contradiction(m, entries, statements, zone);
    if (!other) continue;
    delete span[field];
    why.push(
      `${field}: line ${m.line} gives ${said(m)} and line ${other.moment.line} gives ${said(other.moment)} for the same event ("${other.text.slice(0, 60)}"); the document disagrees with itself, so it is left empty`,
    );
  }
  return why;
}

const PERIOD =
  /\b(?:(?:early|mid|late|the end of|the beginning of|the start of|(?:the )?(?:first|second|third|last) week of)\s)?(jan(?:uary)?|feb(?:ruary)?|march|april|june|july|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b(?!\s\d)/i;

/**
 * The title's day against the text: "2023-12-04 IPFS network merge" over "The first issues … were discovered … last
 * week of November". A sentence about the problem that puts it in a month before the title's day, with no day of its
 * own, disagrees with the title's day as the start: the reason, or undefined when nothing disagrees.
 */
export function earlierThanTitle(title: { day: Day; line: number }, statements: readonly Line[]): string | undefined {
  for (const s of sentencesOf(statements)) {
    if (s.line === title.line || !OUTAGE_WORDS.test(s.text)) continue;
    const p = PERIOD.exec(s.text);
    const year = /\b(19|20)\d{2}\b/.exec(s.text)?.[0];
    if (!p || (year && Number(year) !== title.day.y) || monthNumber(p[1]!) >= title.day.m) continue;
    return `start: the title names ${title.day.y}-${String(title.day.m).padStart(2, '0')}-${String(title.day.d).padStart(2, '0')}, but line ${s.line} puts the problem earlier ("${p[0]}") with no day; the document disagrees with itself, so it is left empty`;
  }
  return undefined;
}
