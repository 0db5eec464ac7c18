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

/**
 * Round 22 (chosen on held-out-24): a timeline table whose times are offsets from a moment it does not date ("| ~T+0 |
 * **INCIDENT DETECTED** … |", "| ~T+2m | Initial investigation … |", "| **Prior to detection** | … |"): each row is an entry of that day, the day only, its offset or words kept at the head of its
 * text; none of them sets the start or the end (the offsets count from no time the document gives). Only when no row
 * of the section has a time of its own and two rows or more are offsets, and the day is the document's only one or its
 * Date label's.
 */
export const RELATIVE_ROWS_RULE = { on: true };
const OFFSET = /^~?\s?T\s?[+-]\s?\d{1,4}\s?(?:[smhd]|mins?|minutes?|hours?|hrs?)?$|^~?\s?T\s?[+-]?\s?0$/i;
const cellsOf = (l: string) =>
  l
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => inlineText(c.trim()));

export function relativeRows(all: readonly Line[], before: number, entries: Entry[], ctx: TimelineContext): void {
  if (!RELATIVE_ROWS_RULE.on || entries.length !== before || !(ctx.singleDay || ctx.dayLabelled) || !ctx.docDay?.y) return;
  const table = all.filter((l) => /^\s*\|/.test(l.text));
  const head = table[0] ? cellsOf(table[0].text.slice(0, 2000)) : [];
  const t = head.findIndex((c) => /\b(?:time|when)\b/i.test(c));
  if (t < 0 || table.length < 4 || !/^\s*\|?\s*:?-{3,}/.test(table[1]!.text)) return;
  const rows = table.slice(2).map((l) => ({ l, cells: cellsOf(l.text.slice(0, 4000)) }));
  if (rows.filter((r) => OFFSET.test(r.cells[t] ?? '')).length < 2 || rows.some((r) => /\d{1,2}:\d{2}/.test(r.cells[t] ?? ''))) return;
  for (const { l, cells } of rows) {
    const words = cells.filter((_, k) => k !== t && cells[k]).join(' — ');
    entries.push({ approx: false, day: ctx.docDay, text: `(${cells[t] || 'time not given'}) ${words}`.trim(), raw: words, line: l.line, relative: true });
    const k = ctx.problems.findIndex((p) => p.where === `${ctx.file}:${l.line}:1`);
    if (k >= 0) ctx.problems.splice(k, 1);
  }
  ctx.notes.push(
    `timeline: ${rows.length} rows timed by offsets from an undated moment (line ${rows[0]!.l.line}), each on the document's day (its Date label's); none sets the start or end`,
  );
}

/** Round 22: a section that gave no entry, read as numbered steps or as rows timed by offsets. */
export function untimedEntries(all: readonly Line[], before: number, entries: Entry[], ctx: TimelineContext): void {
  untimedSteps(all, before, entries, ctx);
  relativeRows(all, before, entries, ctx);
}
