/**
 * Where a command-line run's workspace is, as git and linters find theirs:
 * `--root` when given; otherwise the nearest folder, from the current
 * directory up, that holds the records folder, stopping at the git root
 * (the folder holding .git), so a run from src/waf/ finds the repository's
 * .incidents/ and never one above the repository.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE } from '../core/index/configFile';

const isDir = (p: string) => statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
const exists = (p: string) => statSync(p, { throwIfNoEntry: false }) !== undefined;

export type RootSearch = { root: string } | { error: string };

export function findWorkspaceRoot(cwd: string, recordsFolder: string): RootSearch {
  const start = path.resolve(cwd);
  for (let dir = start; ; dir = path.dirname(dir)) {
    // The records folder, or the config naming record sources (a service repository reading a central one).
    if (isDir(path.join(dir, recordsFolder)) || exists(path.join(dir, CONFIG_FILE))) return { root: dir };
    if (exists(path.join(dir, '.git'))) {
      return {
        error: `no ${recordsFolder} folder in ${start}${dir === start ? '' : ` or above it up to the git root ${dir}`} (incident-lens init makes one; use --root DIR, or --folder for another records folder)`,
      };
    }
    if (path.dirname(dir) === dir) return { error: `no ${recordsFolder} folder in ${start} or any folder above it (use --root DIR)` };
  }
}

/**
 * A file argument as the workspace knows it: resolved against the current
 * directory (as every command-line tool does), then made relative to the
 * workspace root. Undefined when it lies outside the workspace.
 */
export function workspacePath(root: string, file: string, cwd = process.cwd()): string | undefined {
  const rel = path.relative(path.resolve(root), path.resolve(cwd, file));
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}
