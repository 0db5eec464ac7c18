/**
 * A postmortem whose Impact says there was none ("## Impact" then "None because we didn't deploy it", "Impact: None"):
 * a flaw caught before it hurt, not an outage. Its timeline's errors and recoveries (builds failing, a planned
 * upgrade halting and resuming) are not the start and end of an outage, and the reader takes neither from it.
 */
import type { Block } from './sections';
import type { Span } from './span';

const NONE = /^\s*(?:[-*]\s+)?(?:\*\*)?(?:impact(?:\*\*)?\s*:\s*(?:\*\*)?\s*)?(?:none|no impact|n\/a)\b(?!-)/i;

export function withoutImpact(span: Span, blocks: readonly Block[]): Span {
  const said = blocks.find(
    (b) =>
      (b.key === 'impact' && NONE.test(b.lines.find((l) => l.text.trim())?.text ?? '')) ||
      b.lines.some((l) => /^\s*(?:[-*]\s+)?(?:\*\*)?impact(?:\*\*)?\s*:/i.test(l.text) && NONE.test(l.text.replace(/^\s*(?:[-*]\s+)?/, ''))),
  );
  if (!said || (!span.start && !span.end)) return span;
  const { start: _s, end: _e, ...rest } = span;
  return { ...rest, why: [...(span.why ?? []), `start: the Impact section (line ${said.line}) says there was none; no start or end is taken`] };
}
