import { execFile } from 'node:child_process';
import { executable } from '../executable';

export class GitError extends Error {}

/**
 * Settings given on every call: paths as bytes (not quoted), and no file system monitor (core.fsmonitor names a
 * command the repository's config chooses, which status-like reads would run; a workspace's settings are not trusted).
 */
const GIT_SETTINGS = ['-c', 'core.quotePath=false', '-c', 'core.fsmonitor=false'];

/** git's full path, from PATH only (never a git.exe in the repository being read; see node/executable.ts). */
export function gitPath(): string {
  try {
    return executable('git');
  } catch (err) {
    throw new GitError((err as Error).message);
  }
}

/** Runs git in `cwd` and returns its standard output; fails with git's own message. */
export function git(cwd: string, args: readonly string[], options: { allowExitCodes?: readonly number[] } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(gitPath(), [...GIT_SETTINGS, ...args], { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : undefined;
      if (err && !(code !== undefined && options.allowExitCodes?.includes(code)))
        reject(new GitError(`git ${args.join(' ')} failed: ${(stderr || err.message).trim()}`));
      else resolve(stdout);
    });
  });
}

/**
 * Runs git with `input` on its standard input and returns standard output as
 * bytes: `cat-file --batch` states object sizes in bytes, so its output is
 * split before it is decoded.
 */
export function gitBytes(cwd: string, args: readonly string[], input: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(gitPath(), [...GIT_SETTINGS, ...args], { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'buffer' }, (err, stdout, stderr) => {
      if (err) reject(new GitError(`git ${args.join(' ')} failed: ${(stderr.toString('utf8') || err.message).trim()}`));
      else resolve(stdout);
    });
    child.stdin?.on('error', () => undefined); // git exiting early is reported by the callback
    child.stdin?.end(input);
  });
}
