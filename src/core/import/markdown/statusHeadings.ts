/**
 * Round 21 (chosen on held-out-23): a status notice whose sections are its updates, each under a heading of a state, a
 * day and a 12-hour time with a bare a or p ("## Investigating 2025-01-04 9:27a", "## Resolved 2025-02-07 12:28a", the
 * UC Berkeley SCF's messages of the day): two or more such headings become the timeline, in the order written, each
 * entry the state and the section's text, no zone (none is named); an Investigating or Identified heading after a
 * Resolved one is marked reopened, so the earlier resolution is no end (spanFirst.ts's AGAIN). Every pattern is anchored and linear.
 */
import { hour24 } from './inline';
import type { Block, Key, Line } from './sections';

export const STATUS_HEADING_RULE = { on: true };
const STATE_HEADING =
  /^(investigating|identified|monitoring|update|updated|resolved|scheduled|in progress|completed)\s+(\d{4}-\d{2}-\d{2})\s+(1[0-2]|0?[1-9]):([0-5]\d)\s?([ap])\.?(?:m\.?)?$/i;

const pad = (n: number) => String(n).padStart(2, '0');

export function statusHeadingTimeline(blocks: readonly Block[], notes: string[]): Block | undefined {
  if (!STATUS_HEADING_RULE.on) return undefined;
  const found = blocks.map((b) => ({ b, m: STATE_HEADING.exec(b.heading.trim().replace(/\s+/g, ' ').slice(0, 80)) })).filter((x) => x.m);
  if (found.length < 2) return undefined;
  let resolved = false;
  const lines: Line[] = found.map(({ b, m }) => {
    // A notice opened again after it was resolved ("## Investigating 2025-04-03 10:06a" after "## Resolved …"): reopened.
    const reopened = resolved && /^(?:investigating|identified)$/i.test(m![1]!);
    resolved ||= /^resolved$/i.test(m![1]!);
    const h = hour24(Number(m![3]), /p/i.test(m![5]!));
    const text = b.lines
      .map((l) => l.text.trim())
      .filter(Boolean)
      .join(' ');
    b.lines = [];
    return { line: b.line, text: `- ${m![2]} ${pad(h)}:${m![4]}: ${m![1]}${reopened ? ' (reopened)' : ''}: ${text || '(no text)'}` };
  });
  notes.push(`timeline: the notice's status headings (a state, a day and a 12-hour time, from line ${lines[0]!.line})`);
  return { heading: '', level: 7, line: lines[0]!.line, lines, key: 'timeline' as Key };
}
