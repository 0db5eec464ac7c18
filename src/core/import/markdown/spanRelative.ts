/**
 * An end told relative to a time in the same paragraph: "At 21:45 (UTC), the
 * security team becomes aware … the exploit is mitigated 11 minutes later."
 * The prose gives no day, so it places nothing by itself: only when the
 * timeline has an entry at 21:45 and one exactly 11 minutes on (the same day)
 * is that second entry the end, with its own day.
 */
import { findDate, pad } from './inline';
import type { Line } from './sections';
import { sentencesOf } from './duration';
import { mentions, moment, type Moment } from './spanMoment';
import type { Entry } from './timeline';
import { IMPACT } from './spanWords';

const LATER =
  /\b(?:mitigated|resolved|stopped|contained|fixed|restored|halted)\s(\d{1,3}|one|two|three|five|ten|fifteen|twenty|thirty) (minutes?|hours?) later\b/i;
const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, five: 5, ten: 10, fifteen: 15, twenty: 20, thirty: 30 };

export function relativeEnd(statements: readonly Line[], entries: readonly Entry[]): { end: Moment; entry: Entry; why: string } | undefined {
  let anchor: { line: number; h: number; m: number } | undefined;
  for (const s of sentencesOf(statements)) {
    const later = LATER.exec(s.text);
    const first = mentions(s.text)[0];
    // The time before it in the same paragraph (or the same sentence) is what it is later than.
    if (first && (!later || first.index < later.index)) anchor = { line: s.line, h: first.h, m: first.m };
    if (!later || anchor?.line !== s.line) continue;
    const n = /^\d/.test(later[1]!) ? Number(later[1]) : WORDS[later[1]!.toLowerCase()]!;
    const minutes = anchor.h * 60 + anchor.m + n * (/^hour/i.test(later[2]!) ? 60 : 1);
    const from = entries.find((e) => e.day?.y && e.h === anchor!.h && e.m === anchor!.m);
    const to =
      from &&
      entries.find((e) => e.day && from.day && e.day.y === from.day.y && e.day.m === from.day.m && e.day.d === from.day.d && e.h! * 60 + e.m! === minutes);
    const end = to && moment(to.day, to, to.line, to.text);
    const why = `resolution: line ${s.line} says "${later[0]}" than ${pad(anchor.h)}:${pad(anchor.m)}; the timeline's entry that far on (line ${to?.line}) gives the day`;
    if (to && end) return { end, entry: to, why };
  }
  return undefined;
}

/**
 * "every run has failed immediately with a syntax error since near the end of the day December 12th", in an entry of
 * 2019-02-12: the failure began on that earlier day (no time given). The year is the entry's, or the one before when
 * that day would fall after the entry; the notes say so.
 */
export function failingSince(entries: readonly Entry[]): { start: Moment; why: string } | undefined {
  for (const e of entries) {
    const since = /\bsince\s([^.;]{1,60})/i.exec(e.text);
    if (!since || !e.day?.y || !IMPACT.test(e.text.slice(0, since.index))) continue;
    const d = findDate(since[1]!);
    if (!d) continue;
    const y = d.y ?? (d.m * 100 + d.d > e.day.m * 100 + e.day.d ? e.day.y - 1 : e.day.y);
    if (Date.UTC(y, d.m - 1, d.d) >= Date.UTC(e.day.y, e.day.m - 1, e.day.d)) continue;
    const start = moment({ y, m: d.m, d: d.d }, { approx: false }, e.line, e.text);
    const year = d.y
      ? ''
      : `; the year ${y} is that of the entry's day (${e.day.y}-${pad(e.day.m)}-${pad(e.day.d)}), the last ${pad(d.m)}-${pad(d.d)} before it`;
    if (start) return { start, why: `start: line ${e.line} says it has been failing since ${y}-${pad(d.m)}-${pad(d.d)} (no time given)${year}` };
  }
  return undefined;
}
