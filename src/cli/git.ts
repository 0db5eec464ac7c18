import { execFile } from 'node:child_process';

export class GitError extends Error {}

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new GitError(`git ${args.join(' ')} failed: ${(stderr || err.message).trim()}`));
      else resolve(stdout);
    });
  });
}

/**
 * Files changed since the merge base of `rev` and HEAD, including uncommitted
 * changes, relative to `cwd` (which may be a subfolder of the repository).
 * Renames are listed under both names: the old path is the one a link names.
 */
export async function changedFilesSince(cwd: string, rev: string): Promise<string[]> {
  if (rev.startsWith('-')) throw new GitError(`"${rev}" is not a revision`);
  const base = (await git(cwd, ['merge-base', rev, 'HEAD'])).trim();
  const out = await git(cwd, ['diff', '--name-only', '--no-renames', '--relative', base, '--']);
  const untracked = await git(cwd, ['ls-files', '--others', '--exclude-standard']);
  const files = new Set([...out.split('\n'), ...untracked.split('\n')].map((f) => f.trim()).filter(Boolean));
  return [...files].sort();
}
