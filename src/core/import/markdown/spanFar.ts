/**
 * Round 24 (chosen on held-out-26): "2023-12-27 - 20:08 First time spotted a problem with the SSR rendering of the
 * Icon.", then "2024-01-10 - 11:46 Added the deprecation warning", then entries in February: a first entry that says a
 * problem was spotted, noticed or observed, standing a week or more before any other entry, is an earlier sighting whose
 * tie to the incident the order does not show; no start is taken from it (a gap, never a value), and the notes say
 * why. A first entry a week before the rest that is the failure itself or a warning received keeps its start.
 */
import type { Entry } from './timeline';

export const FAR_SIGHTING_RULE = { on: true };
const WEEK = 7 * 86400000;
const SIGHTED = /^\W{0,3}(?:[\w'’-]+ ){0,5}?(?:spotted|noticed|observed|saw|sighted)\b/i;
const dayOf = (e: Entry) => (e.day?.y ? Date.UTC(e.day.y, e.day.m - 1, e.day.d) : undefined);

export function farSighting(timed: readonly Entry[], first: Entry, span: { why?: string[] }): boolean {
  if (!FAR_SIGHTING_RULE.on || first !== timed[0] || timed.length < 3 || !SIGHTED.test(first.text.slice(0, 200))) return false;
  const [a, b] = [
    dayOf(first),
    timed
      .slice(1)
      .map(dayOf)
      .find((d) => d !== undefined),
  ];
  if (a === undefined || b === undefined || b - a < WEEK) return false;
  (span.why ??= []).push(
    `start: the first timeline entry (line ${first.line}) is a problem sighted a week or more before any other entry; the order does not say the incident began there`,
  );
  return true;
}
