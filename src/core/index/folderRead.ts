/**
 * Reading one folder of records for the index (incidentIndex.ts): the bulk
 * load (the cache first, then the workers, then this thread, in slices), the
 * stats that key the cache and check link targets, one file read and parsed
 * (by the record-head reader where the index reads heads), and a head read's
 * diagnostics computed from its file when first asked for.
 */
import { missingLinkTargets, type LinkTargetFinding } from './crossRecordChecks';
import type { FileAccess, FileStat } from './fileAccess';
import { BULK_MIN, SLICE_MS, yieldToLoop, type CacheKey, type IndexOptions } from './indexTypes';
import { LinkIndex, linkKind, normalizePath } from '../links/linkIndex';
import { readRecordHead } from '../records/recordHead';
import { DEFAULT_MAX_FILE_BYTES, parseRecordText, tooLargeRecord, type ParsedFile, type ParseOptions } from '../records/parseRecord';

/** What reading needs of the index: its files, options and which paths it owns. */
export interface FolderReader {
  readonly access: FileAccess;
  readonly options: IndexOptions;
  readonly folder: string;
  owns(path: string): boolean;
}

/** A folder read in full, ready to be swapped into the index in one step. */
export interface FolderRead {
  readonly paths: string[];
  readonly parsed: ParsedFile[];
  readonly files: Map<string, ParsedFile>;
  readonly links: LinkIndex;
  readonly missing: Map<string, LinkTargetFinding[]>;
  /** How many files were parsed now (not taken from the cache). */
  readonly parsedNow: number;
  /** Every file read, with its cache key: what the cache stores when anything was parsed. */
  readonly keyed: Array<{ path: string; key: CacheKey; parsed: ParsedFile }>;
}

/** The parse options of an index: heads only where asked for and the host can read a file again synchronously. */
export function parseOptionsOf(r: FolderReader): ParseOptions {
  return r.options.headsOnly && r.access.readTextSync ? { maxFileBytes: r.options.maxFileBytes, heads: true } : { maxFileBytes: r.options.maxFileBytes };
}

/**
 * Every record under the folder. Parsing runs in the bulk parser when there
 * is one, main-thread work in slices of ~8 ms.
 */
export async function readFolder(r: FolderReader): Promise<FolderRead> {
  const paths = (await r.access.listFiles(r.folder)).filter((p) => r.owns(p));
  const cache = r.options.cache;
  const options = parseOptionsOf(r);
  // The files' stats (in the workers on big folders) run while the cache reads what it has.
  const keysPromise = cache ? statAll(r, paths) : Promise.resolve(new Map<string, CacheKey>());
  const cached = cache ? await cache.lookup(paths, keysPromise, options) : new Map<string, ParsedFile>();
  const keys = await keysPromise;
  const parsed: ParsedFile[] = [];
  const files = new Map<string, ParsedFile>();
  const links = new LinkIndex();
  let slice = performance.now();
  const take = async (read: ParsedFile) => {
    const p = withLazyDiagnostics(r, read);
    parsed.push(p);
    files.set(p.file, p);
    if (p.record) links.add(p.record);
    if (performance.now() - slice > SLICE_MS) {
      await yieldToLoop();
      slice = performance.now();
    }
  };
  const toParse: string[] = [];
  for (const path of paths) {
    const hit = cached.get(path);
    if (hit) await take(hit);
    else toParse.push(path);
  }
  await parseFiles(r, toParse, take);
  const missing = new Map<string, LinkTargetFinding[]>();
  if (r.options.checkLinkTargets) await checkAllLinkTargets(r, parsed, missing);
  const keyed = parsed.filter((p) => keys.has(p.file)).map((p) => ({ path: p.file, key: keys.get(p.file)!, parsed: p }));
  return { paths, parsed, files, links, missing, parsedNow: toParse.length, keyed };
}

/**
 * Parses these files with the reader's options and hands each to `take`:
 * in the bulk parser (workers) on big folders, what it did not deliver on
 * this thread; a file gone meanwhile is left out.
 */
export async function parseFiles(r: FolderReader, paths: readonly string[], take: (p: ParsedFile) => Promise<void>): Promise<void> {
  const done = new Set<string>();
  const give = async (p: ParsedFile) => {
    done.add(p.file);
    await take(p);
  };
  // Workers pay for themselves on big folders only (starting them costs ~0.1 s).
  if (r.options.bulkParse && paths.length >= BULK_MIN) {
    try {
      for await (const batch of r.options.bulkParse(paths, parseOptionsOf(r))) for (const p of batch) await give(p);
    } catch {
      // Workers unavailable or failed: what they did not deliver is parsed below, on this thread.
    }
  }
  for (const path of paths) {
    if (done.has(path)) continue;
    const read = await readAndParse(r, path);
    if (read) await give(read);
  }
}

/** Size and mtime of each file, as cache keys. */
async function statAll(r: FolderReader, paths: readonly string[]): Promise<Map<string, CacheKey>> {
  const out = new Map<string, CacheKey>();
  (await statMany(r, paths)).forEach((s, i) => s && out.set(paths[i]!, { size: s.size, mtimeMs: s.mtimeMs }));
  return out;
}

/** Workers for many paths, else the host's fast path when it has one, else a few hundred `stat`s at a time. */
export async function statMany(r: FolderReader, paths: readonly string[]): Promise<Array<FileStat | undefined>> {
  if (r.options.bulkStat && paths.length >= BULK_MIN) {
    try {
      return await r.options.bulkStat(paths);
    } catch {
      // workers failed: below
    }
  }
  if (r.access.statMany) return r.access.statMany(paths);
  const out: Array<FileStat | undefined> = [];
  for (let i = 0; i < paths.length; i += 256) out.push(...(await Promise.all(paths.slice(i, i + 256).map((p) => r.access.stat(p)))));
  return out;
}

/** One stat per distinct linked path (not per link), all at once (workers or the host's fast path). */
export async function checkAllLinkTargets(r: FolderReader, parsed: readonly ParsedFile[], into: Map<string, LinkTargetFinding[]>): Promise<void> {
  const targets = new Set<string>();
  let slice = performance.now();
  for (const p of parsed) {
    for (const link of p.record?.links ?? []) {
      if (link.repo !== undefined || r.options.linkScope?.foreign) continue;
      const path = normalizePath(link.path);
      const kind = linkKind(path);
      if (kind !== 'glob') targets.add(kind === 'directory' ? path.replace(/\/+$/, '') : path);
    }
    if (performance.now() - slice > SLICE_MS) {
      await yieldToLoop();
      slice = performance.now();
    }
  }
  const list = [...targets];
  const exists = new Map<string, boolean>();
  (await statMany(r, list)).forEach((s, i) => exists.set(list[i]!, !!s));
  slice = performance.now();
  for (const p of parsed) {
    await checkLinkTargets(r, p, into, exists);
    if (performance.now() - slice > SLICE_MS) {
      await yieldToLoop();
      slice = performance.now();
    }
  }
}

/** Every file's missing link targets again (files were created, deleted or renamed), with the files whose findings changed. */
export async function recheckAllLinkTargets(
  r: FolderReader,
  parsed: readonly ParsedFile[],
  before: ReadonlyMap<string, LinkTargetFinding[]>,
): Promise<{ fresh: Map<string, LinkTargetFinding[]>; changed: string[] }> {
  // One stat per distinct target, the checks in slices: this runs whenever files are created or deleted.
  const fresh = new Map<string, LinkTargetFinding[]>();
  await checkAllLinkTargets(r, parsed, fresh);
  const changed: string[] = [];
  for (const file of new Set([...before.keys(), ...fresh.keys()])) {
    if (JSON.stringify(before.get(file) ?? []) !== JSON.stringify(fresh.get(file) ?? [])) changed.push(file);
  }
  return { fresh, changed };
}

/** The file's links to files that do not exist, into `into` (or none). */
export async function checkLinkTargets(
  r: FolderReader,
  parsed: ParsedFile,
  into: Map<string, LinkTargetFinding[]>,
  known?: ReadonlyMap<string, boolean>,
): Promise<void> {
  const found = await missingLinkTargets(parsed, !!r.options.linkScope?.foreign, (paths) => statMany(r, paths), known);
  if (found.length) into.set(parsed.file, found);
  else into.delete(parsed.file);
}

/** A record file, parsed; one over the size limit is reported from its size, never read whole. Undefined: gone. */
export async function readAndParse(r: FolderReader, path: string): Promise<ParsedFile | undefined> {
  const max = r.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let read: { text: string } | { tooLarge: number };
  try {
    if (r.access.readTextUpTo) read = await r.access.readTextUpTo(path, max);
    else {
      const st = await r.access.stat(path);
      if (!st) return undefined;
      read = st.size > max ? { tooLarge: st.size } : { text: await r.access.readFile(path) };
    }
  } catch {
    return undefined;
  }
  const options = parseOptionsOf(r);
  if (!('text' in read)) return tooLargeRecord(path, read.tooLarge, options);
  return (options.heads && readRecordHead(path, read.text, options)) || parseRecordText(path, read.text, options);
}

/**
 * A head read (no diagnostics, no anchors) whose diagnostics and anchors
 * are those of the full parser, computed from its file when first asked
 * for; its record stays the one read (equal, by the differential test).
 */
export function withLazyDiagnostics(r: FolderReader, p: ParsedFile): ParsedFile {
  const readSync = r.access.readTextSync?.bind(r.access);
  if (!p.headsOnly || !readSync) return p;
  const options = { maxFileBytes: r.options.maxFileBytes };
  let full: ParsedFile | undefined;
  const parse = (): ParsedFile => {
    if (full) return full;
    try {
      full = parseRecordText(p.file, readSync(p.file, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES), options);
    } catch {
      full = p; // gone or grown past the limit since: no diagnostics to give
    }
    return full;
  };
  const { file, kind, record, yamlBroken, contentHash } = p;
  return {
    file,
    kind,
    record,
    yamlBroken,
    contentHash,
    headsOnly: true,
    get diagnostics() {
      return parse().diagnostics;
    },
    get anchors() {
      return parse().anchors;
    },
  };
}
