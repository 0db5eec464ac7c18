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
    out = await git(
      root,
      [
        'log',
        '--no-walk=unsorted',
        '--diff-merges=first-parent',
        '-p',
        '-U0',
        '--no-color',
        '--no-ext-diff',
        '--format=%x1e%H',
        '--ignore-missing',
        ...shas,
        '--',
        file,
      ],
      { allowExitCodes: [128] },
    );
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

/** Every fix's added lines, by workspace-relative file, in one git process; and the fixes the clone lacks. */
export async function fixAddedLinesByFile(
  root: string,
  fixes: readonly FixCommit[],
): Promise<{ byFile: Record<string, FixAddedLines[]>; missing: string[]; gitDir?: string }> {
  const shas = [...new Set(fixes.map((f) => f.sha.toLowerCase()).filter((s) => /^[0-9a-f]{4,40}$/.test(s)))];
  const byFile: Record<string, FixAddedLines[]> = {};
  if (!shas.length) return { byFile, missing: [] };
  let out: string;
  let where: string[];
  try {
    where = (await git(root, ['rev-parse', '--absolute-git-dir', '--show-prefix'])).split('\n');
    out = await git(
      root,
      [
        'log',
        '--no-walk=unsorted',
        '--diff-merges=first-parent',
        '-p',
        '-U0',
        '--no-color',
        '--no-ext-diff',
        '--no-renames',
        '--format=%x1e%H',
        '--ignore-missing',
        ...shas,
      ],
      { allowExitCodes: [128] },
    );
  } catch (err) {
    if (err instanceof GitError) return { byFile, missing: shas };
    throw err;
  }
  const prefix = where[1] ?? '';
  const found = new Set<string>();
  for (const chunk of out.split('\x1e')) {
    const [head, ...rest] = chunk.split('\n');
    const sha = head?.trim() ?? '';
    if (!/^[0-9a-f]{40}$/.test(sha)) continue;
    const owners = fixes.filter((f) => sha.startsWith(f.sha.toLowerCase()));
    for (const s of shas) if (sha.startsWith(s)) found.add(s);
    let file: string | undefined;
    let header = false;
    const added = new Map<string, string[]>();
    for (const l of rest) {
      if (l.startsWith('diff --git ')) {
        header = true;
        file = undefined;
      } else if (header && l.startsWith('+++ ')) {
        // A quoted name (a tab, newline or quote in it) is left out.
        const name = l.slice(4);
        file = name.startsWith('b/') && name.slice(2).startsWith(prefix) ? name.slice(2 + prefix.length) : undefined;
      } else if (l.startsWith('@@')) header = false;
      else if (!header && file !== undefined && l.startsWith('+')) {
        const lines = added.get(file) ?? [];
        lines.push(l.slice(1));
        added.set(file, lines);
      }
    }
    for (const [f, lines] of added) for (const fix of owners) (byFile[f] ??= []).push({ incidentId: fix.incidentId, fixSha: sha, lines });
  }
  return { byFile, missing: shas.filter((s) => !found.has(s)), ...(where[0] ? { gitDir: where[0] } : {}) };
}
