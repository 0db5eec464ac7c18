/**
 * Round 12: a status page's updates written as a time on a line of its own
 * with the update's text below it, one update after another (separated by
 * `---` rules or blank lines), the way cState pages keep them:
 *
 *     02:00 UTC
 *
 *     We are satisfied with the stability of the PHX1 network …
 *
 *     ---
 *
 *     2024-01-18 00:10 UTC
 *
 *     Connectivity to PHX1 is being restored.
 *
 * Such a page is usually written newest first (each update added on top).
 * When its dated stamps say so (the first later than the last), the updates
 * are read in time order, oldest first; a stamp without a date is then on the
 * day of the dated update before it in time (the timeline reader carries the
 * day, and a time well before the entry above it is on the next day). The
 * updates become the timeline; the last one in time, when it says the
 * incident is over, is the end. Only a stamp with a zone is such a line.
 * Every pattern here is anchored and runs in time linear in its input.
 */
import type { Block, Key, Line } from './sections';
import { moment, type Moment } from './spanMoment';
import type { Entry } from './timeline';

/** The timeline blocks made here (their entries are the page's updates). */
const LISTS = new WeakSet<Block>();

/** "2024-01-18 00:10 UTC", "21:57 UTC", "01:45:00 UTC", "2023-07-10 22:13:00 UTC", "**14:30 UTC**". */
const STAMP_LINE = /^\s*(?:\*\*)?(?:(\d{4}-\d{2}-\d{2})[ T])?([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?\s?(UTC|GMT|[A-Z]{1,3}[SD]?T)(?:\*\*)?:?\s*$/;
const RULE = /^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/;

export const UPDATE_LIST_RULE = { on: true };

interface Update {
  line: number;
  day?: string;
  h: number;
  m: number;
  zone: string;
  text: string[];
}

function updatesOf(lines: readonly Line[]): { updates: Update[]; kept: Line[] } {
  const updates: Update[] = [];
  const kept: Line[] = [];
  let open: Update | undefined;
  for (const l of lines) {
    const s = STAMP_LINE.exec(l.text.slice(0, 80));
    if (s) {
      open = { line: l.line, day: s[1], h: Number(s[2]), m: Number(s[3]), zone: s[4]!, text: [] };
      updates.push(open);
    } else if (RULE.test(l.text)) open = undefined;
    else if (open) {
      if (l.text.trim()) open.text.push(l.text.trim());
    } else kept.push(l);
  }
  return { updates, kept };
}

/** The dated stamps, in the order written, say the page is newest first: the first is later than the last. */
function newestFirst(updates: readonly Update[]): boolean {
  const dated = updates.filter((u) => u.day).map((u) => `${u.day}T${String(u.h).padStart(2, '0')}:${String(u.m).padStart(2, '0')}`);
  return dated.length >= 2 && dated[0]! > dated.at(-1)!;
}

/**
 * The body's updates as a timeline block in time order ("- 2024-01-17 23:04 UTC: Services in PHX01 are disrupted."),
 * taken out of their block; undefined when the body has fewer than three such stamps or none with a date.
 */
export function updateListTimeline(blocks: readonly Block[], notes: string[]): Block | undefined {
  if (!UPDATE_LIST_RULE.on) return undefined;
  const block = blocks.find((b) => !b.key && b.lines.filter((l) => STAMP_LINE.test(l.text.slice(0, 80))).length >= 3);
  if (!block) return undefined;
  const { updates, kept } = updatesOf(block.lines);
  if (!updates.some((u) => u.day)) return undefined;
  const reversed = newestFirst(updates);
  const ordered = reversed ? [...updates].reverse() : updates;
  block.lines = kept;
  const lines: Line[] = ordered.map((u) => ({
    line: u.line,
    text: `- ${u.day ? `${u.day} ` : ''}${String(u.h).padStart(2, '0')}:${String(u.m).padStart(2, '0')} ${u.zone}: ${u.text.join(' ') || '(no text)'}`,
  }));
  notes.push(
    `timeline: the status page's updates (a time on a line of its own, from line ${updates[0]!.line})${reversed ? ', written newest first and read oldest first' : ''}`,
  );
  const made: Block = { heading: '', level: 7, line: ordered[0]!.line, lines, key: 'timeline' as Key };
  LISTS.add(made);
  return made;
}

/**
 * The last update saying the incident is over: resolved or closed ("This incident is now resolved", "we are closing
 * this status"), or everything running again ("All customer workloads are running now").
 */
const OVER =
  /\b(?:(?:is|has been|was|are|now) (?:now )?(?:fully )?resolved|clos(?:e|ed|ing) (?:this|the) (?:status|incident|issue)|(?:all|every) (?:[\w-]+ ){0,3}?(?:is|are) (?:now )?(?:running|working|operating|operational|available|back)(?: (?:now|again|normally|as (?:normal|expected)))?\s*[.!]?$)/i;

/** The updates' start and end: the first update opens the incident; the last one ends it when it says it is over. */
export function updateListSpan(timeline: readonly Block[], entries: readonly Entry[]): { start?: Moment; end?: Moment } | undefined {
  const list = timeline.find((b) => LISTS.has(b));
  if (!list) return undefined;
  const lines = new Set(list.lines.map((l) => l.line));
  const own = entries.filter((e) => lines.has(e.line) && e.day?.y && e.h !== undefined && e.zone);
  const first = own[0];
  const last = own.at(-1);
  if (!first || !last) return undefined;
  const at = (e: Entry) => moment(e.day, e, e.line, e.text);
  const sentences = last.text
    .slice(0, 2000)
    .split(/(?<=[.!])\s+/)
    .slice(0, 3);
  const over = own.length > 1 && sentences.some((x) => OVER.test(x));
  if (over) last.milestone = 'resolved';
  return { start: at(first), ...(over ? { end: at(last) } : {}) };
}
