/**
 * Round 23 (chosen on held-out-25): a post without a dated title whose text
 * names one day only ("On April 30th at 5:05pm UTC … we removed their user
 * account", then under Impact "Blob storage was unavailable from 5:05pm UTC
 * until 9:05pm UTC"): its prose times are on that day, as round 10 reads them
 * under a dated title. The day must be the document's (its year as the
 * document's day gives it); a text naming a second day, or a day in words
 * relative to another ("the next day", "the following morning", "overnight",
 * "yesterday", "tomorrow"), keeps every time to its own paragraph's day.
 */
import type { Doc } from './doc';
import { notAnEvent } from './editStamp';
import { monthDaysIn, type Day } from './inline';

export const ONLY_NAMED_DAY_RULE = { on: true };

const OTHER_DAY =
  /\b(?:next|following|previous|prior) (?:day|morning|evening|night|afternoon)|\b(?:overnight|yesterday|tomorrow|days? later|days? before|days? earlier)\b/i;

export function onlyNamedDay(doc: Doc, docDay: Day | undefined): Day | undefined {
  if (!ONLY_NAMED_DAY_RULE.on || !docDay?.y) return undefined;
  const named = new Set<string>();
  for (let i = doc.first; i < doc.lines.length; i++) {
    const line = doc.lines[i]!.slice(0, 2000);
    if (notAnEvent(line)) continue;
    if (OTHER_DAY.test(line)) return undefined;
    for (const d of monthDaysIn(line)) named.add(d);
    if (named.size > 1) return undefined;
  }
  return named.size === 1 && named.has(`${docDay.m}-${docDay.d}`) ? docDay : undefined;
}
