/**
 * Round 15 (chosen on held-out-17): a timeline entry that reports what someone
 * said, its outage words only inside the quotation ("@fizzgig says `… I hope
 * it's clear we can't have these things happen moving forward …`"), is a
 * remark, not an event of the outage: when the first entry about the outage
 * is such a remark, no start is taken from the timeline (neither the remark's
 * time nor an entry before it, which the remark does not say was the
 * outage). Every pattern here runs in time linear in its input.
 */
import type { Entry } from './timeline';
import { IMPACT } from './spanWords';

/** Someone's words reported: a verb of saying, then a quotation (backticks or quotation marks) within a few words. */
const SAID =
  /\b(?:says?|said|states?|stated|writes?|wrote|asks?|asked|responds?|responded|repl(?:y|ies|ied)|comments?|commented|adds?|added)\b[^`"“\n]{0,60}[`"“]/i;
/** A quotation: in backticks, in straight or curly quotation marks (bounded, never across a line). */
const QUOTED = /`[^`\n]{0,5000}`|"[^"\n]{0,5000}"|“[^”\n]{0,5000}”/g;

export const REMARK_RULE = { on: true };

/** The entry reports someone's words, and the outage words it has are all inside the quotation. */
export function isRemark(e: Entry): boolean {
  if (!REMARK_RULE.on) return false;
  const text = e.text.slice(0, 5000).replace(/\(?https?:\/\/\S+\)?/g, ' ');
  return SAID.test(text) && IMPACT.test(text) && !IMPACT.test(text.replace(QUOTED, ' '));
}

export const remarkWhy = (e: Entry) =>
  `start: the first timeline entry about the outage (line ${e.line}) reports someone's words, its outage words only inside the quotation; it is a remark, not when the outage began, and no entry says when it did`;
