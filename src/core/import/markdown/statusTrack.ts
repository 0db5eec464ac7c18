/**
 * Round 13: a Hugo status page's updates stamped with the theme's `track`
 * shortcode (QFieldCloud's and xREL's pages):
 *
 *     *Investigating*
 *     - We have isolated the core issue … {{< track "2025-08-19 16:25:00" >}}
 *
 * Each line carrying a stamp is an update at that time (no zone: the stamp
 * names none), read oldest first; the lines are taken out of their block, so
 * their stamps are not read again as the text's own statements. Lines without
 * a stamp ("*Resolved*" and its line) stay where they are. Every pattern here
 * is anchored or bounded and runs in time linear in its input.
 */
import type { Block, Key, Line } from './sections';

const TRACK = /\{\{<\s?track\s"(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2})(?::\d{2})?"\s?>\}\}/;
const TRACK_ALL = /\s*\{\{<\s?track\s"[^"]{0,40}"\s?>\}\}\s*/g;

export const TRACK_RULE = { on: true };

/** The stamped updates as a timeline block in time order ("- 2025-08-19 16:25: We have isolated …"). */
export function trackTimeline(blocks: readonly Block[], notes: string[]): Block | undefined {
  if (!TRACK_RULE.on) return undefined;
  const block = blocks.find((b) => !b.key && b.lines.some((l) => TRACK.test(l.text.slice(0, 2000))));
  if (!block) return undefined;
  const updates: Array<{ at: string; line: Line }> = [];
  const kept: Line[] = [];
  for (const l of block.lines) {
    const m = TRACK.exec(l.text.slice(0, 2000));
    if (!m) {
      kept.push(l);
      continue;
    }
    const text = l.text
      .replace(TRACK_ALL, ' ')
      .replace(/^\s*[-*+]\s+/, '')
      .trim();
    const at = `${m[1]} ${m[2]}:${m[3]}`;
    updates.push({ at, line: { line: l.line, text: `- ${at}: ${text || '(no text)'}` } });
  }
  block.lines = kept;
  const lines = updates.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.line.line - b.line.line)).map((u) => u.line);
  notes.push(`timeline: the status page's updates stamped with {{< track "…" >}} (from line ${Math.min(...lines.map((l) => l.line))})`);
  return { heading: '', level: 7, line: lines[0]!.line, lines, key: 'timeline' as Key };
}

/** "- [2026-06-22 12:00] We are experiencing …", "Update 2025-08-09: The instabilities surfaced again …". */
const DATED = /^\s{0,3}(?:[-*+]\s{1,4})?(?:\[(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2}))?\]|update (\d{4}-\d{2}-\d{2})\s?:)\s{1,9}(\S.*)$/i;

export const DATED_UPDATES_RULE = { on: true };

/**
 * Round 13: a status page's updates each opening with its date, and its time when it has one, bracketed or after
 * "Update" (QFieldCloud's pages), two or more in one block: the page's timeline, in the order written when it runs
 * oldest first (else not read), taken out of their block. The text of each is its own line.
 */
export function datedUpdates(blocks: readonly Block[], notes: string[]): Block | undefined {
  if (!DATED_UPDATES_RULE.on) return undefined;
  const block = blocks.find((b) => !b.key && b.lines.filter((l) => DATED.test(l.text.slice(0, 2000))).length >= 2);
  if (!block) return undefined;
  const lines: Line[] = [];
  const kept: Line[] = [];
  for (const l of block.lines) {
    const m = DATED.exec(l.text.slice(0, 2000));
    if (!m) kept.push(l);
    else lines.push({ line: l.line, text: `- ${m[1] ?? m[4]}${m[2] ? ` ${m[2]}:${m[3]}` : ''}: ${m[5]!.trim()}` });
  }
  const at = lines.map((l) => l.text.slice(2, 18));
  if (at.some((x, i) => i > 0 && x < at[i - 1]!)) return undefined;
  block.lines = kept;
  notes.push(`timeline: the status page's dated updates (from line ${lines[0]!.line})`);
  return { heading: '', level: 7, line: lines[0]!.line, lines, key: 'timeline' as Key };
}
