/**
 * A cheap pre-scan that refuses absurdly nested YAML before the parser sees
 * it: `yaml` recurses per nesting level, and 10,000 `[` in a row kill the
 * whole process (out of memory in V8's regexp compiler), far below any size
 * limit. Real records nest a handful of levels.
 */

/** Nesting a record may use; the parser recurses per level, so far deeper input is refused unread. */
export const MAX_NESTING = 100;

/**
 * Offset where the text nests deeper than `max` (flow brackets, or block
 * indentation and chained "- " indicators), or -1. Skips quoted strings and
 * comments; a bracket inside a block scalar counts, which can only
 * over-report on absurd text, never miss a deep collection.
 */
export function deepNestingAt(text: string, max: number): number {
  return mayNestDeeperThan(text, max) ? nestingScan(text, max) : -1;
}

/**
 * False when the text cannot nest deeper than `max`, found with native
 * searches instead of a scan of every character (the scan cost every worker
 * a few percent of a cold read of 10,000 records): flow depth only grows on
 * `[` and `{`, so it needs more than `max` of them; block depth
 * (floor(indentation / 4) + chained indicators) over `max` needs a line that
 * starts with at least 2 × (max + 1) spaces, `-` and `?` (each indicator
 * "- " is two characters, each level of indentation four).
 */
function mayNestDeeperThan(text: string, max: number): boolean {
  let brackets = 0;
  for (const open of ['[', '{']) {
    for (let i = text.indexOf(open); i >= 0; i = text.indexOf(open, i + 1)) if (++brackets > max) return true;
  }
  const need = 2 * (max + 1);
  for (let start = 0; start < text.length;) {
    let j = start;
    for (let c = text.charCodeAt(j); c === 0x20 || c === 0x2d || c === 0x3f; c = text.charCodeAt(++j));
    if (j - start >= need) return true;
    const eol = text.indexOf('\n', j);
    if (eol < 0) break;
    start = eol + 1;
  }
  return false;
}

/** The full scan (see deepNestingAt). */
export function nestingScan(text: string, max: number): number {
  let depth = 0;
  /** Last non-blank character on the current line (0 at line start): where a quoted scalar may begin. */
  let prev = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || i === 0) {
      // Block nesting: indentation (a level per 4 columns at least) and chained "- "/"? " indicators.
      let j = c === 0x0a ? i + 1 : i;
      let levels = 0;
      while (text.charCodeAt(j) === 0x20) j++;
      const indentCols = j - (c === 0x0a ? i + 1 : i);
      while ((text.charCodeAt(j) === 0x2d || text.charCodeAt(j) === 0x3f) && text.charCodeAt(j + 1) === 0x20) {
        levels++;
        j += 2;
        while (text.charCodeAt(j) === 0x20) j++;
      }
      if (depth === 0 && Math.floor(indentCols / 4) + levels > max) return j;
      if (c === 0x0a) {
        prev = 0;
        continue;
      }
    }
    if (c === 0x20 || c === 0x09 || c === 0x0d) continue;
    if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    } else if (
      (c === 0x22 || c === 0x27) &&
      (prev === 0 || prev === 0x3a || prev === 0x2d || prev === 0x5b || prev === 0x7b || prev === 0x2c || prev === 0x3f)
    ) {
      // A quoted scalar: skip to its close ('' escapes a single quote, backslash escapes in double quotes).
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (c === 0x22 && d === 0x5c) i++;
        else if (d === c) {
          if (c === 0x27 && text.charCodeAt(i + 1) === 0x27) i++;
          else break;
        }
      }
    } else if (c === 0x23 && (i === 0 || /\s/.test(text[i - 1]!))) {
      const eol = text.indexOf('\n', i);
      i = (eol < 0 ? text.length : eol) - 1;
      continue;
    }
    prev = c;
  }
  return -1;
}
