/**
 * The lines each fix commit added to one file, for the edit hook (the
 * `risk --diff` fix-line knowledge applied before an edit happens). One git
 * process for all fixes: each commit's diff against its first parent (for a
 * merge, what the merge brought), limited to the file. A fix not in this
 * clone, or no git at all, gives nothing.
 */
import type { FixCommit } from '../../core/risk/assessRisk';
import type { FixAddedLines } from '../../core/ai/editHook';
import { git, GitError } from './run';

export async function fixAddedLines(root: string, file: string, fixes: readonly FixCommit[]): Promise<FixAddedLines[]> {
  const shas = [...new Set(fixes.map((f) => f.sha).filter((s) => /^[0-9a-f]{4,40}$/i.test(s)))];
  if (!shas.length) return [];
  let out: string;
  try {
    out = await git(root, ['log', '--no-walk=unsorted', '--diff-merges=first-parent', '-p', '-U0', '--no-color', '--no-ext-diff', '--format=%x1e%H', '--ignore-missing', ...shas, '--', file], { allowExitCodes: [128] });
  } catch (err) {
    if (err instanceof GitError) return [];
    throw err;
  }
  const result: FixAddedLines[] = [];
  for (const chunk of out.split('\x1e')) {
    const [sha, ...rest] = chunk.split('\n');
    if (!sha || !/^[0-9a-f]{40}$/.test(sha.trim())) continue;
    const lines = rest.filter((l) => l.startsWith('+') && !l.startsWith('+++')).map((l) => l.slice(1));
    if (!lines.length) continue;
    for (const fix of fixes) {
      if (sha.trim().startsWith(fix.sha.toLowerCase())) result.push({ incidentId: fix.incidentId, fixSha: sha.trim(), lines });
    }
  }
  return result;
}
