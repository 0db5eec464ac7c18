/**
 * `risk FILE…` without reading every record (issue 29: ≤ 5 s cold and ≤ 1 s
 * warm at 10,000 records). One raw-text scan of the records folder in the
 * parse workers (earlyScan.ts, core/links/mayLink.ts) keeps the records that
 * may link the files, and earlyLinks adds what a risk assessment reads besides
 * them (runbooks, the linking incidents' action records); only those are
 * parsed. The workspace's own folder and its record
 * sources each get such an index, with the link scopes a full open gives them
 * (recordWorkspace.ts), so the report equals the full read's
 * (test/unit/node/focusedRecords.test.ts proves it on the demo, the fixtures,
 * a generated workspace and hostile records).
 *
 * With the shared cache, the scan keeps a digest of what it read of each file
 * (scanDigest.ts), keyed by the file's size, mtime and ctime: a later run
 * reads again only the files that changed, so a changed, added or removed
 * record is always read as it is. Undefined (the
 * caller reads every record) where the scan cannot answer: a missing records
 * folder (the full open's error says why), no parse workers, or more files
 * than a scan should look for at once.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { IncidentIndex, LinkScope } from '../core/index/incidentIndex';
import type { SourceEntry } from '../core/index/recordSources';
import type { CacheSettings } from './cacheDir';
import { earlyLinks, type Scanner } from './earlyLinks';
import { digestMatches, digestPlace, scanWithDigest } from './scanDigest';
import { DEFAULT_MAX_FILE_BYTES } from '../core/records/parseRecord';
import { repoScope } from './git/repoScope';
import { ParsePool } from './parsePool';
import { resolveSources } from './sources';

/** More files than this and the scan's per-file work (each target searched in every record) is no longer small: read everything. */
export const FOCUS_MAX_FILES = 32;

export interface FocusOptions {
  /** Folder of records, relative to root. */
  readonly folder: string;
  readonly extraSources?: readonly SourceEntry[];
  readonly warn?: (message: string) => void;
  /** Worker file of the parse pool (default: beside this bundle). */
  readonly workerFile?: string;
  /** The shared cache (cacheDir.ts): where the scan's digest is kept (scanDigest.ts); none: every file read. */
  readonly cache?: CacheSettings;
}

/** The own folder's index and its record sources', each holding what a risk assessment of `files` reads; undefined: read everything. */
export async function focusedIndexes(root: string, files: readonly string[], options: FocusOptions): Promise<IncidentIndex[] | undefined> {
  if (!files.length || files.length > FOCUS_MAX_FILES) return undefined;
  const abs = path.resolve(root);
  if (!existsSync(path.join(abs, options.folder))) return undefined;
  const pool = new ParsePool(options.workerFile);
  // The workers boot while git answers and the folder is listed, unless a digest will answer for most files.
  if (!options.cache || !digestMatches(digestPlace(options.cache, abs, options.folder), DEFAULT_MAX_FILE_BYTES)) pool.warm();
  try {
    const scoped = repoScope(abs);
    scoped.catch(() => undefined); // awaited below; never an unhandled rejection if the listing fails first
    const focus = async (dir: string, folder: string, linkScope: LinkScope | undefined | Promise<LinkScope | undefined>) => {
      const digest = options.cache && digestPlace(options.cache, dir, folder);
      const scanner: Scanner | undefined = digest && ((all, targets, max) => scanWithDigest(digest, dir, all, targets, max, pool));
      return (await earlyLinks(dir, { folder }, files, linkScope, pool, { forRisk: true, scanner }))?.index;
    };
    const own = await focus(abs, options.folder, scoped);
    const scope = await scoped;
    if (!own) return undefined;
    const indexes = [own];
    const { sources, warnings } = resolveSources(abs, options.extraSources ?? []);
    for (const w of warnings) options.warn?.(w);
    // The sources' own links point into their repository, not this one; qualified links apply here.
    const foreign: LinkScope = { repos: scope?.repos ?? [], prefix: scope?.prefix ?? '', foreign: true };
    for (const s of sources) {
      const index = await focus(s.root, s.folder, foreign);
      if (!index) return undefined;
      indexes.push(index);
    }
    return indexes;
  } finally {
    void pool.dispose();
  }
}
