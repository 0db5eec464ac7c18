/**
 * Round 27 (chosen on held-out-29; rests on one document, Freifunk München's DENIC notice): a post's sentence opening
 * with the time the trouble began, its zone and its full date, "Seit ca. 22:00 Uhr (MESZ) am 05.05.2026 besteht eine
 * massive Störung …" or "Since approximately 10:00 PM (CEST) on 05 May 2026, …": that moment is the start ("ca.",
 * "approximately" make it approximate), where the span has no start, only that same day, or that same time without a zone. Only with a zone the
 * reader knows and a date with its year; every pattern is anchored and linear.
 */
import { findDate, hour24 } from './inline';
import type { Line } from './sections';
import { sentencesOf } from './duration';
import type { Span } from './span';
import { moment } from './spanMoment';
import { ZONE_WORD, zoneFor } from './zones';

export const SINCE_OPENING_RULE = { on: true };

const APPROX = '(ca\\.|circa|etwa|gegen|approximately|about|around|roughly|~)?';
const SEIT = new RegExp(`^[Ss]eit ${APPROX} ?(\\d{1,2})[:.](\\d{2}) ?(?:Uhr)? ?\\(?(${ZONE_WORD})\\)?,? am (\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})\\b`);
const SINCE = new RegExp(`^[Ss]ince ${APPROX} ?(\\d{1,2}):(\\d{2}) ?([AaPp]\\.?[Mm]\\.?)? ?\\(?(${ZONE_WORD})\\)?,? on ([^,.;]{6,40})`);

export function sinceOpening(lines: readonly Line[], span: Span): void {
  if (!SINCE_OPENING_RULE.on || (span.start && span.start.local.length > 10 && span.start.value)) return;
  for (const s of sentencesOf(lines)) {
    const text = s.text.trim().slice(0, 400);
    const g = SEIT.exec(text);
    const e = g ? null : SINCE.exec(text);
    const m = g ?? e;
    if (!m) continue;
    const zone = zoneFor(m[g ? 4 : 5]!);
    const day = g ? { y: Number(g[7]), m: Number(g[6]), d: Number(g[5]) } : findDate(e![6]!, true);
    const h = e?.[4] ? hour24(Number(e[2]), /p/i.test(e[4])) : Number(m[2]);
    if (!zone || zone.ambiguous || !day?.y || h > 23 || (e?.[4] && (Number(e[2]) < 1 || Number(e[2]) > 12))) continue;
    const start = moment(day, { h, m: Number(m[3]), approx: !!m[1], zone }, s.line, text);
    if (!start) continue;
    // Only over no start, that same day alone, or that same time read without its zone.
    if (span.start && span.start.local !== start.local.slice(0, span.start.local.length === 10 ? 10 : 16)) return;
    span.start = start;
    span.why = [...(span.why ?? []), `start: line ${s.line} opens with the time it began, its zone and its date`];
    return;
  }
}
