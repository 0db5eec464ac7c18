/**
 * The full read behind a heads-first load (IndexOptions.headsFirst): the
 * files read as heads, parsed in full, merged into the index's files in one
 * step. A file changed since the full read began (an edit, a save, a delete)
 * keeps its newer state; the link index is rebuilt in slices.
 */
import { LinkIndex } from '../links/linkIndex';
import type { ParsedFile } from '../records/parseRecord';
import { parseFiles, type FolderRead, type FolderReader } from './folderRead';
import { SLICE_MS, yieldToLoop } from './indexTypes';

export type KeyedFiles = FolderRead['keyed'];

/** The files parsed in full (workers on big folders); what could not be read is left out, never an error. */
export async function parseInFull(r: FolderReader, paths: readonly string[]): Promise<Map<string, ParsedFile>> {
  const full = new Map<string, ParsedFile>();
  await parseFiles(r, paths, async (p) => void full.set(p.file, p)).catch(() => undefined);
  return full;
}

export interface MergedRead {
  readonly files: Map<string, ParsedFile>;
  readonly links: LinkIndex;
  /** The files whose full parse replaced their head read. */
  readonly changed: string[];
  /** Those files with the keys the load read them under: what the cache stores. */
  readonly keyed: FolderRead['keyed'];
}

export async function mergeFullRead(
  current: ReadonlyMap<string, ParsedFile>,
  full: ReadonlyMap<string, ParsedFile>,
  touched: ReadonlySet<string>,
  keyed: FolderRead['keyed'],
): Promise<MergedRead> {
  const files = new Map(current);
  const changed = [...full.keys()].filter((path) => !touched.has(path) && files.get(path)?.headsOnly);
  for (const path of changed) files.set(path, full.get(path)!);
  const links = new LinkIndex();
  let slice = performance.now();
  for (const f of files.values()) {
    if (f.record) links.add(f.record);
    if (performance.now() - slice > SLICE_MS) {
      await yieldToLoop();
      slice = performance.now();
    }
  }
  const replaced = new Set(changed);
  return { files, links, changed, keyed: keyed.filter((k) => replaced.has(k.path)).map((k) => ({ ...k, parsed: full.get(k.path)! })) };
}
