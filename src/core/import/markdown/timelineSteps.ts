/**
 * Round 22 (chosen on held-out-24): a timeline written as numbered steps with no time at all, under a document that
 * names one day only (its Date label's: "**Date:** January 27, 2026", then "**Timeline:**" and "1. Malformed JSON
 * merged to `main`", "2. … fall back to local backup", …). Each step at the margin is an entry on that day, the day
 * only, its text marked "(time not given)" as a row written "--:--" is; nothing is placed at a time the document does
 * not give. Only when the section has no entry with a time or a day of its own, two steps or more, and every item at
 * the margin is numbered. Every pattern here is anchored and runs in time linear in its input.
 */
import { inlineText } from './inline';
import type { Line } from './sections';
import type { Entry, TimelineContext } from './timeline';

export const UNTIMED_STEPS_RULE = { on: true };
const STEP = /^(\d{1,3})[.)]\s+(\S.*)$/;
const ITEM = /^(?:[-*+]|\d{1,3}[.)])\s/;

export function untimedSteps(all: readonly Line[], before: number, entries: Entry[], ctx: TimelineContext): void {
  if (!UNTIMED_STEPS_RULE.on || entries.length !== before || !ctx.singleDay || !ctx.docDay?.y) return;
  const items = all.filter((l) => ITEM.test(l.text));
  const steps = items.map((l) => ({ l, m: STEP.exec(l.text.slice(0, 2000)) }));
  if (steps.length < 2 || steps.some((s) => !s.m)) return;
  for (const { l, m } of steps) {
    const text = inlineText(m![2]!);
    entries.push({ approx: false, day: ctx.docDay, text: `(time not given) ${text}`, raw: m![2]!, line: l.line });
    const k = ctx.problems.findIndex((p) => p.where === `${ctx.file}:${l.line}:1`);
    if (k >= 0) ctx.problems.splice(k, 1);
  }
  ctx.notes.push(`timeline: ${steps.length} numbered steps without times (line ${steps[0]!.l.line}), each on the document's one day, the day only`);
}
