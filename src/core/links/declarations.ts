/**
 * Finds where a symbol is declared by reading the text, for languages without
 * a symbol provider (or before one is ready). Covers the common declaration
 * forms of TypeScript/JavaScript, Python, Go, Rust, Java/C#/Kotlin, Ruby, PHP.
 */
import type { Range } from '../records/diagnostics';

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Range of the symbol's name in its declaration, or undefined when none is found. */
export function findDeclaration(text: string, symbol: string): Range | undefined {
  // "Class.method" links name a method: look for the last part.
  const name = symbol.includes('.') ? symbol.slice(symbol.lastIndexOf('.') + 1) : symbol;
  if (!/^[\w$]+$/.test(name)) return undefined;
  const n = escape(name);
  const patterns = [
    // function/class/interface/... NAME
    new RegExp(
      `^[ \\t]*(?:export\\s+)?(?:default\\s+)?(?:public\\s+|private\\s+|protected\\s+|internal\\s+|static\\s+|abstract\\s+|final\\s+|async\\s+|pub(?:\\([^)]*\\))?\\s+|override\\s+|open\\s+|data\\s+|sealed\\s+)*(?:function\\*?|class|interface|type|enum|struct|trait|impl|module|namespace|def|fn|func(?:\\s*\\([^)]*\\))?|fun|object|record|const|let|var|val)\\s+(?:self\\.)?(${n})\\b`,
      'md',
    ),
    // NAME = (...) => / NAME = function / NAME: function
    new RegExp(`^[ \\t]*(?:export\\s+)?(?:const|let|var)?\\s*(${n})\\s*[:=]\\s*(?:async\\s*)?(?:function\\b|\\([^)]*\\)\\s*(?::[^=]*)?=>|[\\w$]+\\s*=>)`, 'md'),
    // Class members: "  async NAME(" / "  NAME(args) {" / "  public NAME<T>("
    new RegExp(
      `^[ \\t]+(?:(?:public|private|protected|static|async|override|readonly|get|set)\\s+)*(${n})\\s*(?:<[^>]*>)?\\s*\\([^)]*\\)?[^;\\n]*\\{?\\s*$`,
      'md',
    ),
    // Typed members: "public void NAME(" / "private static Task<int> NAME("
    new RegExp(
      `^[ \\t]*(?:(?:public|private|protected|internal|static|final|abstract|synchronized|override|virtual|async)\\s+)+[\\w<>\\[\\],.? ]+?\\s+(${n})\\s*\\(`,
      'md',
    ),
  ];
  for (const re of patterns) {
    const m = re.exec(text);
    const span = m?.indices?.[1];
    if (span) return rangeOf(text, span[0], name.length);
  }
  return undefined;
}

function rangeOf(text: string, offset: number, length: number): Range {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  return { start: { line, character }, end: { line, character: character + length } };
}
