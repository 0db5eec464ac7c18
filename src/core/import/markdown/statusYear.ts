/**
 * Round 17 (chosen on held-out-19): a status page whose every `track` stamp
 * carries one year that is not its front matter date's (Hygraph's page: the
 * date `2019-05-10T08:17:31.000Z`, committed in May 2019, and every update
 * stamped "2018-05-10T…"). Read as written, the updates come a year before the
 * page was opened and its end before its start; put in the date's year they
 * follow it within days. Then the year is a slip of the stamps: they are read
 * in the date's year, and the notes say so. Stamps in several years, or that
 * would not follow the date within a week in its year, are read as written.
 * Every pattern here is anchored or bounded and runs in time linear in its
 * input.
 */
export const STAMP_YEAR_RULE = { on: true };

/** A stamp's year and the rest of its day and time ("2018", "-05-10", "09:38"). */
const TRACK_AT = /\{\{<\s?track\s"(\d{4})(-\d{2}-\d{2})[ T](\d{2}:\d{2})/g;
const DATE = /^(\d{4})(-\d{2}-\d{2})[ T](\d{2}:\d{2})/;

export interface YearSlip {
  readonly from: string;
  readonly to: string;
}

const WEEK = 7 * 86400000;

/** The stamps' slipped year and the date's, or undefined when the stamps are read as written. */
export function slippedYear(date: string | undefined, lines: readonly string[]): YearSlip | undefined {
  const d = STAMP_YEAR_RULE.on ? DATE.exec((date ?? '').trim()) : null;
  if (!d) return undefined;
  const opened = Date.parse(`${d[1]}${d[2]}T${d[3]}:00Z`);
  const years = new Set<string>();
  const times: string[] = [];
  for (const l of lines) {
    for (const m of l.slice(0, 2000).matchAll(TRACK_AT)) {
      years.add(m[1]!);
      times.push(`${m[2]}T${m[3]}:00Z`);
    }
  }
  const [from] = [...years];
  if (years.size !== 1 || from === d[1] || !Number.isFinite(opened)) return undefined;
  // As written every stamp is before the date; in the date's year each follows it (a day's leeway for a zone) within a week.
  const asWritten = times.every((t) => Date.parse(`${from}${t}`) < opened - 86400000);
  const moved = times.every((t) => {
    const at = Date.parse(`${d[1]}${t}`);
    return at >= opened - 86400000 && at <= opened + WEEK;
  });
  return asWritten && moved ? { from: from!, to: d[1]! } : undefined;
}

/** A stamp's day ("2018-05-10") in the date's year when its year slipped. */
export const inYear = (day: string, slip: YearSlip | undefined): string => (slip && day.startsWith(slip.from) ? slip.to + day.slice(4) : day);

/** What the notes say of a slip. */
export const slipNote = (slip: YearSlip): string =>
  `timeline: every update's stamp says ${slip.from}, a year the front matter's date (${slip.to}) does not have: read in ${slip.to}`;
