/**
 * Round 11: times written as four digits without a colon, the way some teams
 * keep their incident notes ("1727: Origami team contacted via Slack", "~1442:
 * changes deployed", "[1758](https://slack…): Jake acknowledged the issue",
 * under a day heading "### Thur 3 Nov 2016"), and a period stated with them
 * ("Date: ~Thur 3 Nov 2016 (~1727) to Thur 3 Nov 2016 (~1900) (~1.5 hours)").
 * Four digits alone could be a year or a count, so they are read as a time
 * only where a section opens at least three of its lines with them, each
 * followed by a colon (a timeline written that way), or in parentheses right
 * after a date with its year. Every pattern here is anchored and runs in time
 * linear in its input.
 */
import type { Block, Key, Line } from './sections';
import type { Stamp } from './stamp';

/** "1727: text", "~1442: text", "1727 : text" (a space before the colon). */
const PLAIN = /^(~)?([01]\d|2[0-3])([0-5]\d) ?: /;
/** "[1758](https://…): text", "[~1940](…): text": the time as a link to the message it came from. */
const LINKED = /^\[(~)?([01]\d|2[0-3])([0-5]\d)\]\([^()\s]{1,500}\) ?: /;
/** "(~1727)" right after a date: a time in parentheses, approximate or not. */
const PARENTHESISED = /\((~)?([01]\d|2[0-3])([0-5]\d)\)/;

export const FOUR_DIGIT_RULES = { entries: true, period: true };

function entryMatch(text: string): RegExpExecArray | null {
  const s = text.trimStart().slice(0, 600);
  return PLAIN.exec(s) ?? LINKED.exec(s);
}

const opens = (l: Line) => !/^\s{4}/.test(l.text) && !!entryMatch(l.text);

/** At least three lines of the timeline's blocks open with a four-digit time and a colon. */
export function fourDigitBlocks(blocks: readonly Block[]): boolean {
  if (!FOUR_DIGIT_RULES.entries) return false;
  let n = 0;
  for (const b of blocks) for (const l of b.lines) if (opens(l) && ++n >= 3) return true;
  return false;
}

/** The time at the head of a line of such a block, the rest its text. */
export function fourDigitStamp(text: string): Stamp | undefined {
  const m = entryMatch(text);
  if (!m) return undefined;
  return { h: Number(m[2]), m: Number(m[3]), approx: !!m[1], rest: text.trimStart().slice(m[0].length).trim() };
}

/**
 * A document with no Timeline heading whose notes are written under day headings ("## How was it fixed", then
 * "### Thur 3 Nov 2016" over "1727: …" paragraphs): the blocks holding such lines, at least three in all, are its
 * timeline, each on its heading's day.
 */
export function fourDigitTimeline(blocks: readonly Block[], notes: string[]): Block[] {
  const held = blocks.filter((b) => b.key !== 'leadup' && b.lines.some(opens));
  if (!fourDigitBlocks(held)) return [];
  notes.push(`timeline: the lines opening with a four-digit time (from line ${held[0]!.line}; the document has no Timeline heading)`);
  return held.map((b) => ({ ...b, key: 'timeline' as Key }));
}

/** "Thur 3 Nov 2016 (~1727)": the time in parentheses after a date that has its year (the caller checks the date). */
export function parenthesisedTime(text: string): { h: number; m: number; approx: boolean } | undefined {
  if (!FOUR_DIGIT_RULES.period) return undefined;
  const m = PARENTHESISED.exec(text.slice(0, 300));
  return m ? { h: Number(m[2]), m: Number(m[3]), approx: !!m[1] } : undefined;
}
