/**
 * An optional git pre-push hook: before commits leave the machine, say when
 * they touch code linked to an active incident or a P1. It warns and lets the
 * push go on, unless `git config incident-lens.prePush block` is set.
 *
 * Installing never overwrites a hook someone else wrote: an existing pre-push
 * is kept as pre-push.chained and run first, with the same input; ours is
 * recognised by its marker and rewritten in place (idempotent).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gitPath } from './git/run';
import { ABSOLUTE_PATH_ONLY } from './git/mergeDriverSetup';

export const HOOK_MARKER = '# incident-lens pre-push hook';
export const ZERO_SHA = /^0+$/;

export interface HookInstall {
  readonly hook: string;
  readonly chained?: string;
  readonly action: 'installed' | 'updated' | 'unchanged';
}

function sh(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The hook script: runs a chained hook first (same stdin), then the CLI that
 * installed it, else an incident-lens on PATH that lies outside the
 * repository. Never the repository's own node_modules (npx would run it): that
 * code comes from whoever wrote the commits.
 */
export function hookScript(cliPath: string): string {
  return `#!/bin/sh
${HOOK_MARKER} (written by "incident-lens init --hooks"; delete this file to remove it)
input=$(cat)
${ABSOLUTE_PATH_ONLY}
hook_dir=$(dirname "$0")
if [ -x "$hook_dir/pre-push.chained" ]; then
  printf '%s\\n' "$input" | "$hook_dir/pre-push.chained" "$@" || exit $?
fi
cli=${sh(cliPath)}
# An incident-lens on PATH: absolute entries outside this repository only (never its node_modules/.bin).
top=$(git rev-parse --show-toplevel 2>/dev/null)
found=
saved_ifs=$IFS
IFS=:
set -f
for d in $PATH; do
  case "$d" in /*) ;; *) continue ;; esac
  if [ -n "$top" ]; then case "$d/" in "$top"/*) continue ;; esac; fi
  if [ -f "$d/incident-lens" ] && [ -x "$d/incident-lens" ]; then found="$d/incident-lens"; break; fi
done
set +f
IFS=$saved_ifs
if [ -f "$cli" ]; then
  printf '%s\\n' "$input" | node "$cli" risk --pre-push "$1"
elif [ -n "$found" ]; then
  printf '%s\\n' "$input" | "$found" risk --pre-push "$1"
else
  echo "incident-lens pre-push: the incident-lens CLI was not found at $cli or on PATH (outside this repository); push not checked. Run incident-lens init --hooks again." >&2
fi
`;
}

export function installPrePushHook(repoDir: string, cliPath: string): HookInstall {
  const hooksDir = path.resolve(repoDir, execFileSync(gitPath(), ['rev-parse', '--git-path', 'hooks'], { cwd: repoDir, encoding: 'utf8' }).trim());
  mkdirSync(hooksDir, { recursive: true });
  const hook = path.join(hooksDir, 'pre-push');
  const script = hookScript(cliPath);
  let chained: string | undefined;
  let action: HookInstall['action'] = 'installed';
  if (existsSync(hook)) {
    const existing = readFileSync(hook, 'utf8');
    if (existing.includes(HOOK_MARKER)) {
      if (existing === script) return { hook, action: 'unchanged' };
      action = 'updated';
    } else {
      chained = path.join(hooksDir, 'pre-push.chained');
      if (existsSync(chained)) throw new Error(`${hook} is not ours and ${chained} already exists: merge them by hand`);
      renameSync(hook, chained);
    }
  }
  writeFileSync(hook, script);
  chmodSync(hook, 0o755);
  return { hook, chained, action };
}

/**
 * The commits a push sends, from the hook's stdin lines
 * "<local ref> <local sha> <remote ref> <remote sha>": a range per ref
 * (deleted refs skipped; a new branch is compared with what the remote
 * already has).
 */
export function pushRanges(stdin: string): Array<{ from?: string; to: string }> {
  const out: Array<{ from?: string; to: string }> = [];
  for (const line of stdin.split('\n')) {
    const [, localSha, , remoteSha] = line.trim().split(/\s+/);
    if (!localSha || ZERO_SHA.test(localSha)) continue;
    out.push({ from: remoteSha && !ZERO_SHA.test(remoteSha) ? remoteSha : undefined, to: localSha });
  }
  return out;
}

/** Files changed by a pushed range; a new branch: by its commits the remotes do not have yet. */
export function filesInRange(repoDir: string, range: { from?: string; to: string }): string[] {
  const git = (...args: string[]) => execFileSync(gitPath(), args, { cwd: repoDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  let list: string;
  if (range.from) list = git('diff', '--name-only', '--no-renames', '--relative', `${range.from}...${range.to}`);
  else {
    const commits = git('rev-list', range.to, '--not', '--remotes').split('\n').filter(Boolean);
    list = commits.length ? git('show', '--pretty=format:', '--name-only', '--no-renames', '--relative', ...commits) : '';
  }
  return [
    ...new Set(
      list
        .split('\n')
        .map((f) => f.trim())
        .filter(Boolean),
    ),
  ].sort();
}
