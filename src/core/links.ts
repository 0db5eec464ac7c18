/**
 * Code links: which records name a file, a directory, a glob or a symbol, and
 * the index that answers "what is linked to this file?" without scanning all
 * records (exact paths by map, directories and globs bucketed by their fixed
 * leading directory, so a look-up only visits the file's ancestors).
 */
import type { CodeLink } from './schema';
import type { IndexedRecord } from './model';

const GLOB_CHARS = /[*?[\]{}]/;
const MAX_GLOB_LENGTH = 300;
const MAX_GLOB_STARS = 12;
const MAX_BRACE_ALTERNATIVES = 32;

export type LinkKind = 'file' | 'directory' | 'glob';

/** Forward slashes, no leading ./, no duplicate slashes. */
export function normalizePath(path: string): string {
  let p = path.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  return p;
}

export function linkKind(path: string): LinkKind {
  if (GLOB_CHARS.test(path)) return 'glob';
  if (path.endsWith('/')) return 'directory';
  return 'file';
}

/** Why a link path is refused, or undefined when it stays inside the workspace. */
export function checkLinkPath(raw: string): string | undefined {
  const path = normalizePath(raw);
  if (path.length === 0) return 'link path is empty';
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return `"${raw}" is absolute: links must be relative to the workspace folder`;
  if (path.split('/').includes('..')) return `"${raw}" leaves the workspace folder ("..")`;
  if (linkKind(path) === 'glob') return compileGlob(path).error;
  return undefined;
}

function escapeRegex(s: string): string {
  return s.replace(/[.+^$()|\\]/g, '\\$&');
}

/**
 * Glob → anchored RegExp: `**` any number of segments, `*` and `?` within a
 * segment, `{a,b}` alternatives, `[abc]` classes. Bounded in size so that a
 * hostile glob cannot make matching pathological.
 */
export function compileGlob(glob: string): { regex?: RegExp; error?: string } {
  if (glob.length > MAX_GLOB_LENGTH) return { error: `glob is longer than ${MAX_GLOB_LENGTH} characters` };
  if ((glob.match(/\*/g) ?? []).length > MAX_GLOB_STARS) return { error: `glob has more than ${MAX_GLOB_STARS} wildcards` };
  let out = '';
  let braceDepth = 0;
  let alternatives = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        const atSegmentEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atSegmentStart && atSegmentEnd) {
          // "**/" matches zero or more whole segments; a trailing "**" matches everything below.
          if (glob[i + 2] === '/') {
            out += '(?:[^/]+/)*';
            i += 2;
          } else {
            out += '.*';
            i += 1;
          }
          continue;
        }
        i += 1;
      }
      // Collapse runs of stars so "a***b" cannot backtrack badly.
      while (glob[i + 1] === '*') i++;
      out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) return { error: 'glob has an unclosed "["' };
      let body = glob.slice(i + 1, close);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      out += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else if (c === '{') {
      braceDepth++;
      if (braceDepth > 1) return { error: 'nested "{" in a glob is not supported' };
      out += '(?:';
    } else if (c === '}') {
      if (braceDepth === 0) return { error: 'glob has an unmatched "}"' };
      braceDepth--;
      out += ')';
    } else if (c === ',' && braceDepth > 0) {
      if (++alternatives > MAX_BRACE_ALTERNATIVES) return { error: `glob has more than ${MAX_BRACE_ALTERNATIVES} alternatives` };
      out += '|';
    } else out += escapeRegex(c);
  }
  if (braceDepth !== 0) return { error: 'glob has an unclosed "{"' };
  return { regex: new RegExp(`^${out}$`) };
}

/** The fixed leading directory of a glob ("src/payments/" for "src/payments/**\/*.ts"). */
function globBase(glob: string): string {
  const segments = glob.split('/');
  const fixed: string[] = [];
  for (const seg of segments.slice(0, -1)) {
    if (GLOB_CHARS.test(seg)) break;
    fixed.push(seg);
  }
  return fixed.length ? `${fixed.join('/')}/` : '';
}

export interface LinkRef {
  readonly record: IndexedRecord;
  readonly link: CodeLink;
  readonly index: number;
  readonly kind: LinkKind;
}

interface GlobEntry {
  readonly regex: RegExp;
  readonly ref: LinkRef;
}

/** Ancestor directories of a file, as bucket keys: "", "src/", "src/payments/". */
function ancestors(path: string): string[] {
  const out = [''];
  let i = path.indexOf('/');
  while (i >= 0) {
    out.push(path.slice(0, i + 1));
    i = path.indexOf('/', i + 1);
  }
  return out;
}

export class LinkIndex {
  private readonly exact = new Map<string, LinkRef[]>();
  private readonly directories = new Map<string, LinkRef[]>();
  private readonly globs = new Map<string, GlobEntry[]>();
  private readonly byRecord = new Map<IndexedRecord, Array<() => void>>();

  add(record: IndexedRecord): void {
    const removers: Array<() => void> = [];
    record.links.forEach((link, index) => {
      if (checkLinkPath(link.path)) return;
      const path = normalizePath(link.path);
      const kind = linkKind(path);
      const ref: LinkRef = { record, link, index, kind };
      if (kind === 'file') removers.push(pushTo(this.exact, path, ref));
      else if (kind === 'directory') removers.push(pushTo(this.directories, path, ref));
      else {
        const { regex } = compileGlob(path);
        if (regex) removers.push(pushTo(this.globs, globBase(path), { regex, ref }));
      }
    });
    this.byRecord.set(record, removers);
  }

  remove(record: IndexedRecord): void {
    for (const remove of this.byRecord.get(record) ?? []) remove();
    this.byRecord.delete(record);
  }

  clear(): void {
    this.exact.clear();
    this.directories.clear();
    this.globs.clear();
    this.byRecord.clear();
  }

  /** Every link that covers the file (exact, by directory or by glob). */
  lookup(file: string): LinkRef[] {
    const path = normalizePath(file);
    const out: LinkRef[] = [...(this.exact.get(path) ?? [])];
    for (const dir of ancestors(path)) {
      const d = this.directories.get(dir);
      if (d) out.push(...d);
      const g = this.globs.get(dir);
      if (g) for (const entry of g) if (entry.regex.test(path)) out.push(entry.ref);
    }
    return out;
  }
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): () => void {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  list.push(value);
  return () => {
    const l = map.get(key);
    if (!l) return;
    const i = l.indexOf(value);
    if (i >= 0) l.splice(i, 1);
    if (l.length === 0) map.delete(key);
  };
}

/** Does a link's line range ("12-30" or "12") cover the one-based line? */
export function linkCoversLine(link: CodeLink, line: number): boolean {
  if (!link.lines) return false;
  const [a, b] = link.lines.split('-').map(Number);
  return line >= a! && line <= (b ?? a!);
}
