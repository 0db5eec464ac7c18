/**
 * The focused read's digest (issue 29: `risk FILE` ≤ 1 s with its cache at
 * 10,000 records): what the early scan read of each record file (its plain id
 * and incident, and core/links/mayLink.ts's linkRuns), kept next to the load
 * cache with the file's size, mtime and ctime when it was read. A later scan
 * stats the folder and reads again only the files whose identity changed (or
 * that are new); the others are answered from the digest, which gives the
 * scan's answer for any target inside a folder (mayLinkFromRuns, runsQuestion). A target
 * outside any folder needs the texts: the whole folder is scanned then.
 *
 * A missing, damaged or foreign digest (another format, build or folder) is
 * rebuilt, never trusted; it is written under a new name and renamed, so two
 * processes never read half of one; a failure to write it is not an error.
 */
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { runsQuestion } from '../core/links/mayLink';
import { BULK_MIN } from '../core/index/incidentIndex';
import { folderCacheDir, type CacheSettings } from './cacheDir';
import { scanJob, type ScanResult, type ScanSummary } from './earlyScan';
import type { ParsePool } from './parsePool';
import { cleanBlobOids } from './git/cleanBlobs';
import { GIT_MIN } from './git/blobOid';

// 2: each file's git blob id, so a fresh checkout's clean files are known without reading them (git/cleanBlobs.ts).
export const SCAN_DIGEST_FORMAT = 2;

/** Where a records folder's digest is, and whose it is: a build (the cache's version) and the folder it describes. */
export interface DigestPlace {
  readonly file: string;
  readonly version: string;
  readonly folder: string;
}

/** The digest of `root`/`folder` in the shared cache (cacheDir.ts): beside the folder's load cache. */
export function digestPlace(cache: CacheSettings, root: string, folder: string): DigestPlace {
  return { file: path.join(folderCacheDir(cache.dir, root, folder), 'scan-digest.json'), version: cache.version, folder };
}

interface Entry extends ScanSummary {
  readonly id: string | null;
  readonly incident: string | null;
}

/** One file of the digest: [path, size, mtimeMs, ctimeMs, id, incident, flags (1 backslash, 2 too large), runs, git blob id]. */
type Row = [string, number, number, number, string | null, string | null, number, string, string];

export function readScanDigest(file: string, version: string, folder: string): Map<string, Entry> | undefined {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; version?: unknown; folder?: unknown; rows?: unknown };
    if (data.format !== SCAN_DIGEST_FORMAT || data.version !== version || data.folder !== folder || !Array.isArray(data.rows)) return undefined;
    const out = new Map<string, Entry>();
    for (const row of data.rows as unknown[]) {
      if (!validRow(row)) return undefined;
      const [p, size, mtimeMs, ctimeMs, id, incident, flags, runs, oid] = row;
      out.set(p, { size, mtimeMs, ctimeMs, id, incident, backslash: (flags & 1) === 1, tooLarge: (flags & 2) === 2, runs, oid });
    }
    return out;
  } catch {
    return undefined;
  }
}

function validRow(row: unknown): row is Row {
  if (!Array.isArray(row) || row.length !== 9) return false;
  const [p, size, mtime, ctime, id, incident, flags, runs, oid] = row as unknown[];
  const nullableText = (v: unknown) => v === null || typeof v === 'string';
  return (
    typeof p === 'string' &&
    [size, mtime, ctime, flags].every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    nullableText(id) &&
    nullableText(incident) &&
    typeof runs === 'string' &&
    typeof oid === 'string'
  );
}

/** What a digest file begins with, in this order (digestMatches reads it from the first bytes). */
const digestHead = (version: string, folder: string) => ({ format: SCAN_DIGEST_FORMAT, version, folder });

export function writeScanDigest(file: string, version: string, folder: string, entries: ReadonlyMap<string, Entry>): void {
  const rows: Row[] = [...entries].map(([p, e]) => [
    p,
    e.size,
    e.mtimeMs,
    e.ctimeMs,
    e.id,
    e.incident,
    (e.backslash ? 1 : 0) | (e.tooLarge ? 2 : 0),
    e.runs,
    e.oid,
  ]);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, JSON.stringify({ ...digestHead(version, folder), rows }));
    renameSync(tmp, file);
  } catch {
    // A cache that cannot be written is only a slower next run.
  }
}

/** A file's "too large" depends on the limit: a digest written under another limit is another digest. */
const digestVersion = (digest: DigestPlace, maxBytes: number) => `${digest.version}|max ${maxBytes}`;

/**
 * Is there a digest at `digest.file` of this build, folder and size limit? Reads only its first bytes (the
 * writer puts format, version and folder first), so a host can choose where to answer from without parsing it.
 */
export function digestMatches(digest: DigestPlace, maxBytes: number): boolean {
  const head = JSON.stringify(digestHead(digestVersion(digest, maxBytes), digest.folder)).slice(0, -1);
  const buffer = Buffer.alloc(Buffer.byteLength(head) + 1);
  let fd: number | undefined;
  try {
    fd = openSync(digest.file, 'r');
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.toString('utf8', 0, read) === `${head},`;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const same = (e: Entry, s: { size: number; mtimeMs: number; ctimeMs: number }) => e.size === s.size && e.mtimeMs === s.mtimeMs && e.ctimeMs === s.ctimeMs;

/** How a scan was answered: texts read, and files matched from git's index (git/cleanBlobs.ts) instead. */
export interface DigestReport {
  read: number;
  fromGit: number;
}

/**
 * The scan of `files` (relative to `root`) for `targets`, answered from the digest at `file` where it still
 * describes a file, the rest read (in the pool's workers for many files); the digest brought up to date.
 */
export async function scanWithDigest(
  digest: DigestPlace,
  root: string,
  files: readonly string[],
  targets: readonly string[],
  maxBytes: number,
  pool?: ParsePool,
  report?: DigestReport,
): Promise<ScanResult> {
  // A file's "too large" depends on the limit: a digest written under another limit is another digest.
  const version = digestVersion(digest, maxBytes);
  const stored = readScanDigest(digest.file, version, digest.folder) ?? new Map<string, Entry>();
  const kept = new Map<string, Entry>();
  const answers = new Map<string, boolean>();
  let again: string[] = [];
  const touched = new Map<string, Stats>();
  // A target outside any folder needs the texts: every file is read again (mayLinkFromRuns).
  const question = runsQuestion(targets);
  const keep = (f: string, e: Entry) => {
    kept.set(f, e);
    answers.set(f, e.tooLarge ? false : question!(e));
  };
  for (const f of files) {
    const e = question && stored.get(f);
    const s = e && statSync(path.join(root, f), { throwIfNoEntry: false });
    if (e && s && same(e, s)) keep(f, e);
    else {
      again.push(f);
      // Same size, another time: a checkout or a restored cache, maybe the same text.
      if (e && s && e.oid && e.size === s.size) touched.set(f, s);
    }
  }
  let fromGit = 0;
  if (touched.size >= GIT_MIN) {
    const clean = await cleanBlobOids(root, digest.folder);
    again = again.filter((f) => {
      const e = stored.get(f)!;
      const s = touched.get(f);
      if (!s || !clean || clean.get(f) !== e.oid) return true;
      keep(f, { ...e, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs });
      fromGit++;
      return false;
    });
  }
  if (report) {
    report.read += again.length;
    report.fromGit += fromGit;
  }
  const read: ScanResult =
    again.length >= BULK_MIN && pool?.available ? await pool.scan(root, again, targets, maxBytes, true, true) : scanJob(root, again, targets, maxBytes, true);
  again.forEach((f, i) => {
    const s = read.summaries![i];
    if (s) kept.set(f, { ...s, id: read.ids[i]!, incident: read.incidents[i]! });
    answers.set(f, read.may[i] === 1);
  });
  if (again.length || fromGit || kept.size !== stored.size) writeScanDigest(digest.file, version, digest.folder, kept);
  const at = new Map(again.map((f, i) => [f, i]));
  const pick = <T>(f: string, fromRead: readonly T[], fromEntry: (e: Entry) => T): T => (at.has(f) ? fromRead[at.get(f)!]! : fromEntry(kept.get(f)!));
  return {
    may: Uint8Array.from(files, (f) => (answers.get(f) ? 1 : 0)),
    ids: files.map((f) => pick(f, read.ids, (e) => e.id)),
    incidents: files.map((f) => pick(f, read.incidents, (e) => e.incident)),
  };
}
