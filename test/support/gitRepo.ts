/** Real git repositories with dated commits, for the tests of suggestions from history. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export class GitRepo {
  readonly root: string;

  constructor(root?: string) {
    this.root = root ?? mkdtempSync(join(tmpdir(), 'incident-lens-git-'));
    this.git('init', '-q', '-b', 'main');
  }

  git(...args: string[]): string {
    return this.gitAt(undefined, ...args);
  }

  /** git with author and committer time `at` (ISO 8601). */
  gitAt(at: string | undefined, ...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: this.root,
      encoding: 'utf8',
      env: { ...process.env, ...(at ? { GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at } : {}) },
    }).trim();
  }

  write(path: string, text: string): this {
    const abs = join(this.root, ...path.split('/'));
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    return this;
  }

  move(from: string, to: string): this {
    mkdirSync(dirname(join(this.root, to)), { recursive: true });
    renameSync(join(this.root, from), join(this.root, to));
    return this;
  }

  /** Commits everything in the work tree at `at`; returns the full SHA. */
  commit(message: string, at: string): string {
    this.git('add', '-A');
    this.gitAt(at, 'commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
