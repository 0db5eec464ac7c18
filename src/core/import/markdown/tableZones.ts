/**
 * Round 22 (chosen on held-out-24): timeline tables as teams keep them in two zones, "| NZST | UTC | Event |": a header
 * cell that is a zone's name alone is a time column in that zone. The first such column gives the entries' times; a
 * second one (the same moments in another zone, "~22:00 prior day", "—") is not part of the entry's text. And a time
 * cell that opens with a full date followed by words or another day ("2026-06-22 end of day", "2026-06-20, 2026-06-21")
 * is an entry of that day, the day only, its words kept in the text. Every pattern here is anchored and linear.
 */
import { inlineText } from './inline';
import { leadingStamp, type Stamp } from './stamp';
import { zoneFor, type Zone } from './zones';

export const ZONE_COLUMNS_RULE = { on: true };
const NAME = /^[A-Za-z][A-Za-z/]{1,20}$/;

/** The time column and its zone, and the other zone columns to leave out, when the header names zones alone. */
export function zoneColumns(cells: readonly string[]): { time: number; skip: number[]; zone: Zone } | undefined {
  if (!ZONE_COLUMNS_RULE.on) return undefined;
  const zoned = cells.map((c, k) => ({ k, z: NAME.test(inlineText(c)) ? zoneFor(inlineText(c)) : undefined })).filter((x) => x.z && !x.z.ambiguous);
  if (!zoned.length || zoned.length === cells.length) return undefined;
  return { time: zoned[0]!.k, skip: zoned.slice(1).map((x) => x.k), zone: zoned[0]!.z! };
}

const DAY_WORDS = /^(\d{4}-\d{2}-\d{2})(?:,\s?|\s)(\S.{0,60})$/;

/** "2026-06-22 end of day": the day alone, the words after it kept in the entry's text. */
export function dayCell(when: string, dayFirst: boolean): Stamp | undefined {
  const m = ZONE_COLUMNS_RULE.on ? DAY_WORDS.exec(when.trim().slice(0, 80)) : null;
  const day = m ? leadingStamp(m[1]!, dayFirst) : undefined;
  return day?.day?.y && day.h === undefined ? { ...day, rest: `(${m![2]!.trim()})` } : undefined;
}
