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
import { inYear, slipNote, type YearSlip } from './statusYear';

/**
 * Round 15: StatusKit's stamps with their zone ("2019-03-17T11:41:00.000Z", "2021-11-23T16:26:00-06:00", AGRC's page)
 * are read too, written in the timeline in UTC; the updates may sit under several "## Update" headings, and a stamp may
 * stand on a line of its own after its update's text (the paragraph just before it is that update).
 */
const TRACK = /\{\{<\s?track\s"(\d{4}-\d{2}-\d{2})([ T])(\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?"\s?>\}\}/;
const TRACK_ALL = /\s*\{\{<\s?track\s"[^"]{0,40}"\s?>\}\}\s*/g;

export const TRACK_RULE = { on: true, zoned: true, keyed: true };

/** A stamp as the timeline writes it: as written without a zone ("2025-08-19 16:25"), else in UTC ("2019-03-17 11:41 UTC"). */
function trackAt(m: RegExpExecArray, slip?: YearSlip): string | undefined {
  m[1] = inYear(m[1]!, slip);
  if (!m[5]) return m[2] === ' ' || TRACK_RULE.zoned ? `${m[1]} ${m[3]}:${m[4]}` : undefined;
  if (!TRACK_RULE.zoned) return undefined;
  const sign = m[5] === 'Z' ? 0 : m[5].startsWith('-') ? -1 : 1;
  const off = sign ? sign * (Number(m[5].slice(1, 3)) * 60 + Number(m[5].slice(-2))) : 0;
  const t = new Date(Date.parse(`${m[1]}T${m[3]}:${m[4]}:00Z`) - off * 60000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)} UTC`;
}

const stampOf = (l: Line, slip?: YearSlip) => {
  const m = TRACK.exec(l.text.slice(0, 2000));
  return m ? trackAt(m, slip) : undefined;
};

/** The stamped updates as a timeline block in time order ("- 2025-08-19 16:25: We have isolated …"). */
export function trackTimeline(blocks: readonly Block[], notes: string[], slip?: YearSlip): Block | undefined {
  if (!TRACK_RULE.on) return undefined;
  // Round 17: also under a section of its own ("## Summary" above the updates), never the timeline's.
  const stamped = blocks.filter((b) => (!b.key || (TRACK_RULE.keyed && b.key !== 'timeline')) && b.lines.some((l) => stampOf(l)));
  if (!stamped.length) return undefined;
  const updates: Array<{ at: string; line: Line }> = [];
  for (const block of TRACK_RULE.zoned ? stamped : stamped.slice(0, 1)) block.lines = takeUpdates(block.lines, updates, slip);
  const lines = updates.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.line.line - b.line.line)).map((u) => u.line);
  notes.push(`timeline: the status page's updates stamped with {{< track "…" >}} (from line ${Math.min(...lines.map((l) => l.line))})`);
  if (slip) notes.push(slipNote(slip));
  return { heading: '', level: 7, line: lines[0]!.line, lines, key: 'timeline' as Key };
}

/** The block's stamped updates added to `updates`; the lines that are none of them returned. */
function takeUpdates(block: readonly Line[], updates: Array<{ at: string; line: Line }>, slip?: YearSlip): Line[] {
  const kept: Line[] = [];
  for (const l of block) {
    const at = stampOf(l, slip);
    if (!at) {
      kept.push(l);
      continue;
    }
    let text = l.text
      .replace(TRACK_ALL, ' ')
      .replace(/^\s*[-*+]\s+/, '')
      .trim();
    let line = l.line;
    // A stamp alone on its line: the paragraph just before it is its update.
    if (!text && TRACK_RULE.zoned) {
      const para: Line[] = [];
      while (kept.length && kept.at(-1)!.text.trim() && kept.at(-1)!.line === (para[0]?.line ?? l.line) - 1) para.unshift(kept.pop()!);
      text = para.map((p) => p.text.trim()).join(' ');
      line = para[0]?.line ?? l.line;
    }
    updates.push({ at, line: { line, text: `- ${at}: ${text || '(no text)'}` } });
  }
  return kept;
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
