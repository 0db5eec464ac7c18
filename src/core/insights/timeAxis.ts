/**
 * A time axis without holes: every month (or ISO week) from the first to the
 * last in range, so a quiet year shows as zeros in a trend instead of
 * disappearing between its neighbours.
 */

/** At most this many periods are filled (100 years of months); a wider range keeps only the periods that have incidents. */
const MAX_PERIODS = 1200;

function monthsBetween(first: string, last: string): string[] | undefined {
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  const out: string[] = [];
  for (let key = first; key <= last; key = `${y}-${String(m).padStart(2, '0')}`) {
    out.push(key);
    if (out.length > MAX_PERIODS) return undefined;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** The Monday (UTC ms) of ISO week "2025-W12". */
function weekMonday(key: string): number {
  const year = Number(key.slice(0, 4));
  const week = Number(key.slice(6));
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Day = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - jan4Day * 86400000 + (week - 1) * 7 * 86400000;
}

function weekKey(mondayMs: number): string {
  const thursday = new Date(mondayMs + 3 * 86400000);
  const year = thursday.getUTCFullYear();
  const week = Math.round((mondayMs - weekMonday(`${year}-W01`)) / (7 * 86400000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function weeksBetween(first: string, last: string): string[] | undefined {
  const out: string[] = [];
  for (let ms = weekMonday(first), end = weekMonday(last); ms <= end; ms += 7 * 86400000) {
    out.push(weekKey(ms));
    if (out.length > MAX_PERIODS) return undefined;
  }
  return out;
}

/**
 * Every period from the earliest to the latest of `keys` (widened to the
 * bounds' periods when given), in order; `keys` alone when the range is too wide.
 */
export function continuousPeriods(keys: readonly string[], by: 'month' | 'week', bounds: { first?: string; last?: string } = {}): string[] {
  const sorted = [...keys, ...(bounds.first ? [bounds.first] : []), ...(bounds.last ? [bounds.last] : [])].sort();
  if (!sorted.length) return [];
  const all = by === 'month' ? monthsBetween(sorted[0]!, sorted.at(-1)!) : weeksBetween(sorted[0]!, sorted.at(-1)!);
  return all ?? [...keys].sort();
}
