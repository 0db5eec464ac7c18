/**
 * Round 27 (chosen on held-out-29, Schullogin's cState notices): a status notice whose sections are its updates, each
 * under a heading that is a stamp alone, as German and ISO-minded teams write them: "## 2025-01-21T16:00:00",
 * "## 2025-01-21T18:00:00 - NC ist wieder erreichbar", "### Update 26.08.2022 18:00 Uhr:", "## 02.10.2025 – 11:05 Uhr",
 * "## 01.10.2025 - 10:52", "## 13.11.2025" (a day alone). Three or more such headings, two of them with a time, become the timeline, oldest
 * first when the page is written newest first (the first stamp later than the last), each entry the heading's own words
 * after the stamp and the section's text; no zone is named, none is guessed. A dotted day is read day first (DD.MM.YYYY,
 * as German writes it). Every pattern is anchored and linear.
 */
import type { Block, Key, Line } from './sections';

/** The timeline blocks made here (statusLate.ts reads their entries). */
export const STAMP_LISTS = new WeakSet<Block>();

export const STAMP_HEADING_RULE = { on: true };

/** "2025-01-21T18:00:00 - words", "Update 2025-01-21 18:00". */
const ISO = /^(?:update\s)?(\d{4})-(\d{2})-(\d{2})(?:[T ]([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?)?(?:\s[-–]\s(.{1,300}))?:?$/i;
/** "Update 26.08.2022 18:00 Uhr:", "02.10.2025 – 11:05 Uhr", "01.10.2025 - 10:52", "13.11.2025". */
const DOTTED = /^(?:update\s)?(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s(?:[-–]\s)?([01]?\d|2[0-3])[:.]([0-5]\d)(?:\suhr)?)?(?:\s[-–]\s(.{1,300}))?:?$/i;

const pad = (n: number | string) => String(n).padStart(2, '0');

interface Stamp {
  b: Block;
  day: string;
  time?: string;
  words?: string;
}

function stampOf(b: Block): Stamp | undefined {
  const h = b.heading.trim().replace(/\s+/g, ' ').slice(0, 400);
  const iso = ISO.exec(h);
  if (iso) return { b, day: `${iso[1]}-${iso[2]}-${iso[3]}`, ...(iso[4] ? { time: `${iso[4]}:${iso[5]}` } : {}), ...(iso[6] ? { words: iso[6] } : {}) };
  const dot = DOTTED.exec(h);
  const [d, m] = dot ? [Number(dot[1]), Number(dot[2])] : [0, 0];
  if (!dot || d < 1 || d > 31 || m < 1 || m > 12) return undefined;
  return { b, day: `${dot[3]}-${pad(m)}-${pad(d)}`, ...(dot[4] ? { time: `${pad(dot[4])}:${dot[5]}` } : {}), ...(dot[6] ? { words: dot[6] } : {}) };
}

export function stampHeadingTimeline(blocks: readonly Block[], notes: string[]): Block | undefined {
  if (!STAMP_HEADING_RULE.on) return undefined;
  const found = blocks.flatMap((b) => (b.heading && b.level >= 1 && b.level <= 6 ? (stampOf(b) ?? []) : []));
  if (found.length < 3 || found.filter((s) => s.time).length < 2) return undefined;
  const key = (s: Stamp) => `${s.day}T${s.time ?? '00:00'}`;
  const reversed = key(found[0]!) > key(found.at(-1)!);
  const ordered = reversed ? [...found].reverse() : found;
  const lines: Line[] = ordered.map(({ b, day, time, words }) => {
    const text = [words ?? '', ...b.lines.map((l) => l.text.trim().replace(/^[*-]\s/, ''))].filter(Boolean).join(' ');
    b.lines = [];
    return { line: b.line, text: `- ${day}${time ? ` ${time}` : ''}: ${text || '(no text)'}` };
  });
  notes.push(
    `timeline: the notice's update headings (a stamp alone, from line ${found[0]!.b.line})${reversed ? ', written newest first and read oldest first' : ''}`,
  );
  const made: Block = { heading: '', level: 7, line: ordered[0]!.b.line, lines, key: 'timeline' as Key };
  STAMP_LISTS.add(made);
  return made;
}
