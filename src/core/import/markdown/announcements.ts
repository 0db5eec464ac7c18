/**
 * Round 13: "# Timeline of Key Announcements" (Helium's 2022-11-16 postmortem): a
 * timeline of the team's messages to its users. Its entries are the record's
 * timeline, but they tell when people were told, not when the outage began or
 * ended: they set no start and no end, and their lines are not statements of
 * the document (the prose's "at approximately 22:06 UTC, Validators stopped
 * producing blocks" stays the start).
 */
import type { Block } from './sections';
import type { Entry } from './timeline';

const ANNOUNCEMENTS = /^timeline of (?:key |public )?(?:announcements|communications?)\b/i;

export const ANNOUNCEMENTS_RULE = { on: true };

/** A timeline block of announcements. */
export const isAnnouncements = (b: Block) => ANNOUNCEMENTS_RULE.on && b.key === 'timeline' && ANNOUNCEMENTS.test(b.heading.trim());

/** The entries that may place the start and the end: none of an announcements timeline's, nor rows placed by an offset. */
export function spanEntries(timeline: readonly Block[], entries: Entry[]): Entry[] {
  const told = new Set(timeline.filter(isAnnouncements).flatMap((b) => b.lines.map((l) => l.line)));
  return told.size || entries.some((e) => e.relative) ? entries.filter((e) => !told.has(e.line) && !e.relative) : entries;
}
