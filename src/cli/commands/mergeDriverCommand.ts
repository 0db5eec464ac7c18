/**
 * incident-lens merge-driver %O %A %B %P: git's merge driver for records
 * (core/records/recordMerge.ts). Writes the result into %A; exit 0 merged, 1 conflict (the
 * conflicting fields carry git's markers). A file it cannot read as a record
 * goes to git's own text merge (git merge-file), never to a silent choice.
 */
import { promises as fs } from 'node:fs';
import { mergeRecord, type MergeResult } from '../../core/records/recordMerge';
import { DEFAULT_MAX_FILE_BYTES } from '../../core/records/parseRecord';
import { spawnSync } from 'node:child_process';
import { UsageError, type Io } from '../common';
import { gitPath } from '../../node/git/run';

/** Why the files cannot be merged as records (then git's text merge does it), or the merge. */
async function recordMerge(base: string, ours: string, theirs: string): Promise<MergeResult> {
  // A side larger than a record can be is not read whole: it could never be a record (see core/records/parseRecord.ts).
  const sizes = await Promise.all([base, ours, theirs].map((f) => fs.stat(f).then((st) => st.size)));
  const big = sizes.findIndex((n) => n > DEFAULT_MAX_FILE_BYTES);
  if (big >= 0)
    return {
      kind: 'unmergeable',
      reason: `${['the common ancestor', 'ours', 'theirs'][big]} is ${sizes[big]} bytes, above the ${DEFAULT_MAX_FILE_BYTES}-byte record limit`,
    };
  const [o, a, b] = await Promise.all([fs.readFile(base, 'utf8'), fs.readFile(ours, 'utf8'), fs.readFile(theirs, 'utf8')]);
  try {
    return mergeRecord(o, a, b);
  } catch (err) {
    // Whatever the record merge trips on, the merge still happens: as text, with git's markers.
    return { kind: 'unmergeable', reason: `the record merge failed (${(err as Error).message.split('\n')[0]})` };
  }
}

export async function mergeDriver(args: string[], io: Io): Promise<number> {
  const [base, ours, theirs, name = ours] = args;
  if (!base || !ours || !theirs) throw new UsageError('usage: incident-lens merge-driver BASE OURS THEIRS [PATH] (git passes %O %A %B %P)');
  const result = await recordMerge(base, ours, theirs);
  if (result.kind === 'merged') {
    await fs.writeFile(ours, result.text);
    return 0;
  }
  if (result.kind === 'conflict') {
    await fs.writeFile(ours, result.text);
    io.err(
      `incident-lens: CONFLICT in ${name}: ${result.conflicts.map((c) => c.path.join('.')).join(', ')} changed differently on both sides (marked in the file); every other change is merged`,
    );
    return 1;
  }
  io.err(`incident-lens: ${name}: ${result.reason}; using git's text merge instead`);
  // git merge-file writes into OURS and exits with the number of conflicts (negative on error).
  const r = spawnSync(gitPath(), ['merge-file', '-L', 'ours', '-L', 'base', '-L', 'theirs', ours, base, theirs], { encoding: 'utf8' });
  if (r.error || r.status === null || r.status < 0 || r.status > 127) {
    io.err(`incident-lens: git merge-file failed: ${r.error?.message ?? r.stderr.trim()}`);
    return 2;
  }
  return r.status === 0 ? 0 : 1;
}
