/**
 * The declarations of a source file and the lines each spans, read from the
 * text (the CLI has no language server): which function or class a changed
 * line falls in. Spans end where indentation returns to the declaration's
 * level, which fits brace languages written as formatters leave them and
 * indentation languages (Python) alike.
 */

export interface OutlineSymbol {
  /** Name as a link names it: `method`, or `Class.method` inside a class. */
  readonly name: string;
  /** 1-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  readonly container?: string;
}

const MODIFIERS = String.raw`(?:(?:export|default|public|private|protected|internal|static|abstract|final|async|override|open|data|sealed|readonly|declare|pub(?:\([^)]*\))?|unsafe|extern|inline)\s+)*`;
const KEYWORD_DECL = new RegExp(
  String.raw`^(\s*)${MODIFIERS}(function\*?|class|interface|enum|struct|trait|impl|module|namespace|def|fn|fun|func(?:\s*\([^)]*\))?|object|record)\s+(?:self\.)?([A-Za-z_$][\w$]*)`,
);
const CONST_FN = new RegExp(
  String.raw`^(\s*)${MODIFIERS}(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s*)?(?:function\b|\([^)]*\)\s*(?::[^=]*)?=>|[A-Za-z_$][\w$]*\s*=>|\(\s*$)`,
);
const METHOD =
  /^(\s+)(?:(?:public|private|protected|static|async|override|readonly|get|set)\s+)*([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\([^)]*\)?\s*(?::\s*[^{;]+)?\{\s*$/;
const TYPED_METHOD =
  /^(\s*)(?:(?:public|private|protected|internal|static|final|abstract|synchronized|override|virtual|async)\s+)+[\w<>[\],.? ]+?\s+([A-Za-z_$][\w$]*)\s*\(/;
const NOT_NAMES = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'else', 'do', 'try', 'with', 'constructor', 'async', 'await']);
/** A call whose last argument is a function (`it('a: b', () => {`, `foo(function () {`): a callback, no declaration. */
const CALLBACK = /=>\s*\{\s*$|\bfunction\b[^(]{0,100}\([^)]*\)\s*\{\s*$/;
const MAX_DECLARATION_LINE = 1000;
const CONTAINERS = new Set(['class', 'interface', 'struct', 'trait', 'impl', 'module', 'namespace', 'object', 'record', 'enum']);

function indentOf(line: string): number {
  let n = 0;
  for (const ch of line) {
    if (ch === ' ') n++;
    else if (ch === '\t') n += 4;
    else break;
  }
  return n;
}

/** Declarations with their line spans; nested ones (methods) come after their container. */
export function outline(text: string): OutlineSymbol[] {
  const lines = text.split(/\r?\n/);
  const found: Array<{ name: string; line: number; indent: number; container: boolean }> = [];
  lines.forEach((line, i) => {
    // No declaration line is this long (minified or generated code); the patterns below are not linear on such lines.
    if (line.length > MAX_DECLARATION_LINE) return;
    let m = KEYWORD_DECL.exec(line);
    if (m) {
      found.push({ name: m[3]!, line: i, indent: indentOf(m[1]!), container: CONTAINERS.has(m[2]!) });
      return;
    }
    m = CONST_FN.exec(line);
    if (m) {
      found.push({ name: m[2]!, line: i, indent: indentOf(m[1]!), container: false });
      return;
    }
    m = METHOD.exec(line) ?? TYPED_METHOD.exec(line);
    if (m && !NOT_NAMES.has(m[2]!) && !CALLBACK.test(line)) found.push({ name: m[2]!, line: i, indent: indentOf(m[1]!), container: false });
  });
  const spans: OutlineSymbol[] = [];
  const stack: Array<{ name: string; indent: number; end: number }> = [];
  for (const d of found) {
    let end = d.line;
    for (let j = d.line + 1; j < lines.length; j++) {
      const l = lines[j]!;
      if (!l.trim()) continue;
      if (indentOf(l) <= d.indent) {
        // The closing brace (or `end`) at the declaration's level belongs to it.
        if (/^\s*(?:[}\])]|end\b)/.test(l)) end = j;
        break;
      }
      end = j;
    }
    while (stack.length && stack[stack.length - 1]!.end < d.line) stack.pop();
    const parent = stack[stack.length - 1];
    const name = parent ? `${parent.name}.${d.name}` : d.name;
    spans.push({ name, startLine: d.line + 1, endLine: end + 1, ...(parent ? { container: parent.name } : {}) });
    if (d.container) stack.push({ name: d.name, indent: d.indent, end });
  }
  return spans;
}

/** The innermost declarations that the 1-based lines [start, end] fall in (none when the lines are outside every declaration). */
export function symbolsAt(symbols: readonly OutlineSymbol[], start: number, end: number): OutlineSymbol[] {
  const hits = symbols.filter((s) => s.startLine <= end && s.endLine >= start);
  // Keep the innermost: drop a symbol when a narrower hit lies inside it.
  return hits.filter(
    (s) => !hits.some((o) => o !== s && o.startLine >= s.startLine && o.endLine <= s.endLine && (o.startLine > s.startLine || o.endLine < s.endLine)),
  );
}
