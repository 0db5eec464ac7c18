/**
 * The lines of a timeline section as the reader takes them: entries run
 * together with HTML line breaks split apart, and a fenced block told apart
 * as a timeline written as a log. Moved from timeline.ts (round 16).
 */
import type { Line } from './sections';
import { leadingStamp } from './stamp';
import type { TimelineContext } from './timeline';

/** A fenced block whose first three lines (or more) each open with a day and a time: a timeline written as a log. */
export function logFence(all: readonly Line[], from: number, ctx: TimelineContext): boolean {
  let n = 0;
  for (let k = from; k < all.length && n < 3; k++) {
    const s = leadingStamp(all[k]!.text.slice(0, 400), ctx.dayFirst);
    if (!s?.day?.y || s.h === undefined) return false;
    n++;
  }
  return n >= 3;
}

/**
 * Entries run together with HTML line breaks ("(Internal ID 5605.)<br> 21:14 - DNS changes take effect") are lines of
 * their own; a line of backslashes between entries ("\\\\") and a trailing break or backslash are nothing. Table rows
 * are left as they are.
 */
export function breaksSplit(lines: readonly Line[]): Line[] {
  const out: Line[] = [];
  let fence = false;
  for (const l of lines) {
    if (/^\s*(```|~~~)/.test(l.text)) fence = !fence;
    // A table row keeps its breaks: they are inside one cell.
    if (fence || /^\s*\|/.test(l.text) || !/<br\s*\/?>|\\\s*$/i.test(l.text)) {
      out.push(l);
      continue;
    }
    // Trimmed without a pattern that backtracks over a long run of spaces (a hostile line stays linear).
    const text = l.text;
    let end = text.length;
    for (;;) {
      while (end > 0 && /[\s\\]/.test(text[end - 1]!)) end--;
      const br = /<br\s{0,3}\/?>$/i.exec(text.slice(Math.max(0, end - 9), end));
      if (!br) break;
      end -= br[0].length;
    }
    const parts = text.slice(0, end).split(/<br\s*\/?>/i);
    out.push({ ...l, text: parts[0]!.trimEnd() }, ...parts.slice(1).map((p) => ({ ...l, text: p.trim() })));
  }
  return out;
}
