/**
 * The records a change is judged by: the workspace's records folder as it is
 * at the base commit (read from git, the folder only), plus the records the
 * change adds (they are not at the base and can only make the verdict
 * stricter), plus the record sources as they are (other repositories' records
 * are not in the diff; a source the change stops naming is read too, see
 * baseSources.ts). When the change touches no record file, the
 * workspace's own index is the base's and git is not asked at all.
 */
import type { FileAccess, FileStat } from '../core/index/fileAccess';
import { IncidentIndex } from '../core/index/incidentIndex';
import { recordChanges, type BaseRecords } from '../core/risk/recordChanges';
import type { RecordChangeFinding } from '../core/risk/assessRisk';
import { sourcesDroppedByChange } from './baseSources';
import { GitRevisionFileAccess } from './git/revisionFiles';
import { git, GitError } from './git/run';
import { NodeFileAccess } from './nodeFileAccess';

export interface JudgedRecords {
  /** What to judge by, in the order given: each own folder at the base (and its added records), the sources unchanged. */
  readonly indexes: IncidentIndex[];
  /** Records the change adds, edits or deletes. */
  readonly changes: RecordChangeFinding[];
  /** Set when some record changed and the base's records were read from git. */
  readonly base?: BaseRecords;
}

/**
 * `commit`: the base, a full SHA (see revisionFiles.ts's resolveCommit);
 * `changedFiles`: the change's files relative to `root`, uncommitted ones included.
 */
export async function recordsAtBase(
  root: string,
  indexes: readonly IncidentIndex[],
  commit: string,
  changedFiles: readonly string[],
  now: number,
): Promise<JudgedRecords> {
  const judged: IncidentIndex[] = [];
  const changes: RecordChangeFinding[] = [];
  let base: BaseRecords | undefined;
  for (const index of indexes) {
    const touched = changedFiles.filter((f) => index.owns(f));
    // A record source is another repository: not in this diff. An untouched folder is the base's already.
    if (index.linkScope?.foreign || !touched.length) {
      judged.push(index);
      continue;
    }
    const access = new GitRevisionFileAccess(root, commit, index.folder);
    const options = { folder: index.folder, now: () => now, ...(index.linkScope ? { linkScope: index.linkScope } : {}) };
    const atBase = new IncidentIndex(access, options);
    await atBase.load();
    judged.push(atBase);
    const found = recordChanges(atBase, index, touched);
    const added = found.filter((c) => c.change === 'added').map((c) => c.file);
    if (added.length) {
      const addedOnly = new IncidentIndex(new OnlyFiles(new NodeFileAccess(root), added), options);
      await addedOnly.load();
      judged.push(addedOnly);
    }
    changes.push(...found);
    base = { commit, folder: index.folder, hasFolder: await access.hasFolder() };
  }
  const own = indexes.find((ix) => !ix.linkScope?.foreign);
  const dropped = await sourcesDroppedByChange(root, commit, changedFiles, own?.linkScope, now);
  judged.push(...dropped.indexes);
  changes.push(...dropped.changes);
  // Only the config changed: the records folder is the base's as it is (hasFolder is not in question).
  if (dropped.changes.length && !base) base = { commit, folder: own?.folder ?? '.incidents', hasFolder: true };
  return { indexes: judged, changes, ...(base ? { base } : {}) };
}

/**
 * The remote's side of a pushed range: where the pushed commits leave what it
 * has (the merge base with its tip, or for a new branch the first commit the
 * remotes already have). undefined when there is none (nothing of it is on
 * any remote) or git cannot tell (the remote's tip was never fetched).
 */
export async function pushBase(root: string, range: { from?: string; to: string }): Promise<string | undefined> {
  try {
    if (!/^[0-9a-f]{40,64}$/.test(range.to) || (range.from !== undefined && !/^[0-9a-f]{40,64}$/.test(range.from))) return undefined;
    if (range.from) return (await git(root, ['merge-base', range.from, range.to])).trim() || undefined;
    const boundary = (await git(root, ['rev-list', '--boundary', range.to, '--not', '--remotes'])).split('\n').find((l) => l.startsWith('-'));
    return boundary?.slice(1).trim() || undefined;
  } catch (e) {
    if (e instanceof GitError) return undefined;
    throw e;
  }
}

/** A FileAccess that sees only some files: the records a change adds, indexed on their own. */
class OnlyFiles implements FileAccess {
  private readonly allowed: ReadonlySet<string>;
  constructor(
    private readonly inner: FileAccess,
    files: readonly string[],
  ) {
    this.allowed = new Set(files);
  }

  readFile(path: string): Promise<string> {
    return this.allowed.has(path) ? this.inner.readFile(path) : Promise.reject(new Error(`${path} is not one of the files read here`));
  }

  async stat(path: string): Promise<FileStat | undefined> {
    return this.allowed.has(path) ? this.inner.stat(path) : undefined;
  }

  async listFiles(dir: string): Promise<string[]> {
    const prefix = `${dir.replace(/\/+$/, '')}/`;
    return [...this.allowed].filter((p) => p.startsWith(prefix)).sort();
  }
}
