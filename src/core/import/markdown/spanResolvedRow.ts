/**
 * Round 16: a Resolved label with a date and time (a table row "| **Resolved** |
 * `2021-03-06 03:34` |" or a line "Resolved: 2021-03-06 03:34") is the end
 * when a timeline entry at that very moment says the work went on as normal
 * or ended ("`03:34` - SN manually sends a Tael message …, triggering
 * downstream processing as normal"): the label and the timeline agree. A
 * label whose entry is something else ("`12:01` - SW implements `foel_prod`
 * failure notification", a corrective action done the next day) gives no end.
 * Every pattern here runs in time linear in its input.
 */
import type { Line } from './sections';
import { moment, type Moment } from './spanMoment';
import type { Entry } from './timeline';
import type { Zone } from './zones';

export const RESOLVED_ROW_RULE = { on: true };

const ROW =
  /^\s{0,3}\|?\s{0,40}(?:\*\*|__)?resolved(?:\*\*|__)?\s{0,60}(?:\||:)\s{0,60}(?:\*\*|__)?`?(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})`?\s{0,60}(?:\|\s{0,60})?$/i;
/** The entry says the work went on as normal, or that it ended. */
const AS_NORMAL =
  /\b(?:processing|running|working|operating|operations?|service) (?:continues |continued |resumes |resumed )?as normal\b|\b(?:the )?(?:incident|outage) (?:ends|ended)\b/i;

export function resolvedRow(lines: readonly Line[], entries: readonly Entry[], zone: Zone | undefined): Moment | undefined {
  if (!RESOLVED_ROW_RULE.on) return undefined;
  for (const l of lines) {
    const m = ROW.exec(l.text.slice(0, 300));
    if (!m) continue;
    const [y, mo, d, h, mi] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
    const e = entries.find((x) => x.day?.y === y && x.day.m === mo && x.day.d === d && x.h === h && x.m === mi);
    if (!e || !AS_NORMAL.test(e.text.slice(0, 2000))) return undefined;
    e.milestone ??= 'resolved';
    return moment({ y, m: mo, d }, { h, m: mi, approx: false, zone: e.zone ?? zone }, l.line, l.text);
  }
  return undefined;
}
