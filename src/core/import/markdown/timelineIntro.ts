/**
 * Round 9: a timeline without a Timeline heading, introduced by a sentence of
 * its own that ends with a colon ("Here is the timeline of what happened, all
 * times in Pacific Time:") over a list: the list and the lines after it in
 * that section are the timeline (items that run on in an unindented paragraph
 * stay part of their item). Every pattern here runs in time linear in its input.
 */
import type { Block, Key } from './sections';

/** A sentence naming the timeline, ending with a colon. */
const INTRO = /^\s{0,3}[^|#*\-+\s][^|]{0,200}\btimeline\b[^|]{0,200}:\s*$/i;
const ITEM = /^\s*(?:[-*+]|\d{1,3}[.)])\s/;

export function introducedTimeline(blocks: Block[], notes: string[]): Block | undefined {
  for (const b of blocks) {
    const i = b.lines.findIndex((l) => INTRO.test(l.text.slice(0, 500)));
    if (i < 0) continue;
    const next = b.lines.slice(i + 1).find((l) => l.text.trim());
    if (!next || !ITEM.test(next.text)) continue;
    notes.push(`timeline: the list after line ${b.lines[i]!.line} ("${b.lines[i]!.text.trim().slice(0, 60)}"; the document has no Timeline heading)`);
    const timeline = { ...b, key: 'timeline' as Key, lines: b.lines.slice(i + 1) };
    b.lines = b.lines.slice(0, i + 1);
    return timeline;
  }
  return undefined;
}

/** A list item that opens with a time ("- **00:27 UTC:** Django starts…", "* 10:20 text"). */
const TIMED_ITEM = /^\s{0,3}[-*+]\s+(?:\*\*|__|`)?~?\d{1,2}:\d{2}/;

/**
 * Round 10: a document without a timeline whose Lead-up section is a list of timed events ("List the sequence of
 * events that led to the incident", then "- **00:27 UTC:** …" to "- **06:36 UTC:** …"): that list is its timeline,
 * read by the same rules (an entry about a change is still lead-up by its words). Its prose stays lead-up.
 */
export function leadupTimeline(blocks: Block[], notes: string[]): Block | undefined {
  for (const b of blocks.filter((x) => x.key === 'leadup')) {
    const i = b.lines.findIndex((l) => TIMED_ITEM.test(l.text));
    if (i < 0) continue;
    let j = i + 1;
    while (j < b.lines.length && (!b.lines[j]!.text.trim() || ITEM.test(b.lines[j]!.text) || /^\s{2,}\S/.test(b.lines[j]!.text))) j++;
    const lines = b.lines.slice(i, j);
    if (lines.filter((l) => TIMED_ITEM.test(l.text)).length < 2) continue;
    notes.push(`timeline: the timed list of the lead-up section at line ${lines[0]!.line} (the document has no Timeline heading)`);
    return { ...b, key: 'timeline' as Key, lines };
  }
  return undefined;
}

/**
 * Round 24 (chosen on held-out-26): "Progress during the day:" over "- **14:30 UTC** — about 17,000 remaining …",
 * "- **13:30 UTC** — …": three list items or more in a row, each opening with a time in bold, are the timeline of a
 * document that has no other (no Timeline heading, table, intro or lead-up list), outside any named section.
 */
export const BOLD_TIMES_RULE = { on: true };
const BOLD_TIME_ITEM = /^\s{0,3}[-*+]\s+(?:\*\*|__)~?\d{1,2}:\d{2}\b/;

export function boldTimesList(blocks: Block[], notes: string[]): Block | undefined {
  if (!BOLD_TIMES_RULE.on) return undefined;
  // Only a part that is no named section of its own (the opening, a heading that names none): an Impact list stays.
  for (const b of blocks.filter((x) => !x.key)) {
    const i = b.lines.findIndex((l) => BOLD_TIME_ITEM.test(l.text));
    if (i < 0) continue;
    let j = i + 1;
    while (j < b.lines.length && (BOLD_TIME_ITEM.test(b.lines[j]!.text) || /^\s{2,}\S/.test(b.lines[j]!.text))) j++;
    const lines = b.lines.slice(i, j);
    if (lines.filter((l) => BOLD_TIME_ITEM.test(l.text)).length < 3) continue;
    notes.push(`timeline: the list of times in bold at line ${lines[0]!.line} (the document has no Timeline heading)`);
    b.lines = [...b.lines.slice(0, i), ...b.lines.slice(j)];
    return { ...b, key: 'timeline' as Key, lines };
  }
  return undefined;
}
