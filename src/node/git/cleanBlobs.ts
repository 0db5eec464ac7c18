/**
 * What git already knows of a records folder's files (issue 29: `risk` in CI
 * with a restored cache ≤ 1 s). A fresh checkout gives every file a new
 * modification time, so caches keyed by size and time (the load cache, the
 * scan digest) would read every record again for its hash. git's index holds
 * each file's blob id, and `git diff-files` says which working-tree files may
 * differ from it (by their stat data, the content compared where the stat data
 * cannot tell). A cache entry whose content hash is the blob id of a file git
 * calls clean, with the same size, describes that file without reading it.
 *
 * Nothing here trusts the repository's settings: the file system monitor
 * (core.fsmonitor, which runs a command of the repository's choosing) is off
 * for every git call (run.ts), and files git is told not to look at (assume-unchanged,
 * skip-worktree), unmerged entries and anything that is not a plain file are
 * left out, so their text is read.
 */
import { git } from './run';

/**
 * The blob ids of `folder`'s files (relative to `root`, as `root`-relative paths with `/`) that git holds as clean in
 * the working tree; undefined where git cannot say (not a repository, no git). Only stage-0 regular files whose index
 * entry git checks ("H" in `ls-files -v`) and that `diff-files` does not list.
 */
export async function cleanBlobOids(root: string, folder: string): Promise<Map<string, string> | undefined> {
  try {
    const [listed, dirty] = await Promise.all([
      git(root, ['--literal-pathspecs', 'ls-files', '-s', '-v', '-z', '--', folder]),
      git(root, ['--literal-pathspecs', 'diff-files', '--name-only', '--relative', '-z', '--', folder]),
    ]);
    const changed = new Set(dirty.split('\0'));
    const out = new Map<string, string>();
    for (const line of listed.split('\0')) {
      // "H 100644 <oid> 0\t<path>"
      const m = /^H (100644|100755) ([0-9a-f]{40}) 0\t(.+)$/s.exec(line);
      if (m && !changed.has(m[3]!)) out.set(m[3]!, m[2]!);
    }
    return out;
  } catch {
    return undefined;
  }
}
