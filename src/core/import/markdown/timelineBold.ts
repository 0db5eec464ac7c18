/** The text of a timeline entry whose bold date runs on past the stamp. */
/**
 * Round 24 (chosen on held-out-26): "**2026-06-12 evening** — Root cause confirmed": the bold opened before the date
 * closes after words the stamp does not read ("evening", "→ 06-12"); that closing "**" is dropped from the text, which
 * keeps the words ("evening — Root cause confirmed"). Only a lone "**" within the first 40 characters.
 */
export const BOLD_TAIL_RULE = { on: true };
const BOLD_TAIL = /^([^*]{1,40}?)\*\*(?=\s|$)/;

export function boldTail(rest: string): string {
  if (!BOLD_TAIL_RULE.on || (rest.slice(0, 2000).match(/\*\*/g) ?? []).length % 2 !== 1) return rest;
  return rest.replace(BOLD_TAIL, '$1');
}
