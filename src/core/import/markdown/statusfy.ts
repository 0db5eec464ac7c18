/**
 * Round 11: a Statusfy status page's incident (Gitpod's former status page):
 * front matter with `date` (when the incident was opened) and `resolved:
 * true`, then update containers, each a stamp with its kind and the text
 * under it until ":::":
 *
 *     ::: update Monitoring | 2021-01-14T11:03:46.693Z
 *     A fix has been implemented and we are monitoring the results.
 *     :::
 *
 * The updates are the incident's timeline; the last one, when its kind says it
 * is over (Resolved, Mitigated, Fixed, Closed, Completed), is when the page
 * closed it (the `resolvedWhen` of other status pages). Only stamps in UTC
 * ("Z" or "+00:00") are read. Every pattern here is anchored and runs in time
 * linear in its input.
 */
import type { Block, Key, Line } from './sections';
import { fourDigitTimeline } from './fourDigit';
import { updateListTimeline } from './statusUpdates';
import { datedUpdates, trackTimeline } from './statusTrack';
import type { YearSlip } from './statusYear';
import { timedParagraphs } from './statusParagraphs';
import { statusHeadingTimeline } from './statusHeadings';
import { stampHeadingTimeline } from './statusStampHeadings';

const UPDATE = /^:::\s?update\s([A-Za-z][A-Za-z ]{0,30}?)\s?\|\s?(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,9})?)?(?:Z|\+00:?00)\s*$/;
const CLOSE = /^:::\s*$/;
const OVER = /^(?:resolved|mitigated|fixed|closed|completed)$/i;

export const STATUSFY_RULE = { on: true };

/** The last update's stamp as written, when its kind says the incident is over. */
export function statusfyResolved(lines: readonly string[], from: number): string | undefined {
  if (!STATUSFY_RULE.on) return undefined;
  let last: RegExpExecArray | undefined;
  for (let i = from; i < lines.length; i++) last = UPDATE.exec(lines[i]!.slice(0, 200)) ?? last;
  return last && OVER.test(last[1]!.trim()) ? `${last[2]}T${last[3]}:${last[4]}:00Z` : undefined;
}

/**
 * Round 11's timelines without a Timeline heading: a Statusfy page's updates, else lines opening with four-digit times;
 * round 12's: else a status page's updates under a time on a line of its own (statusUpdates.ts); round 13's: else its
 * updates stamped with a `track` shortcode, else its updates opening with their dates (statusTrack.ts).
 */
export function laterTimeline(blocks: readonly Block[], notes: string[], slip?: YearSlip): Block[] {
  const updates = statusfyTimeline(blocks, notes);
  if (updates) return [updates];
  const four = fourDigitTimeline(blocks, notes);
  if (four.length) return four;
  const list =
    updateListTimeline(blocks, notes) ??
    trackTimeline(blocks, notes, slip) ??
    datedUpdates(blocks, notes) ??
    statusHeadingTimeline(blocks, notes) ??
    stampHeadingTimeline(blocks, notes);
  // Round 17: and a section's own paragraphs opening with a time (statusParagraphs.ts), before the updates.
  const timed = timedParagraphs(blocks, notes);
  return [...(timed ? [timed] : []), ...(list ? [list] : [])];
}

/** The updates as a timeline ("- 2021-01-14 11:03 UTC: Monitoring: A fix has been implemented …"), taken out of their block. */
export function statusfyTimeline(blocks: readonly Block[], notes: string[]): Block | undefined {
  if (!STATUSFY_RULE.on) return undefined;
  const block = blocks.find((b) => b.lines.some((l) => UPDATE.test(l.text.slice(0, 200))));
  if (!block) return undefined;
  const lines: Line[] = [];
  const kept: Line[] = [];
  let inside = false;
  for (const l of block.lines) {
    const u = UPDATE.exec(l.text.slice(0, 200));
    if (u) lines.push({ line: l.line, text: `- ${u[2]} ${u[3]}:${u[4]} UTC: ${u[1]!.trim()}:` });
    else if (inside && CLOSE.test(l.text)) lines.push({ line: l.line, text: '' });
    else if (inside) lines.push({ line: l.line, text: l.text.trim() ? `  ${l.text.trim()}` : '' });
    else kept.push(l);
    inside = u ? true : inside && !CLOSE.test(l.text);
  }
  block.lines = kept;
  notes.push(`timeline: the status page's updates ("::: update …", from line ${lines[0]!.line})`);
  return { heading: '', level: 7, line: lines[0]!.line, lines, key: 'timeline' as Key };
}
