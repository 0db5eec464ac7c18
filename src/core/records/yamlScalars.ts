/**
 * The scalars of the block-YAML reader (blockYaml.ts): plain scalars as the
 * core schema resolves them, escapes of double-quoted ones, one-line flow
 * collections, and the fall-back signal (anything not fully understood).
 */

/** Thrown inside, caught at the top: the text needs the full parser. */
export const FALL_BACK = Symbol('fall back');

export const fallBack = (): never => {
  throw FALL_BACK;
};

/** Every plain scalar the core schema reads as a number; only plain decimals are resolved here. */
const CORE_NUMBER = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const SIMPLE_INT = /^(?:0|-?[1-9][0-9]{0,14})$/;
const SIMPLE_FLOAT = /^-?(?:0|[1-9][0-9]{0,7})\.[0-9]{1,7}$/;

export const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

/** A plain scalar as the core schema resolves it. */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Most values start with a letter that cannot begin null, true, false, .inf or a number.
  const maybeSpecial = s.length === 0 || c === 0x7e || c === 0x6e || c === 0x4e || c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46;
  if (maybeSpecial) {
    if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
    if (s === 'true' || s === 'True' || s === 'TRUE') return true;
    if (s === 'false' || s === 'False' || s === 'FALSE') return false;
    return s;
  }
  const digitLike = (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e;
  if (!digitLike || !CORE_NUMBER.test(s)) return s;
  if (SIMPLE_INT.test(s) || SIMPLE_FLOAT.test(s)) return Number(s);
  return fallBack();
}

export function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 0x20) i++;
  return i;
}

/** Blank (spaces only) or a comment line: no content. */
export function skippable(line: string): boolean {
  const i = indentOf(line);
  return i === line.length || line.charCodeAt(i) === 0x23;
}

export function isBlank(line: string): boolean {
  return indentOf(line) === line.length;
}

/** After a closed scalar on its line: only spaces, or spaces then a comment. */
export function assertLineEnd(line: string, from: number): void {
  let i = from;
  while (line.charCodeAt(i) === 0x20) i++;
  if (i === line.length) return;
  if (line.charCodeAt(i) === 0x23 && i > from) return;
  fallBack();
}

/** The escape sequence at `pos` (a backslash, not the line's last character) and where it ends. */
export function escapeAt(line: string, pos: number): [string, number] {
  const e = line[pos + 1]!;
  if (e === 'x' || e === 'u' || e === 'U') {
    const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
    const hex = line.slice(pos + 2, pos + 2 + len);
    if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) fallBack();
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) fallBack();
    return [String.fromCodePoint(cp), pos + 2 + len];
  }
  const s = ESCAPES[e];
  if (s === undefined) fallBack();
  return [s!, pos + 2];
}

/** A flow scalar inside `[…]` or `{…}` on one line, from `pos`; returns the value and where it ends. */
function flowScalar(r: string, pos: number): [unknown, number] {
  const c = r[pos];
  if (c === '"' || c === "'") {
    const end = quotedEnd(r, pos, c);
    return [unquote(r.slice(pos, end + 1)), end + 1];
  }
  let end = pos;
  while (end < r.length && r[end] !== ',' && r[end] !== ']' && r[end] !== '}') end++;
  const item = r.slice(pos, end).trimEnd();
  if (!item || /[[\]{}#:]/.test(item) || '&*!|>\'"%@`?-'.includes(item[0]!)) fallBack();
  return [resolvePlain(item), end];
}

/**
 * One line of flow style: `[a, "b", 'c']`, `{path: src/a.ts, symbol: x}`,
 * nested a few levels; keys are plain words followed by ": ", no empty
 * entries, no implicit pairs in sequences.
 */
export function flow(r: string): unknown {
  let pos = 0;
  const spaces = () => {
    while (r.charCodeAt(pos) === 0x20) pos++;
  };
  const collection = (depth: number): unknown => {
    if (depth > 4) fallBack();
    const open = r[pos];
    const close = open === '[' ? ']' : '}';
    const out: unknown[] | Record<string, unknown> = open === '[' ? [] : {};
    pos++;
    spaces();
    if (r[pos] === close) {
      pos++;
      return out;
    }
    for (;;) {
      spaces();
      if (Array.isArray(out)) {
        if (r[pos] === '[' || r[pos] === '{') out.push(collection(depth + 1));
        else {
          const [v, end] = flowScalar(r, pos);
          pos = end;
          out.push(v);
        }
      } else {
        const m = /^[A-Za-z_][A-Za-z0-9_-]*: /.exec(r.slice(pos, pos + 200));
        if (!m) fallBack();
        const key = m![0].slice(0, -2);
        if (typeof resolvePlain(key) !== 'string' || key === '__proto__' || Object.prototype.hasOwnProperty.call(out, key)) fallBack();
        pos += m![0].length;
        spaces();
        if (r[pos] === '[' || r[pos] === '{') (out as Record<string, unknown>)[key] = collection(depth + 1);
        else {
          const [v, end] = flowScalar(r, pos);
          pos = end;
          (out as Record<string, unknown>)[key] = v;
        }
      }
      spaces();
      if (r[pos] === ',') {
        pos++;
        spaces();
        if (r[pos] === close || r[pos] === ',') fallBack();
        continue;
      }
      if (r[pos] === close) {
        pos++;
        return out;
      }
      return fallBack();
    }
  };
  const value = collection(0);
  assertLineEnd(r, pos);
  return value;
}

/** Index of the closing quote of the quoted scalar starting at `start` on this line. */
function quotedEnd(r: string, start: number, q: string): number {
  for (let p = start + 1; p < r.length; p++) {
    if (q === '"' && r[p] === '\\') {
      p++;
      continue;
    }
    if (r[p] === q) {
      if (q === "'" && r[p + 1] === "'") {
        p++;
        continue;
      }
      return p;
    }
  }
  return fallBack();
}

/** A quoted scalar that opens and closes on this string (its first and last characters are the quotes). */
function unquote(s: string): string {
  const q = s[0]!;
  let out = '';
  for (let p = 1; p < s.length - 1; p++) {
    if (q === "'" && s[p] === "'") {
      out += "'";
      p++;
    } else if (q === '"' && s[p] === '\\') {
      const [text, next] = escapeAt(s, p);
      out += text;
      p = next - 1;
    } else out += s[p];
  }
  return out;
}
