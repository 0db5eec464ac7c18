/**
 * Round 17 (chosen on held-out-19): a section that gives its own account of
 * the incident as paragraphs each opening with a time and a colon, the way a
 * status page's summary is sometimes written above its updates (Papirfly):
 *
 *     05:15: Our systems were updated automatically … to be inaccessible
 *
 *     06:30: Problems with access … were detected by the first System Administrator
 *
 * Three or more such lines in one block, not indented, in time order (never
 * going back), are that block's timeline entries, taken out of it; read
 * besides a status page's stamped updates (both are timed accounts of the
 * incident in the document). A line of a list, a table or a heading is never
 * one. Every pattern here is anchored and runs in time linear in its input.
 */
import type { Block, Key, Line } from './sections';
import { moment } from './spanMoment';
import type { StatusSpan } from './statusPage';
import type { Entry } from './timeline';

/** The timeline blocks made here. */
const ACCOUNTS = new WeakSet<Block>();

export const TIMED_PARAGRAPHS_RULE = { on: true };

/** "05:15: text", "9:30: text": a time, a colon, the text. */
const TIMED = /^([01]?\d|2[0-3]):([0-5]\d): (\S.*)$/;

/** The block's timed paragraphs as a timeline block, taken out of it, or undefined when it has fewer than three. */
export function timedParagraphs(blocks: readonly Block[], notes: string[]): Block | undefined {
  if (!TIMED_PARAGRAPHS_RULE.on) return undefined;
  for (const b of blocks) {
    if (b.key === 'timeline') continue;
    const timed = b.lines.filter((l) => TIMED.test(l.text.slice(0, 2000)));
    if (timed.length < 3) continue;
    const minutes = timed.map((l) => {
      const m = TIMED.exec(l.text.slice(0, 2000))!;
      return Number(m[1]) * 60 + Number(m[2]);
    });
    if (minutes.some((x, i) => i > 0 && x < minutes[i - 1]!)) continue;
    const taken = new Set(timed);
    b.lines = b.lines.filter((l) => !taken.has(l));
    const lines: Line[] = timed.map((l) => ({ line: l.line, text: `- ${l.text.trim()}` }));
    notes.push(`timeline: the paragraphs opening with a time at line ${lines[0]!.line}`);
    const block = { heading: '', level: 7, line: lines[0]!.line, lines, key: 'timeline' as Key };
    ACCOUNTS.add(block);
    return block;
  }
  return undefined;
}

/**
 * A status page whose front matter's date (the notice opened) is the time of none of the timed paragraphs (both in no
 * zone: the same clock), and whose first paragraph is earlier on that day, within twelve hours ("05:15: Our systems were
 * updated automatically … which caused some databases … to be inaccessible", the date 05:30): the paragraph is the start,
 * in no zone as both are written (a front matter date with its zone is left as it is).
 */
export function accountStart(page: StatusSpan | undefined, timeline: readonly Block[], entries: readonly Entry[]): StatusSpan | undefined {
  const opened = page?.start;
  const block = timeline.find((b) => ACCOUNTS.has(b));
  if (!TIMED_PARAGRAPHS_RULE.on || !opened || opened.value || !block || opened.local.length < 16) return undefined;
  const own = new Set(block.lines.map((l) => l.line));
  const timed = entries.filter((e) => own.has(e.line) && e.h !== undefined && e.m !== undefined && !e.zone);
  const day = { y: Number(opened.local.slice(0, 4)), m: Number(opened.local.slice(5, 7)), d: Number(opened.local.slice(8, 10)) };
  const minute = (e: Entry) => e.h! * 60 + e.m!;
  const at = Number(opened.local.slice(11, 13)) * 60 + Number(opened.local.slice(14, 16));
  const first = timed[0];
  const sameDay = (e: Entry) => !e.day?.y || (e.day.y === day.y && e.day.m === day.m && e.day.d === day.d);
  if (!first || !sameDay(first) || timed.some((e) => minute(e) === at)) return undefined;
  if (minute(first) >= at || at - minute(first) > 12 * 60) return undefined;
  const start = moment(day, { h: first.h, m: first.m, approx: first.approx }, first.line, first.text);
  if (!start) return undefined;
  const why = `start: line ${first.line}, the first of the page's own timed account, is before the front matter's date (${opened.local}), when the notice was opened`;
  return { ...page, start, why: [...(page.why ?? []), why] };
}
