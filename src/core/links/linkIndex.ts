/**
 * Code links: which records name a file, a directory, a glob or a symbol, and
 * the index that answers "what is linked to this file?" without scanning all
 * records (exact paths by map, directories and globs bucketed by their fixed
 * leading directory, so a look-up only visits the file's ancestors).
 */
import { repoKey } from './repoUrl';
import type { CodeLink } from '../records/schema';
import type { IndexedRecord } from '../records/model';

/**
 * What makes a link path a glob: `*`, `**`, `?` and `{a,b}`. Brackets are
 * NOT glob syntax here: real trees name folders with them (Next.js, SvelteKit,
 * Remix, Nuxt: `app/[id]/route.ts`, `[...slug]`, `[[...slug]]`), and a link
 * names files as they are. A character class is never needed to link code.
 */
const GLOB_CHARS = /[*?{}]/;
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

/** One pattern character: a literal, `?`, or `*`. */
type CharToken = { kind: 'char'; c: string } | { kind: 'any' } | { kind: 'star' };
type Segment = { kind: 'globstar' } | { kind: 'segment'; tokens: CharToken[] };

export interface GlobMatcher {
  test(path: string): boolean;
}

function tokenMatches(t: CharToken, c: string): boolean {
  if (t.kind === 'any') return true;
  if (t.kind === 'char') return t.c === c;
  return false;
}

/**
 * Wildcard matching with one backtrack point per star (the classic greedy
 * algorithm): O(text × pattern) whatever the pattern, so "*a*a*a*b" against a
 * long name cannot blow up the way a backtracking RegExp does.
 */
function wildcard<P, T>(pattern: readonly P[], text: readonly T[], isStar: (p: P) => boolean, matches: (p: P, t: T) => boolean): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    if (p < pattern.length && !isStar(pattern[p]!) && matches(pattern[p]!, text[t]!)) {
      p++;
      t++;
    } else if (p < pattern.length && isStar(pattern[p]!)) {
      starP = p++;
      starT = t;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else return false;
  }
  while (p < pattern.length && isStar(pattern[p]!)) p++;
  return p === pattern.length;
}

function parseSegment(seg: string): CharToken[] {
  const tokens: CharToken[] = [];
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else tokens.push({ kind: 'char', c });
  }
  return tokens;
}

/** "{a,b}/x" → ["a/x", "b/x"] (one level, bounded). */
function expandBraces(glob: string): string[] | string {
  const open = glob.indexOf('{');
  if (open < 0) {
    return glob.includes('}') ? 'glob has an unmatched "}"' : [glob];
  }
  const close = glob.indexOf('}', open);
  if (close < 0) return 'glob has an unclosed "{"';
  const body = glob.slice(open + 1, close);
  if (body.includes('{')) return 'nested "{" in a glob is not supported';
  const alternatives = body.split(',');
  if (alternatives.length > MAX_BRACE_ALTERNATIVES) return `glob has more than ${MAX_BRACE_ALTERNATIVES} alternatives`;
  const out: string[] = [];
  for (const alt of alternatives) {
    const rest = expandBraces(glob.slice(0, open) + alt + glob.slice(close + 1));
    if (typeof rest === 'string') return rest;
    out.push(...rest);
    if (out.length > MAX_BRACE_ALTERNATIVES) return `glob has more than ${MAX_BRACE_ALTERNATIVES} alternatives`;
  }
  return out;
}

/**
 * Glob → matcher: `**` any number of segments, `*` and `?` within a segment,
 * `{a,b}` alternatives, `[abc]`/`[!abc]`/`[a-z]` classes. Bounded in size and
 * linear in time, so a hostile glob in a record cannot stall the editor.
 */
export function compileGlob(glob: string): { matcher?: GlobMatcher; error?: string } {
  if (glob.length > MAX_GLOB_LENGTH) return { error: `glob is longer than ${MAX_GLOB_LENGTH} characters` };
  if ((glob.match(/\*/g) ?? []).length > MAX_GLOB_STARS) return { error: `glob has more than ${MAX_GLOB_STARS} wildcards` };
  const expanded = expandBraces(glob);
  if (typeof expanded === 'string') return { error: expanded };
  const patterns: Segment[][] = [];
  for (const alt of expanded) {
    const segments: Segment[] = [];
    for (const seg of alt.split('/')) {
      if (seg === '**') {
        if (segments[segments.length - 1]?.kind !== 'globstar') segments.push({ kind: 'globstar' });
        continue;
      }
      const tokens = parseSegment(seg);
      segments.push({ kind: 'segment', tokens });
    }
    patterns.push(segments);
  }
  const segmentMatches = (s: Segment, name: string) => s.kind === 'segment' && wildcard(s.tokens, [...name], (t) => t.kind === 'star', tokenMatches);
  return {
    matcher: {
      test(path: string): boolean {
        const names = path.split('/');
        return patterns.some((segments) => wildcard(segments, names, (s) => s.kind === 'globstar', segmentMatches));
      },
    },
  };
}

/** The fixed leading directory of a glob ("src/payments/" for "src/payments/**\/*.ts"). */
export function globBase(glob: string): string {
  const segments = glob.split('/');
  const fixed: string[] = [];
  for (const seg of segments.slice(0, -1)) {
    if (GLOB_CHARS.test(seg)) break;
    fixed.push(seg);
  }
  return fixed.length ? `${fixed.join('/')}/` : '';
}

/** The key a repository-qualified link is filed under: "@github.com/acme/payments/src/x.ts". */
export function repoPathKey(repo: string, path: string): string {
  return `@${repo}/${path}`;
}

export interface LinkRef {
  readonly record: IndexedRecord;
  readonly link: CodeLink;
  readonly index: number;
  readonly kind: LinkKind;
}

/** One distinct glob and every link that uses it: tested once per look-up, however many incidents share it. */
interface GlobEntry {
  readonly matcher: GlobMatcher;
  readonly refs: LinkRef[];
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
  private readonly globs = new Map<string, Map<string, GlobEntry>>();

  /**
   * Where a link of a record is filed: its bucket and key (undefined: refused,
   * never filed). A link naming its repository is filed under "@host/owner/name/"
   * (repoPathKey), so lookups for that repository's files find it and nothing else does.
   */
  private static place(link: CodeLink): { kind: LinkKind; path: string } | undefined {
    if (checkLinkPath(link.path)) return undefined;
    const path = normalizePath(link.path);
    if (link.repo === undefined) return { kind: linkKind(path), path };
    const key = repoKey(link.repo);
    return key ? { kind: linkKind(path), path: repoPathKey(key, path) } : undefined;
  }

  add(record: IndexedRecord): void {
    record.links.forEach((link, index) => {
      const at = LinkIndex.place(link);
      if (!at) return;
      const ref: LinkRef = { record, link, index, kind: at.kind };
      if (at.kind === 'file') pushTo(this.exact, at.path, ref);
      else if (at.kind === 'directory') pushTo(this.directories, at.path, ref);
      else this.addGlob(at.path, ref);
    });
  }

  private addGlob(path: string, ref: LinkRef): void {
    const base = globBase(path);
    let bucket = this.globs.get(base);
    let entry = bucket?.get(path);
    if (!entry) {
      const { matcher } = compileGlob(path);
      if (!matcher) return;
      if (!bucket) this.globs.set(base, (bucket = new Map()));
      bucket.set(path, (entry = { matcher, refs: [] }));
    }
    entry.refs.push(ref);
  }

  /** Takes out every link of the record (found again from its links, the same way they were filed). */
  remove(record: IndexedRecord): void {
    for (const link of record.links) {
      const at = LinkIndex.place(link);
      if (!at) continue;
      if (at.kind === 'file') removeFrom(this.exact, at.path, record);
      else if (at.kind === 'directory') removeFrom(this.directories, at.path, record);
      else {
        const base = globBase(at.path);
        const bucket = this.globs.get(base);
        const entry = bucket?.get(at.path);
        if (!bucket || !entry) continue;
        const kept = entry.refs.filter((r) => r.record !== record);
        entry.refs.splice(0, entry.refs.length, ...kept);
        if (entry.refs.length) continue;
        bucket.delete(at.path);
        if (bucket.size === 0) this.globs.delete(base);
      }
    }
  }

  clear(): void {
    this.exact.clear();
    this.directories.clear();
    this.globs.clear();
  }

  /** Every link that covers the file (exact, by directory or by glob). */
  lookup(file: string): LinkRef[] {
    const path = normalizePath(file);
    const out: LinkRef[] = [...(this.exact.get(path) ?? [])];
    for (const dir of ancestors(path)) {
      const d = this.directories.get(dir);
      if (d) out.push(...d);
      const g = this.globs.get(dir);
      if (g) for (const entry of g.values()) if (entry.matcher.test(path)) out.push(...entry.refs);
    }
    return out;
  }
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function removeFrom(map: Map<string, LinkRef[]>, key: string, record: IndexedRecord): void {
  const list = map.get(key);
  if (!list) return;
  const kept = list.filter((r) => r.record !== record);
  if (kept.length) map.set(key, kept);
  else map.delete(key);
}

/** Does a link's line range ("12-30" or "12") cover the one-based line? */
export function linkCoversLine(link: CodeLink, line: number): boolean {
  if (!link.lines) return false;
  const [a, b] = link.lines.split('-').map(Number);
  return line >= a! && line <= (b ?? a!);
}

/** A link's glob that matches every file (`**`, `*`, `**\/*`): it would turn one incident into a rule for the whole repository. */
export function matchesEverything(glob: string): boolean {
  return /^[*/.?]*$/.test(glob.replace(/^\.\//, '').replace(/\{[^}]*\}/g, '*')) && /\*/.test(glob);
}
