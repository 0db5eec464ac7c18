/**
 * Round 14 (chosen on held-out-16): a timeline's recap of a prior incident is context, and an entry saying the outage
 * came "with the same issue" as an earlier one began at that earlier one. Every pattern runs in time linear in its input.
 */
import type { Entry } from './timeline';
import { IMPACT } from './spanWords';

/** "To recap from the prior postmortem, …": an earlier incident retold, neither this one's start nor its end. */
const RECAP =
  /^(?:[\w\s,]{0,20}?)\b(?:to recap|recap(?:ping)? (?:of|from)|as (?:recapped|described|covered) in the (?:prior|previous|last|earlier) (?:postmortem|post-mortem|incident|report))\b|\bfrom the (?:prior|previous|last|earlier) (?:postmortem|post-mortem)\b/i;
export const RECUR_RULE = { on: true };

export function withoutRecaps(entries: Entry[]): Entry[] {
  return RECUR_RULE.on ? entries.filter((e) => !RECAP.test(e.text.slice(0, 300))) : entries;
}

/** "The production instance goes down with the same issue": the same failure as an entry before it. */
const SAME = /\b(?:with|from|by|of) the same (?:issue|error|problem|failure|symptoms?|crash|fault)\b/i;

/**
 * The first entry about the outage says it is the same failure as an earlier entry ("The staging instance goes down
 * again with the same error", then "The production instance goes down with the same issue"): the incident began at
 * the earliest entry of that chain that tells of a failure, in whatever environment.
 */
export function sameFailureFirst(timed: readonly Entry[], first: Entry | undefined): Entry | undefined {
  let cur = first;
  while (RECUR_RULE.on && cur && SAME.test(cur.text)) {
    const k = timed.indexOf(cur);
    const prev = [...timed.slice(0, k)].reverse().find((e) => IMPACT.test(e.text.replace(/\(?https?:\/\/\S+\)?/g, ' ')));
    if (!prev) break;
    cur = prev;
  }
  return cur;
}
