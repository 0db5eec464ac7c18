/**
 * Round 25 (chosen on held-out-27): a pair of list labels, one saying when it went down and one when it came back, each
 * with its own date and time ("- Offline: `2024-05-27` at `11:02 AM EST`" then "- Online: `2024-05-27` at `12:58 PM
 * EST`", "* Outage start: 2024-03-01 09:10 UTC" then "* Outage end: …"): the document's statement of when it was, so it
 * comes before a sentence saying when the team became aware. Only both labels, the end's within three lines after the
 * start's, each with a day that has its year and a time, and the end after the start; the zone written on either side
 * (or the document's). Every pattern here runs in time linear in its input.
 */
import { findDate, inlineText } from './inline';
import type { Line } from './sections';
import type { LabelPeriod } from './spanLabel';
import { mentions, moment } from './spanMoment';
import type { Zone } from './zones';

export const PAIR_LABEL_RULE = { on: true };

const HEAD = '^\\s{0,3}(?:[-*+]\\s{1,3})?(?:\\*\\*)?';
const TAIL = '(?:\\s?\\((?:utc|z)\\))?(?:\\*\\*)?\\s?:(?:\\*\\*)?\\s?(\\S.{0,200})$';
const DOWN = new RegExp(
  `${HEAD}(?:offline|went offline|went down|down since|outage (?:start|started|began)|downtime (?:start|started|began)|incident (?:start|started|began))${TAIL}`,
  'i',
);
const UP = new RegExp(`${HEAD}(?:online|back online|back up|outage (?:end|ended)|downtime (?:end|ended)|incident (?:end|ended)|service restored)${TAIL}`, 'i');

function labelled(l: Line, re: RegExp, zone: Zone | undefined) {
  const m = re.exec(inlineText(l.text.slice(0, 300)));
  const value = m?.[1];
  const day = value ? findDate(value) : undefined;
  const t = value ? mentions(value)[0] : undefined;
  return day?.y && t ? moment(day, { ...t, zone: t.zone ?? zone }, l.line, m![0].trim()) : undefined;
}

export function pairLabelPeriod(lines: readonly Line[], docZone: Zone | undefined): LabelPeriod | undefined {
  if (!PAIR_LABEL_RULE.on) return undefined;
  for (let i = 0; i < lines.length; i++) {
    if (!DOWN.test(inlineText(lines[i]!.text.slice(0, 300)))) continue;
    const next = lines.slice(i + 1).find((l) => l.line <= lines[i]!.line + 3 && UP.test(inlineText(l.text.slice(0, 300))));
    if (!next) return undefined;
    const zoneOf = (l: Line) => mentions(inlineText(l.text.slice(0, 300))).find((x) => x.zone)?.zone;
    const zone = zoneOf(lines[i]!) ?? zoneOf(next) ?? docZone;
    const start = labelled(lines[i]!, DOWN, zone);
    const end = labelled(next, UP, zone);
    if (!start || !end || end.local <= start.local) return undefined;
    return { start, end };
  }
  return undefined;
}
