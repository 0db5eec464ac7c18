/**
 * The records folder as it is in a git revision, as a FileAccess: the index
 * that `risk --diff` judges a change by is built from the base's records, not
 * from the files the change itself may have edited.
 *
 * Only the folder is read: `git ls-tree` lists it (names and blob sizes), and
 * `git cat-file --batch` reads its blobs a batch at a time as the index asks
 * for them, each once. A blob above the record size limit is not read at all
 * (the index never sees it, as it skips such files on disk). Symbolic links
 * and submodules are not records (the disk access skips them too).
 */
import { isRecordFile, type FileAccess, type FileStat } from '../../core/index/fileAccess';
import { DEFAULT_MAX_FILE_BYTES } from '../../core/records/parseRecord';
import { git, gitBytes, GitError } from './run';

/** Blobs read per `cat-file` process. */
const BATCH = 400;

interface TreeEntry {
  readonly oid: string;
  readonly size: number;
}

/** The commit `rev` names, as a full SHA; a revision that could be read as an option, or names no commit, is a GitError. */
export async function resolveCommit(cwd: string, rev: string): Promise<string> {
  if (!rev || rev.startsWith('-')) throw new GitError(`"${rev}" is not a revision`);
  return (
    await git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]).catch(() => {
      throw new GitError(`"${rev}" is not a commit git knows here`);
    })
  ).trim();
}

/** The merge base of `rev` and HEAD (what `risk --diff REV` compares with). */
export async function mergeBaseWithHead(cwd: string, rev: string): Promise<string> {
  const commit = await resolveCommit(cwd, rev);
  return (await git(cwd, ['merge-base', commit, 'HEAD'])).trim();
}

export class GitRevisionFileAccess implements FileAccess {
  private tree?: Promise<Map<string, TreeEntry>>;
  private readonly texts = new Map<string, string>();

  /**
   * `cwd`: the workspace folder (paths are relative to it, as on disk);
   * `commit`: a full SHA (resolveCommit); `folder`: the records folder.
   */
  constructor(
    private readonly cwd: string,
    readonly commit: string,
    readonly folder: string,
    private readonly maxBytes = DEFAULT_MAX_FILE_BYTES,
  ) {
    if (!/^[0-9a-f]{40,64}$/.test(commit)) throw new GitError(`"${commit}" is not a full commit SHA`);
  }

  /** Does the revision hold the records folder at all? */
  async hasFolder(): Promise<boolean> {
    return (await this.entries()).size > 0;
  }

  async listFiles(dir: string): Promise<string[]> {
    const prefix = `${dir.replace(/\/+$/, '')}/`;
    return [...(await this.entries()).keys()].filter((p) => p.startsWith(prefix)).sort();
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const e = (await this.entries()).get(path);
    return e ? { mtimeMs: 0, size: e.size } : undefined;
  }

  async readFile(path: string): Promise<string> {
    const entries = await this.entries();
    const entry = entries.get(path);
    if (!entry) throw new Error(`${path} is not in ${this.commit.slice(0, 7)}`);
    if (entry.size > this.maxBytes) throw new Error(`${path} is ${entry.size} bytes in ${this.commit.slice(0, 7)}, above the record size limit: not read`);
    if (!this.texts.has(path)) await this.readBatchFrom(path, entries);
    const text = this.texts.get(path);
    this.texts.delete(path); // the index reads each file once: keep memory to one batch
    if (text === undefined) throw new Error(`${path} could not be read from ${this.commit.slice(0, 7)}`);
    return text;
  }

  private entries(): Promise<Map<string, TreeEntry>> {
    return (this.tree ??= this.listTree());
  }

  private async listTree(): Promise<Map<string, TreeEntry>> {
    const folder = this.folder.replace(/\/+$/, '');
    // Paths come back relative to cwd, like the workspace's own.
    const out = await git(this.cwd, ['ls-tree', '-r', '-z', '-l', this.commit, '--', folder]);
    const entries = new Map<string, TreeEntry>();
    for (const line of out.split('\0')) {
      const m = /^(\d+) (\w+) ([0-9a-f]+) +(\d+|-)\t(.+)$/s.exec(line);
      if (!m || m[2] !== 'blob' || m[1] === '120000') continue;
      entries.set(m[5]!, { oid: m[3]!, size: Number(m[4]) });
    }
    return entries;
  }

  /** Reads `path` and the next files in order (those the index will ask for next) in one process. */
  private async readBatchFrom(path: string, entries: Map<string, TreeEntry>): Promise<void> {
    const order = [...entries.keys()].sort();
    // Only record files ride along (a folder may hold images or exports the index never asks for).
    const next = order.slice(order.indexOf(path) + 1).filter((p) => isRecordFile(p) && entries.get(p)!.size <= this.maxBytes);
    const batch = [path, ...next.slice(0, BATCH - 1)];
    const oids = [...new Set(batch.map((p) => entries.get(p)!.oid))];
    const blobs = parseBatch(await gitBytes(this.cwd, ['cat-file', '--batch'], `${oids.join('\n')}\n`));
    for (const p of batch) {
      const blob = blobs.get(entries.get(p)!.oid);
      if (blob !== undefined) this.texts.set(p, blob);
    }
  }
}

/** `git cat-file --batch` output: "<oid> <type> <size>\n<bytes>\n" per object ("<oid> missing\n" when absent). */
export function parseBatch(out: Buffer): Map<string, string> {
  const blobs = new Map<string, string>();
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) break;
    const [oid, type, size] = out.subarray(at, eol).toString('utf8').split(' ');
    at = eol + 1;
    if (size === undefined || !/^\d+$/.test(size)) continue; // "<oid> missing"
    const end = at + Number(size);
    if (type === 'blob') blobs.set(oid!, out.subarray(at, end).toString('utf8'));
    at = end + 1;
  }
  return blobs;
}
