/**
 * Where the edit hook's digest (core/ai/hookDigest.ts) lives and when it may
 * be answered from: a JSON file next to the CLI's parse cache (per user,
 * outside the repository), keyed by every record file's path, size, mtime and
 * ctime (a changed, added, removed or renamed record changes the key), the
 * CLI version and the records folder. Loads neither zod nor yaml: this is the
 * hook's warm path. A missing, damaged or stale digest is a miss, never an error.
 *
 * The file: one line of JSON (the header: key, validity, and where each part
 * of the three maps sits), then the parts as JSON. A map (the links by bucket,
 * the incidents' views, the fix lines by file) is split into parts by its keys
 * (digestPart), so an edit parses the header and only the few parts its keys
 * fall in: at 1,000 incidents the header is a few KB, where a header holding
 * every link was 465 KB and its parse alone took 15-60 ms of each hook run.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import type { FixAddedLines, HookIncidentView } from '../core/ai/hookAnswer';
import { digestPart, isHookDigestHeader, type HookDigest, type HookDigestHeader, type HookDigestLink } from '../core/ai/hookDigest';

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
 * One `stat` per record file is the floor of this check; the rest is kept
 * to one string and one array of numbers, hashed once (it runs before every
 * edit, mostly in V8's interpreter).
 */
export function recordsKey(root: string, folder: string, version: string): string {
  const names: string[] = [`${version}\0${folder}`];
  const numbers: number[] = [];
  const base = root.endsWith(path.sep) ? root : root + path.sep;
  const walk = (rel: string): void => {
    let entries;
    try {
      entries = readdirSync(base + rel, { withFileTypes: true });
    } catch {
      names.push(`missing ${rel}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        names.push(`d ${child}`);
        walk(child);
      } else if (e.isFile()) {
        const s = statSync(base + child, { throwIfNoEntry: false });
        names.push(s ? `f ${child}` : `gone ${child}`);
        if (s) numbers.push(s.size, s.mtimeMs, s.ctimeMs);
      }
    }
  };
  walk(folder.replace(/\/+$/, ''));
  return createHash('sha1')
    .update(names.join('\0'))
    .update(new Uint8Array(Float64Array.from(numbers).buffer))
    .digest('base64');
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

type Span = [number, number];

/** The three maps, each as the spans of its parts. */
interface StoredHeader extends HookDigestHeader {
  readonly parts: { readonly links: Span[]; readonly views: Span[]; readonly fixes: Span[] };
}

/** About this many entries to a part (a view is a few KB of quoted text; a link or a file's fix lines far less). */
const PART_SIZE = { links: 32, views: 4, fixes: 16 } as const;

/** The digest as stored: the header line, then each part's JSON at its byte span. */
export function encodeHookDigest(
  header: HookDigestHeader,
  links: Readonly<Record<string, readonly HookDigestLink[]>>,
  views: Readonly<Record<string, HookIncidentView>>,
  fixes: Readonly<Record<string, readonly FixAddedLines[]>>,
): Buffer {
  const bodies: Buffer[] = [];
  let at = 0;
  const store = (map: Readonly<Record<string, unknown>>, size: number): Span[] => {
    const keys = Object.keys(map);
    const parts: Array<Record<string, unknown>> = Array.from(
      { length: Math.max(1, Math.ceil(keys.length / size)) },
      () => Object.create(null) as Record<string, unknown>,
    );
    for (const k of keys) parts[digestPart(k, parts.length)]![k] = map[k];
    return parts.map((part) => {
      const b = Buffer.from(JSON.stringify(part), 'utf8');
      bodies.push(b);
      at += b.length;
      return [at - b.length, at];
    });
  };
  const parts = { links: store(links, PART_SIZE.links), views: store(views, PART_SIZE.views), fixes: store(fixes, PART_SIZE.fixes) };
  const stored: StoredHeader = { ...header, parts };
  return Buffer.concat([Buffer.from(`${JSON.stringify(stored)}\n`, 'utf8'), ...bodies]);
}

function decodeHookDigest(bytes: Buffer): HookDigest | undefined {
  const nl = bytes.indexOf(10);
  if (nl < 0) return undefined;
  const header: unknown = JSON.parse(bytes.toString('utf8', 0, nl));
  if (!isHookDigestHeader(header)) return undefined;
  const { parts } = header as Partial<StoredHeader>;
  if (!parts || ![parts.links, parts.views, parts.fixes].every((p) => Array.isArray(p) && p.length > 0)) return undefined;
  const parsed = new Map<Span, Record<string, unknown>>();
  /** The entry of `key` in a map, parsing only its part (once); a damaged part reads as empty. */
  const entry = <T>(spans: Span[], key: string): T | undefined => {
    const span = spans[digestPart(key, spans.length)]!;
    let part = parsed.get(span);
    if (!part) {
      try {
        const value: unknown = Array.isArray(span) ? JSON.parse(bytes.toString('utf8', nl + 1 + span[0], nl + 1 + span[1])) : undefined;
        part = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
      } catch {
        part = {};
      }
      parsed.set(span, part);
    }
    return Object.hasOwn(part, key) ? (part[key] as T) : undefined;
  };
  return {
    header,
    links: (bucket) => entry<HookDigestLink[]>(parts.links, bucket) ?? [],
    view: (id) => entry<HookIncidentView>(parts.views, id),
    fixLines: (file) => entry<FixAddedLines[]>(parts.fixes, file) ?? [],
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
