/**
 * The instruction files on disk (CLI): what is there now, and the plan from
 * core/ai/learnings.ts carried out through safeWrite.ts (inside the workspace,
 * never through a link). A path that would be written through a link is
 * reported as refused; the rest of the plan still runs.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AGENTS_FILE, INSTRUCTIONS_DIR, planInstructionFiles, type FilePlan } from '../core/ai/learnings';
import type { Incident } from '../core/records/model';
import { checkInsideWorkspace, readInsideWorkspace, UnsafePath, applyPlanInsideWorkspace } from './safeWrite';

export interface InstructionRun {
  readonly plan: readonly FilePlan[];
  /** Paths not written (or read) because they lead through a link or out of the workspace, with why. */
  readonly refused: ReadonlyArray<{ path: string; reason: string }>;
}

export async function syncInstructionFiles(
  root: string,
  incidents: readonly Incident[],
  options: { agents?: boolean; check?: boolean },
): Promise<InstructionRun> {
  const refused: Array<{ path: string; reason: string }> = [];
  const dirOk = await checkInsideWorkspace(root, INSTRUCTIONS_DIR).then(
    () => true,
    (err: Error) => (err instanceof UnsafePath ? (refused.push({ path: INSTRUCTIONS_DIR, reason: err.message }), false) : Promise.reject(err)),
  );
  const instructionFiles = dirOk ? await fs.readdir(path.join(root, ...INSTRUCTIONS_DIR.split('/'))).catch(() => [] as string[]) : [];
  const texts = new Map<string, string | undefined>();
  for (const rel of [...instructionFiles.map((f) => `${INSTRUCTIONS_DIR}/${f}`), AGENTS_FILE]) {
    texts.set(rel, await readInsideWorkspace(root, rel).catch((err: Error) => (err instanceof UnsafePath ? undefined : Promise.reject(err))));
  }
  const plan = planInstructionFiles(incidents, { instructionFiles, read: (p) => texts.get(p) }, { agents: options.agents });
  const run = await applyPlanInsideWorkspace(root, plan, !!options.check, refused);
  return { plan: run, refused };
}
