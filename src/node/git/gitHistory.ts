/**
 * GitHistory (core/git/gitHistoryPort.ts) answered by running git: each question is
 * one bounded git command (a time window, a commit, a few lines to blame).
 * Answers are cached for the life of the object: one suggestion run.
 */
import type { BlameSpan, GitCommit, GitFileChange, GitHistory, GitHunk, GitTag, LineRange } from '../../core/git/gitHistoryPort';
import { git, GitError } from './run';

const FORMAT = '%x1e%H%x1f%P%x1f%an%x1f%ct%x1f%s%x1f%b%x1f';
const SHA = /^[0-9a-f]{7,40}$/i;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Parses `git log -z --raw --numstat` output written with FORMAT. */
export function parseLog(out: string): GitCommit[] {
  const commits: GitCommit[] = [];
  for (const chunk of out.split('\x1e')) {
    if (!chunk.trim()) continue;
    const fields = chunk.split('\x1f');
    if (fields.length < 7) continue;
    const [sha, parents, author, ct, subject, body] = fields as [string, string, string, string, string, string];
    const rest = fields.slice(6).join('\x1f');
    commits.push({
      sha,
      parents: parents.split(' ').filter(Boolean),
      author,
      committedMs: Number(ct) * 1000,
      subject,
      body: body.trim(),
      files: parseChanges(rest),
    });
  }
  return commits;
}

function parseChanges(rest: string): GitFileChange[] {
  const tokens = rest.split('\0').map((t) => t.replace(/^\n+/, ''));
  const status = new Map<string, { status: GitFileChange['status']; oldPath?: string }>();
  const files: GitFileChange[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.startsWith(':')) {
      const letter = t.split(' ').pop()!.charAt(0);
      if (letter === 'R' || letter === 'C') {
        const oldPath = tokens[++i]!;
        const path = tokens[++i]!;
        status.set(path, { status: 'renamed', oldPath });
      } else {
        const path = tokens[++i]!;
        status.set(path, { status: letter === 'A' ? 'added' : letter === 'D' ? 'deleted' : 'modified' });
      }
      continue;
    }
    const m = /^(\d+|-)\t(\d+|-)\t(.*)$/s.exec(t);
    if (!m) continue;
    let path = m[3]!;
    let oldPath: string | undefined;
    if (path === '') {
      oldPath = tokens[++i]!;
      path = tokens[++i]!;
    }
    const s = status.get(path);
    files.push({
      path,
      ...((oldPath ?? s?.oldPath) ? { oldPath: oldPath ?? s?.oldPath } : {}),
      added: m[1] === '-' ? 0 : Number(m[1]),
      deleted: m[2] === '-' ? 0 : Number(m[2]),
      status: s?.status ?? (oldPath ? 'renamed' : 'modified'),
    });
  }
  return files;
}

/** Renamed (old → new) and deleted (old → null) paths from `git diff --name-status -z -M`. */
export function parseRenames(out: string): Map<string, string | null> {
  const map = new Map<string, string | null>();
  const t = out.split('\0');
  for (let i = 0; i < t.length; i++) {
    const s = t[i]!;
    if (/^R\d*$/.test(s)) {
      map.set(t[i + 1]!, t[i + 2]!);
      i += 2;
    } else if (s === 'D') {
      map.set(t[i + 1]!, null);
      i += 1;
    } else if (/^[ACMTUX]\d*$/.test(s)) i += s.startsWith('C') ? 2 : 1;
  }
  return map;
}

/** Parses `git show -U0` output into hunks. */
export function parseHunks(out: string): GitHunk[] {
  const hunks: GitHunk[] = [];
  let oldPath: string | undefined;
  let path: string | undefined;
  for (const line of out.split('\n')) {
    if (line.startsWith('diff --git ')) {
      oldPath = undefined;
      path = undefined;
    } else if (line.startsWith('--- ')) {
      oldPath = line === '--- /dev/null' ? undefined : line.slice(4).replace(/^a\//, '').replace(/\t$/, '');
    } else if (line.startsWith('+++ ')) {
      path = line === '+++ /dev/null' ? undefined : line.slice(4).replace(/^b\//, '').replace(/\t$/, '');
    } else {
      const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/.exec(line);
      if (m) {
        hunks.push({
          ...(oldPath ? { oldPath } : {}),
          ...(path ? { path } : {}),
          oldStart: Number(m[1]),
          oldCount: m[2] === undefined ? 1 : Number(m[2]),
          newStart: Number(m[3]),
          newCount: m[4] === undefined ? 1 : Number(m[4]),
          ...(m[5]?.trim() ? { context: m[5].trim().slice(0, 200) } : {}),
        });
      }
    }
  }
  return hunks;
}

/** `git for-each-ref` written with TAG_FORMAT: name, peeled commit, object, creator time. Tags of trees and blobs are left out. */
export function parseTags(out: string): GitTag[] {
  const tags: GitTag[] = [];
  for (const line of out.split('\n')) {
    const [name, peeled, object, type, ct] = line.split('\x1f');
    if (!name || !ct) continue;
    const sha = peeled || (type === 'commit' ? object : undefined);
    if (!sha || !/^[0-9a-f]{40}$/.test(sha)) continue;
    tags.push({ name, sha, ms: Number(ct) * 1000 });
  }
  return tags;
}

export const TAG_FORMAT = '%(refname:strip=2)%1f%(*objectname)%1f%(objectname)%1f%(objecttype)%1f%(creatordate:unix)';

export class ProcessGitHistory implements GitHistory {
  private readonly commits = new Map<string, Promise<GitCommit | undefined>>();
  private readonly hunkCache = new Map<string, Promise<GitHunk[]>>();
  private readonly renames = new Map<string, Promise<Map<string, string | null>>>();
  private readonly files = new Map<string, Promise<string | undefined>>();
  private tagList?: Promise<GitTag[]>;

  private constructor(
    private readonly cwd: string,
    readonly prefix: string,
  ) {}

  /** Undefined when `cwd` is not inside a git work tree with at least one commit. */
  static async open(cwd: string): Promise<ProcessGitHistory | undefined> {
    try {
      const prefix = (await git(cwd, ['rev-parse', '--show-prefix'])).trim();
      const top = (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
      await git(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD']);
      // Every path git is asked about is repository-relative, so git runs at the top.
      return new ProcessGitHistory(top, prefix);
    } catch (e) {
      if (e instanceof GitError) return undefined;
      throw e;
    }
  }

  async commitsInWindow(sinceMs: number, untilMs: number, options: { grep?: readonly string[] } = {}): Promise<GitCommit[]> {
    const args = [
      'log',
      'HEAD',
      `--since=${iso(sinceMs)}`,
      `--until=${iso(untilMs)}`,
      `--format=${FORMAT}`,
      '-z',
      '--raw',
      '--numstat',
      '-M',
      '--diff-merges=first-parent',
      '--no-abbrev',
    ];
    if (options.grep?.length) args.push('-i', '-F', ...options.grep.map((g) => `--grep=${g}`));
    const list = parseLog(await git(this.cwd, args)).filter((c) => c.committedMs >= sinceMs && c.committedMs <= untilMs);
    for (const c of list) if (!this.commits.has(c.sha)) this.commits.set(c.sha, Promise.resolve(c));
    return list;
  }

  tags(): Promise<GitTag[]> {
    this.tagList ??= git(this.cwd, ['for-each-ref', `--format=${TAG_FORMAT}`, 'refs/tags/']).then(parseTags);
    return this.tagList;
  }

  async reachable(rev: string, sinceMs: number): Promise<Set<string>> {
    if (!SHA.test(rev)) return new Set();
    const out = await git(this.cwd, ['rev-list', `--since=${iso(sinceMs)}`, rev, '--']);
    return new Set(out.split('\n').filter(Boolean));
  }

  commit(ref: string): Promise<GitCommit | undefined> {
    if (!SHA.test(ref)) return Promise.resolve(undefined);
    const known = [...this.commits.keys()].find((k) => k.startsWith(ref.toLowerCase()));
    if (known) return this.commits.get(known)!;
    const p = git(this.cwd, [
      'log',
      '-1',
      `--format=${FORMAT}`,
      '-z',
      '--raw',
      '--numstat',
      '-M',
      '--diff-merges=first-parent',
      '--no-abbrev',
      `${ref}^{commit}`,
      '--',
    ])
      .then((out) => parseLog(out)[0])
      .catch((e: unknown) => {
        if (e instanceof GitError) return undefined;
        throw e;
      });
    this.commits.set(ref.toLowerCase(), p);
    return p;
  }

  hunks(sha: string): Promise<GitHunk[]> {
    let p = this.hunkCache.get(sha);
    if (!p) {
      p = git(this.cwd, ['show', '--format=', '-U0', '-M', '--no-color', '--no-ext-diff', '--diff-merges=first-parent', sha, '--']).then(parseHunks);
      this.hunkCache.set(sha, p);
    }
    return p;
  }

  async blame(rev: string, path: string, ranges: readonly LineRange[], sinceMs: number): Promise<BlameSpan[]> {
    if (ranges.length === 0) return [];
    const args = ['blame', '--porcelain', `--since=${iso(sinceMs)}`, ...ranges.map((r) => `-L${r.start},+${Math.max(1, r.count)}`), rev, '--', path];
    let out: string;
    try {
      out = await git(this.cwd, args);
    } catch (e) {
      if (e instanceof GitError) return []; // a range past the end of the file, a path the parent lacks
      throw e;
    }
    const spans: BlameSpan[] = [];
    const info = new Map<string, { time: number; subject: string; boundary: boolean }>();
    let current: { sha: string; start: number; count: number } | undefined;
    const flush = () => {
      if (!current) return;
      const i = info.get(current.sha);
      if (i && !i.boundary) spans.push({ sha: current.sha, committedMs: i.time, subject: i.subject, startLine: current.start, count: current.count });
      current = undefined;
    };
    for (const line of out.split('\n')) {
      const header = /^([0-9a-f]{40}) \d+ (\d+) (\d+)$/.exec(line);
      if (header) {
        flush();
        current = { sha: header[1]!, start: Number(header[2]), count: Number(header[3]) };
        if (!info.has(current.sha)) info.set(current.sha, { time: 0, subject: '', boundary: false });
        continue;
      }
      if (!current) continue;
      const i = info.get(current.sha)!;
      if (line.startsWith('committer-time ')) i.time = Number(line.slice(15)) * 1000;
      else if (line.startsWith('summary ')) i.subject = line.slice(8);
      else if (line === 'boundary') i.boundary = true;
      else if (line.startsWith('\t')) flush();
    }
    flush();
    return spans;
  }

  async pathAtHead(sha: string, path: string): Promise<string | undefined> {
    let p = this.renames.get(sha);
    if (!p) {
      // One tree diff from the commit to HEAD: renamed and deleted paths (git follows renames with -M).
      p = git(this.cwd, ['diff', '--name-status', '-z', '-M', '--no-ext-diff', sha, 'HEAD', '--']).then(parseRenames);
      this.renames.set(sha, p);
    }
    const map = await p;
    if (!map.has(path)) return path;
    return map.get(path) ?? undefined;
  }

  fileAt(rev: string, path: string): Promise<string | undefined> {
    const key = `${rev}:${path}`;
    let p = this.files.get(key);
    if (!p) {
      p = git(this.cwd, ['cat-file', 'blob', key]).catch((e: unknown) => {
        if (e instanceof GitError) return undefined;
        throw e;
      });
      this.files.set(key, p);
    }
    return p;
  }

  async filesContaining(word: string, limit: number): Promise<string[]> {
    if (!/^[\w$]+$/.test(word)) return [];
    const out = await git(this.cwd, ['grep', '-l', '-w', '-F', '--full-name', word, 'HEAD', '--'], { allowExitCodes: [1] });
    return out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.replace(/^HEAD:/, ''))
      .slice(0, limit);
  }
}
