/**
 * Round 11: a sentence of the opening that starts with the incident's period,
 * each side a time on its own full date: "Between **18:30 on November 27,
 * 2025** and **06:15 on November 28, 2025 (UTC)**, an internal mailing-list
 * misconfiguration caused three emails to be delivered to …". Written that
 * way, the sentence is the document's statement of when it was, whatever
 * words it uses for what went wrong, and it comes before any timeline entry
 * (whose first row may be the change that set it up, or the first visible
 * effect). Only a sentence that opens with "Between", only two times each
 * followed by its own date with a year, only an end after the start; the zone
 * written after either side (or the document's). Every pattern here runs in
 * time linear in its input.
 */
import { findDate } from './inline';
import type { Line } from './sections';
import type { LabelPeriod } from './spanLabel';
import { mentions, moment } from './spanMoment';
import { ZONE_WORD, zoneFor, type Zone } from './zones';
import { OUTAGE_WORDS, START_STATEMENT } from './spanWords';

const OPENS = /^between\s/i;
/** Round 16: "From 21:33 UTC on 25 June 2025 until 13:22 UTC on 26 June 2025 (…), the system … stopped working". */
const OPENS_FROM = /^from\s/i;
const JOIN = /\sand\s/i;
const JOIN_FROM = /\s(?:until|till|to|through)\s/i;
/** The time at a mention, with the zone written right after it ("21:33 UTC"). */
const TIME_ZONED = new RegExp(`^~?\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?(?:${ZONE_WORD})(?![A-Za-z/]))?`);
/** What may stand between a time and its date: "18:30 on November 27, 2025", "06:15, Nov 28 2025". */
const ON = /^\s?(?:on\s|,\s?)/i;
const ZONE_AFTER = new RegExp(`^[^()]{0,30}\\((${ZONE_WORD})\\)`);

export const BETWEEN_RULE = { on: true };
export const FROM_UNTIL_RULE = { on: true };

export function openingPeriod(sentences: readonly Line[], docZone: Zone | undefined): LabelPeriod | undefined {
  if (!BETWEEN_RULE.on) return undefined;
  for (const s of sentences) {
    const text = s.text.slice(0, 600);
    // "From … until …" only where the sentence says something went wrong (a "Between" sentence whatever its words).
    const from = FROM_UNTIL_RULE.on && OPENS_FROM.test(text) && (OUTAGE_WORDS.test(text) || START_STATEMENT.test(text));
    if (!OPENS.test(text) && !from) continue;
    const join = from ? JOIN_FROM : JOIN;
    const [a, b] = mentions(text);
    if (!a || !b) continue;
    const afterA = text.slice(a.index, b.index).replace(TIME_ZONED, '');
    const afterB = text.slice(b.index, b.index + 80).replace(TIME_ZONED, '');
    if (!ON.test(afterA) || !ON.test(afterB) || !join.test(afterA)) return undefined;
    const written = ZONE_AFTER.exec(afterB.replace(ON, '').slice(dayEnd(afterB)));
    const dayA = findDate(afterA.split(join)[0]!);
    // "November 28, 2025 (UTC)": the zone after the year is not a time ("2025 UTC" would be 20:25).
    const dayB = findDate(written ? afterB.replace(`(${written[1]})`, '') : afterB);
    if (!dayA?.y || !dayB?.y) return undefined;
    const zone = a.zone ?? b.zone ?? (written ? zoneFor(written[1]!) : undefined) ?? docZone;
    const start = moment(dayA, { ...a, zone: a.zone ?? zone }, s.line, text);
    const end = moment(dayB, { ...b, zone: b.zone ?? zone }, s.line, text);
    if (!start || !end || end.local <= start.local) return undefined;
    return { start, end };
  }
  return undefined;
}

/** Where the date after the second time ends (its year): the zone in parentheses may follow it. */
function dayEnd(text: string): number {
  const y = /\b\d{4}\b/.exec(text.replace(ON, ''));
  return y ? y.index + 4 : 0;
}
