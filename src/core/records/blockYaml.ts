/**
 * A reader for the block-style YAML that records are written in (what the
 * editor, the import and the generator write): block mappings and sequences,
 * plain, single- and double-quoted scalars (also folded over lines), literal
 * and folded block scalars, one-line flow collections (yamlScalars.ts),
 * comments, a leading `---`. It builds plain data directly, without
 * `yaml`'s documents, and returns undefined for anything it does not fully
 * understand (anchors, aliases, tags, flow style over several lines, other
 * document markers, tabs, CRs, control characters, keys that are not
 * plain words, duplicate keys, odd
 * indentation, numbers in forms other than plain decimals, keep chomping,
 * indentation indicators, blank lines inside plain scalars…): the caller
 * then reads the file with `yaml`. When it returns data, the data equals
 * what `yaml` (core schema, strict, unique keys) gives for the same text;
 * test/unit/core/records/recordHead.test.ts proves it on fixtures,
 * generated and fuzzed records.
 */
import { assertLineEnd, escapeAt, fallBack, FALL_BACK, flow, indentOf, isBlank, resolvePlain, skippable } from './yamlScalars';

/** Characters the reader never accepts anywhere (tabs, CR, controls, YAML 1.1 line breaks, a BOM inside). */
const REFUSED_CHARS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*:(?= |$)/;
const MAX_DEPTH = 40;

class Reader {
  private i = 0;
  private depth = 0;

  constructor(private readonly lines: string[]) {}

  document(): unknown {
    this.skip();
    // A document start marker alone on its line (what many editors and exporters write first).
    if (this.i < this.lines.length && /^---(?: +#.*| *)$/.test(this.lines[this.i]!)) {
      this.i++;
      this.skip();
    }
    if (this.i >= this.lines.length) return fallBack();
    const first = this.lines[this.i]!;
    if (indentOf(first) !== 0 || !KEY.test(first)) return fallBack();
    const value = this.mapping(0, 0);
    this.skip();
    if (this.i < this.lines.length) fallBack();
    return value;
  }

  private skip(): void {
    while (this.i < this.lines.length && skippable(this.lines[this.i]!)) this.i++;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) fallBack();
  }

  /** A block mapping whose keys are at column `n`; its first key at column `col` of the current line (a sequence item's). */
  private mapping(n: number, col: number): Record<string, unknown> {
    this.enter();
    const out: Record<string, unknown> = {};
    let at = col;
    for (;;) {
      const line = this.lines[this.i]!;
      const content = at === 0 ? line : line.slice(at);
      const m = KEY.exec(content);
      if (!m) return fallBack();
      const key = m[0].slice(0, -1);
      if (typeof resolvePlain(key) !== 'string' || key === '__proto__' || Object.prototype.hasOwnProperty.call(out, key)) fallBack();
      out[key] = this.value(content.slice(m[0].length), n, true);
      this.skip();
      if (this.i >= this.lines.length) break;
      const next = indentOf(this.lines[this.i]!);
      if (next < n) break;
      if (next > n) fallBack();
      // A dash at the keys' column: the sequence of an enclosing sequence item's key ends here (an error at the top).
      if (/^-(?: |$)/.test(this.lines[this.i]!.slice(n))) {
        if (n === 0) fallBack();
        break;
      }
      at = n;
    }
    this.depth--;
    return out;
  }

  /** A block sequence whose dashes are at column `d`. */
  private sequence(d: number): unknown[] {
    this.enter();
    const out: unknown[] = [];
    for (;;) {
      const line = this.lines[this.i]!;
      if (line.charCodeAt(d) !== 0x2d || line.charCodeAt(d + 1) !== 0x20) break;
      let col = d + 2;
      while (line.charCodeAt(col) === 0x20) col++;
      const rest = line.slice(col);
      if (rest === '' || rest.startsWith('#') || /^-(?: |$)/.test(rest)) fallBack();
      if (KEY.test(rest)) out.push(this.mapping(col, col));
      else out.push(this.value(rest, d, false));
      this.skip();
      if (this.i >= this.lines.length) break;
      const next = indentOf(this.lines[this.i]!);
      if (next < d) break;
      if (next > d) fallBack();
    }
    this.depth--;
    return out;
  }

  /**
   * The value after "key:" or "- " (`rest`, from the character after the
   * indicator); its continuation lines must be indented more than `n`.
   * Leaves the reader on the line after the value.
   */
  private value(rest: string, n: number, underKey: boolean): unknown {
    let k = 0;
    while (rest.charCodeAt(k) === 0x20) k++;
    if (k === rest.length || rest.charCodeAt(k) === 0x23) {
      if (k < rest.length && k === 0) fallBack();
      this.i++;
      return this.nested(n, underKey);
    }
    const r = k === 0 ? rest : rest.slice(k);
    const c = r[0]!;
    if (c === '"' || c === "'") return this.quoted(r, n, c);
    if (c === '[' || c === '{') {
      const v = flow(r);
      this.i++;
      return v;
    }
    if (c === '|' || c === '>') return this.blockScalar(r, n);
    if (']}&*!%@`,?:#'.includes(c) || (c === '-' && !(r.charCodeAt(1) >= 0x30 && r.charCodeAt(1) <= 0x39))) return fallBack();
    return this.plain(r, n);
  }

  /** What follows "key:" with nothing after it: a nested block, a sequence at the key's column, or null. */
  private nested(n: number, underKey: boolean): unknown {
    this.skip();
    if (this.i >= this.lines.length) return null;
    const line = this.lines[this.i]!;
    const m = indentOf(line);
    const dash = line.charCodeAt(m) === 0x2d && (m + 1 === line.length || line.charCodeAt(m + 1) === 0x20);
    if (m > n) {
      if (dash) return this.sequence(m);
      if (!KEY.test(line.slice(m))) return fallBack();
      return this.mapping(m, m);
    }
    if (m === n && dash && underKey) return this.sequence(m);
    return null;
  }

  private plain(first: string, n: number): unknown {
    let text = first;
    const hash = text.indexOf(' #');
    const commented = hash >= 0;
    if (commented) text = text.slice(0, hash);
    text = text.trimEnd();
    if (text.includes(': ') || text.endsWith(':')) fallBack();
    this.i++;
    while (!commented && this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      const m = indentOf(line);
      if (m === line.length) {
        // Blank lines inside a plain scalar fold into line breaks: left to the full parser.
        let j = this.i;
        while (j < this.lines.length && isBlank(this.lines[j]!)) j++;
        if (j < this.lines.length && indentOf(this.lines[j]!) > n && !skippable(this.lines[j]!)) fallBack();
        break;
      }
      if (m <= n || line.charCodeAt(m) === 0x23) break;
      const more = line.slice(m).trimEnd();
      if ('[]{}&*!|>\'"%@`,?:-#'.includes(more[0]!) || more.includes(' #') || more.includes(': ') || more.endsWith(':')) fallBack();
      text += ` ${more}`;
      this.i++;
    }
    return resolvePlain(text);
  }

  /** A quoted scalar, maybe over several lines (folded: a line break is a space, blank lines are line breaks). */
  private quoted(first: string, n: number, q: '"' | "'"): string {
    let out = '';
    let line = first;
    let pos = 1;
    /** Spaces before this length of `out` came from escapes and are kept at a line's end. */
    let kept = 0;
    for (;;) {
      const end = line.length;
      let closed = -1;
      while (pos < end) {
        const ch = line.charCodeAt(pos);
        if (q === "'" && ch === 0x27) {
          if (line.charCodeAt(pos + 1) === 0x27) {
            out += "'";
            pos += 2;
            continue;
          }
          closed = pos;
          break;
        }
        if (q === '"' && ch === 0x22) {
          closed = pos;
          break;
        }
        if (q === '"' && ch === 0x5c) {
          if (pos + 1 === end) break; // an escaped line break: joined without a space
          const [text, next] = escapeAt(line, pos);
          out += text;
          pos = next;
          kept = out.length;
          continue;
        }
        const start = pos;
        while (pos < end) {
          const c2 = line.charCodeAt(pos);
          if (c2 === (q === '"' ? 0x22 : 0x27) || (q === '"' && c2 === 0x5c)) break;
          pos++;
        }
        out += line.slice(start, pos);
      }
      if (closed >= 0) {
        assertLineEnd(line, closed + 1);
        this.i++;
        return out;
      }
      const escapedBreak = q === '"' && pos < end && line.charCodeAt(pos) === 0x5c;
      if (!escapedBreak) {
        let t = out.length;
        while (t > kept && out.charCodeAt(t - 1) === 0x20) t--;
        out = out.slice(0, t);
      }
      // The next lines: blank ones are line breaks, the first with content continues the scalar.
      this.i++;
      let blanks = 0;
      while (this.i < this.lines.length && isBlank(this.lines[this.i]!)) {
        blanks++;
        this.i++;
      }
      if (this.i >= this.lines.length) return fallBack();
      const next = this.lines[this.i]!;
      const m = indentOf(next);
      if (m <= n) fallBack();
      if (escapedBreak) {
        if (blanks) fallBack();
      } else out += blanks ? '\n'.repeat(blanks) : ' ';
      kept = out.length;
      line = next;
      pos = m;
    }
  }

  /** `|`, `|-`, `>` or `>-` and its lines (keep chomping, indentation indicators and leading blank lines: the full parser). */
  private blockScalar(header: string, n: number): string {
    const literal = header[0] === '|';
    let h = 1;
    const chomp = header[h] === '-' ? 'strip' : header[h] === '+' ? fallBack() : 'clip';
    if (chomp === 'strip') h++;
    assertLineEnd(header, h);
    this.i++;
    if (this.i >= this.lines.length) return fallBack();
    const first = this.lines[this.i]!;
    const base = indentOf(first);
    if (base === first.length || base <= n) return fallBack();
    const parts: string[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      const m = indentOf(line);
      if (m === line.length) {
        if (m > base) fallBack();
        parts.push('');
      } else if (m < base) break;
      else {
        if (!literal && m > base) fallBack();
        parts.push(line.slice(base));
      }
      this.i++;
    }
    // Trailing blank lines belong to the chomping (clip and strip drop them), and are not the value's.
    let last = parts.length;
    while (last > 0 && parts[last - 1] === '') last--;
    const lines = parts.slice(0, last);
    let text: string;
    if (literal) text = lines.join('\n');
    else {
      text = lines[0]!;
      let blanks = 0;
      for (let j = 1; j < lines.length; j++) {
        if (lines[j] === '') {
          blanks++;
          continue;
        }
        text += blanks ? '\n'.repeat(blanks) : ' ';
        text += lines[j];
        blanks = 0;
      }
    }
    return chomp === 'strip' ? text : `${text}\n`;
  }
}

/**
 * The data of a block-style YAML document whose top level is a mapping, as
 * `yaml` would give it; undefined when the text needs the full parser.
 */
export function readBlockYaml(text: string): Record<string, unknown> | undefined {
  if (REFUSED_CHARS.test(text)) return undefined;
  try {
    return new Reader(text.split('\n')).document() as Record<string, unknown>;
  } catch (err) {
    if (err === FALL_BACK) return undefined;
    throw err;
  }
}
