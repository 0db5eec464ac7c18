/**
 * Where the edit hook's digest (core/ai/hookDigest.ts) lives and when it may
 * be answered from: a JSON file next to the CLI's parse cache (per user,
 * outside the repository), keyed by every record file's path, size, mtime and
 * ctime (a changed, added, removed or renamed record changes the key), the
 * CLI version and the records folder. Loads neither zod nor yaml: this is the
 * hook's warm path. A missing, damaged or stale digest is a miss, never an error.
 *
 * The file: one line of JSON (the header: key, validity, the links by bucket,
 * and where each incident's view and each file's fix lines sit), then those
 * bodies as JSON, each parsed only when an edit needs it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import type { FixAddedLines, HookIncidentView } from '../core/ai/hookAnswer';
import { isHookDigestHeader, type HookDigest, type HookDigestHeader } from '../core/ai/hookDigest';

/** The CLI's cache of parsed records for a workspace: outside the repository, per user. */
export function cliCacheDir(root: string): string {
  const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(base, 'incident-lens', createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16));
}

export function hookDigestPath(root: string, folder: string): string {
  return path.join(cliCacheDir(root), `hook-digest-${createHash('sha1').update(folder).digest('hex').slice(0, 12)}.json`);
}

/**
 * The records folder as it is on disk: each entry's path (what the index
 * lists: real directories and regular files), and each file's size, mtime
 * and ctime (ctime moves on any write, even one that restores the mtime).
 */
export function recordsKey(root: string, folder: string, version: string): string {
  const hash = createHash('sha1').update(`${version}\0${folder}\0`);
  const walk = (rel: string): void => {
    let entries;
    try {
      entries = readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      hash.update(`missing ${rel}\0`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        hash.update(`d ${child}\0`);
        walk(child);
      } else if (e.isFile()) {
        const s = statSync(path.join(root, child));
        hash.update(`f ${child} ${s.size} ${s.mtimeMs} ${s.ctimeMs}\0`);
      }
    }
  };
  walk(folder.replace(/\/+$/, ''));
  return hash.digest('base64');
}

/** git's refs and reflog as they are: a fetch, pull or commit moves one of them. */
export function gitStamp(gitDir: string): string {
  return ['HEAD', 'FETCH_HEAD', 'packed-refs', 'logs/HEAD']
    .map((f) => {
      try {
        const s = statSync(path.join(gitDir, f), { bigint: true });
        return `${f} ${s.size} ${s.mtimeNs}`;
      } catch {
        return `${f} -`;
      }
    })
    .join(';');
}

type Spans = Record<string, [number, number]>;

interface StoredHeader extends HookDigestHeader {
  readonly views: Spans;
  readonly fixes: Spans;
}

/** The digest as stored: the header line, then each body's JSON at its byte span. */
export function encodeHookDigest(
  header: HookDigestHeader,
  views: Readonly<Record<string, HookIncidentView>>,
  fixes: Readonly<Record<string, readonly FixAddedLines[]>>,
): Buffer {
  const bodies: Buffer[] = [];
  let at = 0;
  const place = (value: unknown): [number, number] => {
    const b = Buffer.from(JSON.stringify(value), 'utf8');
    bodies.push(b);
    at += b.length;
    return [at - b.length, at];
  };
  const viewSpans: Spans = {};
  for (const [id, v] of Object.entries(views)) viewSpans[id] = place(v);
  const fixSpans: Spans = {};
  for (const [file, f] of Object.entries(fixes)) fixSpans[file] = place(f);
  const stored: StoredHeader = { ...header, views: viewSpans, fixes: fixSpans };
  return Buffer.concat([Buffer.from(`${JSON.stringify(stored)}\n`, 'utf8'), ...bodies]);
}

function decodeHookDigest(bytes: Buffer): HookDigest | undefined {
  const nl = bytes.indexOf(10);
  if (nl < 0) return undefined;
  const header: unknown = JSON.parse(bytes.toString('utf8', 0, nl));
  if (!isHookDigestHeader(header)) return undefined;
  const { views, fixes } = header as Partial<StoredHeader>;
  if (!views || !fixes) return undefined;
  const body = <T>(span: [number, number] | undefined): T | undefined => {
    if (!Array.isArray(span)) return undefined;
    try {
      return JSON.parse(bytes.toString('utf8', nl + 1 + span[0], nl + 1 + span[1])) as T;
    } catch {
      return undefined;
    }
  };
  const seen = new Map<string, HookIncidentView | undefined>();
  return {
    header,
    view: (id) => {
      if (!seen.has(id)) seen.set(id, Object.hasOwn(views, id) ? body<HookIncidentView>(views[id]) : undefined);
      return seen.get(id);
    },
    fixLines: (file) => (Object.hasOwn(fixes, file) ? (body<FixAddedLines[]>(fixes[file]) ?? []) : []),
  };
}

/** The digest when it still describes the records (same key), is in date and git has not moved where it mattered; else undefined. */
export function readHookDigest(root: string, folder: string, key: string, now: number): HookDigest | undefined {
  try {
    const digest = decodeHookDigest(readFileSync(hookDigestPath(root, folder)));
    const h = digest?.header;
    if (!digest || !h || h.key !== key) return undefined;
    if ((h.validFrom !== undefined && now < h.validFrom) || (h.validUntil !== undefined && now >= h.validUntil)) return undefined;
    if (h.gitStamp !== undefined && (!h.gitDir || gitStamp(h.gitDir) !== h.gitStamp)) return undefined;
    return digest;
  } catch {
    return undefined;
  }
}

/** Written whole under a new name, then renamed: a reader never sees half a digest. A failure to write is not an error. */
export function writeHookDigest(root: string, folder: string, bytes: Buffer): HookDigest | undefined {
  const file = hookDigestPath(root, folder);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } catch {
    // the next run builds it again
  }
  return decodeHookDigest(bytes);
}
