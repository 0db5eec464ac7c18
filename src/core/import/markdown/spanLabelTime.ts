/**
 * Round 15 (chosen on held-out-17): a Date label that gives the time with its
 * zone ("* **Date:** 16/03/2020 3am UTC", Secret Network's post-mortems) says
 * when the incident happened, like a Time label: its day (day first where the
 * document writes its numeric dates so) and its time. A time there may be an
 * hour alone with am or pm ("3am UTC"), only with its zone written. Every
 * pattern here is bounded and runs in time linear in its input.
 */
import { hour24 } from './inline';
import { mentions, type Mention } from './spanMoment';
import { ZONE_WORD, zoneFor } from './zones';

/** "3am UTC", "11 p.m. CET": an hour with am or pm and its zone. */
const HOUR_ALONE = new RegExp(`(?<![\\d:.])\\b(\\d{1,2}) ?([ap])\\.?m\\.?\\s?(${ZONE_WORD})(?![A-Za-z/])`, 'i');

export const DATE_TIME_RULE = { on: true };

/** The label's time: its first time mention, else (round 15) an hour alone with am or pm and a zone. */
export function labelMention(text: string): Mention | undefined {
  const said = mentions(text)[0];
  if (said || !DATE_TIME_RULE.on) return said;
  const m = HOUR_ALONE.exec(text.slice(0, 300));
  const h = Number(m?.[1]);
  const zone = m ? zoneFor(m[3]!) : undefined;
  if (!m || !zone || h < 1 || h > 12) return undefined;
  return { h: hour24(h, m[2]!.toLowerCase() === 'p'), m: 0, approx: false, zone, index: m.index };
}

/** A Date label read as a Time label: only when it gives a time with its zone written. */
export function dateLabelTime<T extends { value: string }>(label: T | undefined): T | undefined {
  if (!DATE_TIME_RULE.on || !label) return undefined;
  const m = labelMention(label.value.slice(0, 300));
  return m?.zone && !m.zone.ambiguous ? label : undefined;
}
