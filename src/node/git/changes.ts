import { git, GitError } from './run';

export { GitError };

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

/**
 * The lines each file's change touches on the new side (1-based, from
 * `git diff -U0`), since the merge base of `rev` and HEAD, uncommitted
 * changes included: where a finding is placed when no symbol is linked.
 */
export async function changedLinesSince(cwd: string, rev: string): Promise<Map<string, Array<{ startLine: number; endLine: number }>>> {
  if (rev.startsWith('-')) throw new GitError(`"${rev}" is not a revision`);
  const base = (await git(cwd, ['merge-base', rev, 'HEAD'])).trim();
  const out = await git(cwd, ['-c', 'core.quotePath=false', 'diff', '-U0', '--no-renames', '--no-color', '--relative', base, '--']);
  const lines = new Map<string, Array<{ startLine: number; endLine: number }>>();
  let file: string | undefined;
  for (const line of out.split('\n')) {
    if (line.startsWith('+++ ')) {
      file = line === '+++ /dev/null' ? undefined : line.slice(4).replace(/^b\//, '');
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && file) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      // A pure deletion (count 0) touches the line after which it happened.
      const list = lines.get(file) ?? [];
      list.push({ startLine: Math.max(1, start), endLine: Math.max(1, start + Math.max(count, 1) - 1) });
      lines.set(file, list);
    }
  }
  return lines;
}
