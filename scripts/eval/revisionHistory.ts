/**
 * Git for the evaluation (scripts/eval/suggest.ts): a runner that returns
 * exit codes, and RevisionHistory, the repository as it stood at a revision.
 */
import { execFile } from 'node:child_process';
import type { BlameSpan, GitCommit, GitHistory, GitHunk, GitTag, LineRange } from '../../src/core/git/gitHistoryPort';
import { parseLog, parseRenames, type ProcessGitHistory } from '../../src/node/git/gitHistory';

const FORMAT = '%x1e%H%x1f%P%x1f%an%x1f%ct%x1f%s%x1f%b%x1f';

interface Run {
  readonly code: number;
  readonly out: string;
}

/** Runs git in `cwd`; the exit code is returned, not thrown (merge-base --is-ancestor answers with it). */
export function run(cwd: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-c', 'core.quotePath=false', ...args], { cwd, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (err, stdout) => {
      if (err && typeof (err as { code?: unknown }).code !== 'number') reject(err);
      else resolve({ code: err ? (err as { code: number }).code : 0, out: stdout });
    });
  });
}

export async function git(cwd: string, args: readonly string[]): Promise<string> {
  const r = await run(cwd, args);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} exited with ${r.code}`);
  return r.out;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The repository as it stood at `head` (a full SHA): what ProcessGitHistory
 * answers, with every question about HEAD asked about `head` instead.
 * Questions about a given commit (its diff, blame at a given revision) are
 * the same at any HEAD and go to ProcessGitHistory; commit() refuses SHAs
 * that are not in `head`'s history.
 */
export class RevisionHistory implements GitHistory {
  readonly prefix = '';
  private readonly renames = new Map<string, Promise<Map<string, string | null>>>();
  private readonly ancestors = new Map<string, Promise<boolean>>();

  constructor(
    private readonly cwd: string,
    private readonly head: string,
    private readonly inner: ProcessGitHistory,
  ) {}

  async commitsInWindow(sinceMs: number, untilMs: number, options: { grep?: readonly string[] } = {}): Promise<GitCommit[]> {
    const args = [
      'log',
      this.head,
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
    return parseLog(await git(this.cwd, args)).filter((c) => c.committedMs >= sinceMs && c.committedMs <= untilMs);
  }

  private isAncestor(sha: string): Promise<boolean> {
    let p = this.ancestors.get(sha);
    if (!p) {
      p = run(this.cwd, ['merge-base', '--is-ancestor', sha, this.head]).then((r) => r.code === 0);
      this.ancestors.set(sha, p);
    }
    return p;
  }

  async commit(ref: string): Promise<GitCommit | undefined> {
    const c = await this.inner.commit(ref);
    return c && (await this.isAncestor(c.sha)) ? c : undefined;
  }

  tags(): Promise<GitTag[]> {
    return this.inner.tags();
  }

  async reachable(rev: string, sinceMs: number): Promise<Set<string>> {
    return this.inner.reachable(rev, sinceMs);
  }

  hunks(sha: string): Promise<GitHunk[]> {
    return this.inner.hunks(sha);
  }

  blame(rev: string, path: string, ranges: readonly LineRange[], sinceMs: number): Promise<BlameSpan[]> {
    return this.inner.blame(rev === 'HEAD' ? this.head : rev, path, ranges, sinceMs);
  }

  async pathAtHead(sha: string, path: string): Promise<string | undefined> {
    let p = this.renames.get(sha);
    if (!p) {
      p = git(this.cwd, ['diff', '--name-status', '-z', '-M', '--no-ext-diff', sha, this.head, '--']).then(parseRenames);
      this.renames.set(sha, p);
    }
    const map = await p;
    if (!map.has(path)) return path;
    return map.get(path) ?? undefined;
  }

  fileAt(rev: string, path: string): Promise<string | undefined> {
    return this.inner.fileAt(rev === 'HEAD' ? this.head : rev, path);
  }

  async filesContaining(word: string, limit: number): Promise<string[]> {
    if (!/^[\w$]+$/.test(word)) return [];
    const r = await run(this.cwd, ['grep', '-l', '-w', '-F', '--full-name', word, this.head, '--']);
    return r.out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(l.indexOf(':') + 1))
      .slice(0, limit);
  }
}
