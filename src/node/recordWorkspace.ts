/**
 * One record workspace for every face (extension, CLI, MCP server): a folder
 * of records with its record sources, the repository's link scope, the parse
 * pool and the persistent load cache (loadCache.ts). The faces differ only in
 * what they inject: the extension its VS Code watchers (and its own source
 * approval, trust rules and file access for remote folders), the MCP server a
 * poll-before-answer sync, the CLI nothing.
 */
import * as path from 'node:path';
import { IncidentIndex, type IndexOptions, type LinkScope } from '../core/index/incidentIndex';
import type { Incident } from '../core/records/model';
import type { SourceEntry } from '../core/index/recordSources';
import { repoScope } from './git/repoScope';
import { cleanBlobOids } from './git/cleanBlobs';
import { LoadCache } from './loadCache';
import { NodeFileAccess } from './nodeFileAccess';
import { ParsePool } from './parsePool';
import { resolveSources } from './sources';

/** Where a host keeps its caches and which build wrote them (a new build never trusts an older cache). */
import { folderCacheDir, type CacheSettings } from './cacheDir';

// Where the cache lives and which build it belongs to: cacheDir.ts (importers may take them from here).
export { buildVersion, commandLineCacheDir, folderCacheDir, sharedCache, type CacheSettings } from './cacheDir';

export interface RecordIndexOptions extends Omit<IndexOptions, 'folder' | 'bulkParse' | 'bulkStat' | 'cache'> {
  /** Folder of records, relative to root. */
  readonly folder: string;
  readonly pool?: ParsePool;
  readonly cache?: CacheSettings;
  /** What names this folder in the cache (default: its absolute path); the extension passes its folder URI. */
  readonly cacheKey?: string;
}

export interface RecordFolder {
  readonly name: string;
  /** Absolute path of the folder the records' paths are relative to. */
  readonly root: string;
  readonly index: IncidentIndex;
  readonly access: NodeFileAccess;
  /** A record source (another repository's records), not the workspace's own. */
  readonly source: boolean;
}

/** Watching a folder's records for changes, injected by the face; called before the folder's first load. */
export type WatchPort = (folder: RecordFolder) => { dispose(): void } | Promise<{ dispose(): void }>;

/** An index of a local records folder, read with Node's fs, parsed in the pool, cached in the cache (not loaded yet). */
export function recordIndex(root: string, options: RecordIndexOptions): { index: IncidentIndex; access: NodeFileAccess } {
  const { pool, cache, cacheKey, ...indexOptions } = options;
  const access = new NodeFileAccess(root);
  const usePool = pool?.available ? pool : undefined;
  const index = new IncidentIndex(access, {
    ...indexOptions,
    bulkParse: usePool ? (paths, o) => usePool.parse(root, paths, o) : undefined,
    bulkStat: usePool ? (paths) => usePool.stat(root, paths) : undefined,
    cache: cache
      ? new LoadCache(
          folderCacheDir(cache.dir, cacheKey ?? root, options.folder),
          cache.version,
          (p) => access.readFile(p),
          (p, max) => access.readTextSync(p, max),
          () => cleanBlobOids(root, options.folder),
        )
      : undefined,
  });
  return { index, access };
}

/** Same incident, written another way: exact (any case) first, then the same number (INC-23, inc023 for INC-023). */
export function findIncident(folders: readonly RecordFolder[], id: string): { folder: RecordFolder; incident: Incident } | undefined {
  for (const folder of folders) {
    const incident = folder.index.incident(id.trim());
    if (incident) return { folder, incident };
  }
  for (const folder of folders) {
    const incident = folder.index.incidentWrittenAs(id);
    if (incident) return { folder, incident };
  }
  return undefined;
}

export interface OpenOptions {
  /** Folder of records, relative to root. */
  readonly folder: string;
  readonly now: () => number;
  /** Record sources beyond the workspace's .incident-lens.yaml (--source). */
  readonly extraSources?: readonly SourceEntry[];
  /** Read the record sources (default true); the own folder only when false. */
  readonly withSources?: boolean;
  readonly cache?: CacheSettings;
  readonly checkLinkTargets?: boolean;
  readonly watch?: WatchPort;
  /** A missing source, a config that cannot be read: never a failure. */
  readonly warn?: (message: string) => void;
  /** Worker file of the parse pool (default: beside this bundle). */
  readonly workerFile?: string;
  /** Read records with the record-head reader (IndexOptions.headsOnly): for faces that answer from records and links. */
  readonly headsOnly?: boolean;
}

/** A workspace folder and its record sources, loaded; the faces read through it. */
export class RecordWorkspace {
  private constructor(
    readonly root: string,
    readonly folders: readonly RecordFolder[],
    readonly scope: LinkScope | undefined,
    private readonly watchers: ReadonlyArray<{ dispose(): void }>,
  ) {}

  get own(): RecordFolder {
    return this.folders[0]!;
  }

  get sources(): RecordFolder[] {
    return this.folders.slice(1);
  }

  get indexes(): IncidentIndex[] {
    return this.folders.map((f) => f.index);
  }

  incidents(): Incident[] {
    return this.indexes.flatMap((i) => i.incidents());
  }

  findIncident(id: string): { folder: RecordFolder; incident: Incident } | undefined {
    return findIncident(this.folders, id);
  }

  /** Waits for the cache writes of the loads (a process about to exit must, or the cache is lost). */
  async settled(): Promise<void> {
    await Promise.all(this.indexes.map((i) => i.cacheWrite));
  }

  dispose(): void {
    for (const w of this.watchers) w.dispose();
  }

  static async open(root: string, options: OpenOptions): Promise<RecordWorkspace> {
    const abs = path.resolve(root);
    const pool = new ParsePool(options.workerFile);
    const watchers: Array<{ dispose(): void }> = [];
    try {
      const scope = options.withSources === false && !options.extraSources?.length ? undefined : await repoScope(abs);
      const base = { now: options.now, pool, cache: options.cache, headsOnly: options.headsOnly };
      const open = async (name: string, dir: string, folder: string, more: Partial<RecordIndexOptions>, source: boolean): Promise<RecordFolder> => {
        const { index, access } = recordIndex(dir, { ...base, folder, ...more });
        const opened: RecordFolder = { name, root: dir, index, access, source };
        if (options.watch) watchers.push(await options.watch(opened));
        await index.load();
        return opened;
      };
      const own = await open('workspace', abs, options.folder, { checkLinkTargets: options.checkLinkTargets, ...(scope ? { linkScope: scope } : {}) }, false);
      const folders = [own];
      if (options.withSources !== false) {
        const { sources, warnings } = resolveSources(abs, options.extraSources ?? []);
        for (const w of warnings) options.warn?.(w);
        // The sources' own links point into their repository, not this one; qualified links apply here.
        const foreign: LinkScope = { repos: scope?.repos ?? [], prefix: scope?.prefix ?? '', foreign: true };
        for (const s of sources) folders.push(await open(s.name, s.root, s.folder, { linkScope: foreign }, true));
      }
      return new RecordWorkspace(abs, folders, scope, watchers);
    } catch (err) {
      for (const w of watchers) w.dispose();
      throw err;
    } finally {
      void pool.dispose();
    }
  }
}
