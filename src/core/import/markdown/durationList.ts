/**
 * Round 16: a Duration label with no figure of its own, whose sub-items each
 * give one ("- **Duration:**", then "- **Dark outage:** Complete outage of 8
 * hours until read-only …", "- **Full outage:** Approximately 56 hours until
 * …", "- **Total time until HE.net resolved:** About 68 hours."): the
 * document states several lengths, of several parts of the incident. The
 * one kept is the figure that goes with the start and end the document
 * states (within a twentieth of it: "About 68 hours" for 68 hours 36
 * minutes); when none or more than one does, or there is no start and end
 * to hold them against, none is kept and the record says why. Nothing is
 * computed that the document does not say: the figure is one of its own.
 * Every pattern here runs in time linear in its input.
 */
import { inlineText } from './inline';
import type { Line } from './sections';
import type { StatedDuration } from './duration';
import { statedMinutes } from './duration';
import type { Moment } from './spanMoment';

export const DURATION_LIST_RULE = { on: true };

/** "- **Duration:**" alone on its line (a list item or a bold label), the figures below it. */
const LIST_LABEL = /^(\s*)(?:[-*+]\s{1,4})?(?:\*\*)?(?:total |outage |incident )?duration(?:\*\*)?\s?:?\s?(?:\*\*)?\s?:?\s*$/i;
const ITEM = /^(\s*)[-*+]\s/;
/** A figure in a sub-item: "8 hours", "Approximately 56 hours", "About 68 hours", "2 days 4 hours". */
const FIGURE =
  /\b((?:about |approximately |around |roughly |nearly |almost |over |just under |~)?\d{1,4}(?:\.\d{1,2})? ?(?:days?|hours?|hrs?|minutes?|mins?)\b(?:,? (?:and )?\d{1,4} ?(?:hours?|minutes?)\b)?)/i;

export interface DurationChoices extends StatedDuration {
  choices: StatedDuration[];
}

/** The label and its sub-items' figures, when there are two or more. */
export function durationList(lines: readonly Line[]): DurationChoices | undefined {
  if (!DURATION_LIST_RULE.on) return undefined;
  for (let i = 0; i < lines.length; i++) {
    const label = LIST_LABEL.exec(lines[i]!.text.slice(0, 200));
    if (!label) continue;
    const choices: StatedDuration[] = [];
    for (let k = i + 1; k < lines.length; k++) {
      const item = ITEM.exec(lines[k]!.text);
      if (!item || item[1]!.length <= label[1]!.length) break;
      const text = inlineText(lines[k]!.text.slice(0, 400));
      const f = FIGURE.exec(text);
      if (f) choices.push({ text: f[1]!.trim(), line: lines[k]!.line, evidence: text, pairs: false });
    }
    // The label's figures, none taken until the start and end are known (pairs: no timeline entries are placed by them).
    if (choices.length >= 2) return { text: '', line: lines[i]!.line, evidence: inlineText(lines[i]!.text), pairs: true, choices };
  }
  return undefined;
}

const at = (m: Moment) => Date.parse((m.value ?? `${m.local}Z`).replace(/^~/, ''));

/** The one figure that goes with the stated start and end, or none (and why). */
export function chooseFigure(span: { start?: Moment; end?: Moment; duration?: StatedDuration; why?: string[] }): void {
  const list = span.duration as DurationChoices | undefined;
  if (!list?.choices) return;
  const length = span.start && span.end ? (at(span.end) - at(span.start)) / 60000 : NaN;
  const fits = Number.isFinite(length) && length > 0 ? list.choices.filter((c) => Math.abs((statedMinutes(c.text) ?? -1e9) - length) <= length / 20) : [];
  if (fits.length === 1) {
    span.duration = fits[0]!;
    return;
  }
  delete span.duration;
  (span.why ??= []).push(
    `duration: line ${list.line} lists ${list.choices.map((c) => `"${c.text}"`).join(', ')} for parts of the incident, and ${fits.length ? 'more than one' : 'none'} goes with a stated start and end; none is kept`,
  );
}
