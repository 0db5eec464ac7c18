/**
 * Generated files (AI instruction files, AGENTS.md) are written only inside
 * the workspace and never through a symbolic link: a committed AGENTS.md that
 * points into .git/hooks, or a linked .github/instructions folder that leads
 * out of the repository, is refused with a message, not followed.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export class UnsafePath extends Error {}

/** Refuses a workspace-relative path that leaves the workspace or passes through a symbolic link (missing parts are fine: we create them). */
export async function checkInsideWorkspace(root: string, rel: string): Promise<string> {
  const parts = rel.split('/');
  if (!rel || path.isAbsolute(rel) || parts.some((p) => p === '..' || p === '' || p === '.')) throw new UnsafePath(`${rel}: not a path inside the workspace`);
  let current = await fs.realpath(root);
  for (const part of parts) {
    current = path.join(current, part);
    const stat = await fs.lstat(current).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (!stat) break;
    if (stat.isSymbolicLink())
      throw new UnsafePath(
        `${rel}: ${path.relative(root, current) || part} is a symbolic link; Incident Lens writes generated files only inside the workspace, never through a link`,
      );
  }
  return path.join(root, ...parts);
}

/** Writes through a temporary file and a rename (a reader never sees half a file; a link at the path is replaced, not followed). */
export async function writeInsideWorkspace(root: string, rel: string, content: string): Promise<void> {
  const abs = await checkInsideWorkspace(root, rel);
  await fs.mkdir(path.dirname(abs), { recursive: true });
  // The folders just created are ours; check again in case one was a link created meanwhile.
  await checkInsideWorkspace(root, rel);
  const tmp = `${abs}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(tmp, content, { flag: 'wx' });
  await fs.rename(tmp, abs);
}

export async function removeInsideWorkspace(root: string, rel: string): Promise<void> {
  const abs = await checkInsideWorkspace(root, rel);
  await fs.rm(abs, { force: true });
}

/** Reads a file inside the workspace, not through a link (undefined when missing). */
export async function readInsideWorkspace(root: string, rel: string): Promise<string | undefined> {
  const abs = await checkInsideWorkspace(root, rel);
  return fs.readFile(abs, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'EISDIR') return undefined;
    throw err;
  });
}

/** A planned generated file: written, deleted or left as it is. */
export interface PlannedFile {
  readonly path: string;
  readonly action: 'write' | 'delete' | 'unchanged';
  readonly content?: string;
}

/**
 * Carries out a plan of generated files inside the workspace (only checks with `check`); a path that
 * leads through a link or out of the workspace is added to `refused` (once per cause) and left out of
 * the returned plan, the rest still runs.
 */
export async function applyPlanInsideWorkspace<P extends PlannedFile>(
  root: string,
  plan: readonly P[],
  check: boolean,
  refused: Array<{ path: string; reason: string }>,
): Promise<P[]> {
  const run: P[] = [];
  for (const p of plan) {
    if (p.action !== 'unchanged') {
      try {
        await checkInsideWorkspace(root, p.path);
        if (!check) await (p.action === 'delete' ? removeInsideWorkspace(root, p.path) : writeInsideWorkspace(root, p.path, p.content!));
      } catch (err) {
        if (!(err instanceof UnsafePath)) throw err;
        if (!refused.some((r) => err.message.startsWith(r.path))) refused.push({ path: p.path, reason: err.message });
        continue;
      }
    }
    run.push(p);
  }
  return run;
}
