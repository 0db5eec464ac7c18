/**
 * Round 8: a timeline table's time cell in two more shapes. "0730" alone is a
 * time without its colon (only in a table's time column, where nothing else
 * can be meant). "+10 minutes" and "[+1 hrs]" are offsets from the table's
 * last row with a day and a time ("May 28 2025, 11:30 AM UTC"): the entry is
 * placed that far after it, and its text keeps the offset as written. An
 * offset with no such row before it, or in words ("+2 Business Days Later"),
 * is not read. Linear in the cell's length.
 */
import type { Day } from './inline';
import type { Stamp } from './stamp';

/** The row the offsets count from. */
export interface Base {
  day: Day;
  h: number;
  m: number;
}

const FOUR = /^(~)?([01]\d|2[0-3])([0-5]\d)$/;
const OFFSET = /^\\?\[?\s?\+\s?(\d{1,4}(?:\.\d{1,2})?)\s?(minutes?|mins?|m|hours?|hrs?|h)\s?\\?\]?$/i;

export function cellStamp(when: string, base: Base | undefined): Stamp | undefined {
  const cell = when.trim().slice(0, 60);
  const four = FOUR.exec(cell);
  if (four) return { approx: !!four[1], h: Number(four[2]), m: Number(four[3]), rest: '' };
  const off = OFFSET.exec(cell);
  if (!off || !base?.day.y) return undefined;
  const minutes = Math.round(Number(off[1]) * (/^m/i.test(off[2]!) ? 1 : 60));
  const t = new Date(Date.UTC(base.day.y, base.day.m - 1, base.day.d, base.h, base.m) + minutes * 60000);
  return {
    approx: false,
    day: { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() },
    h: t.getUTCHours(),
    m: t.getUTCMinutes(),
    rest: `(${cell.replace(/\\/g, '')})`,
  };
}
