/**
 * What the index is configured with and hands out: its options, the ports a
 * host plugs in (bulk parsing, the persistent cache), change events, and the
 * orderings and id reading every face shares ("INC-23" is INC-023).
 */
import type { FileStat } from './fileAccess';
import { systemName, type ActionItem, type Incident, type IndexedRecord, type ResolvedAction } from '../records/model';
import type { ParsedFile, ParseOptions } from '../records/parseRecord';
import { priorityRank } from '../records/schema';
import type { Instant } from '../time/recordTime';
export const DEFAULT_INCIDENTS_FOLDER = '.incidents';
export const DEFAULT_RUNBOOK_STALE_DAYS = 90;

/** "Payment service — /api/checkout" and "payment service" name the same system. */
export function systemKey(system: string | undefined): string | undefined {
  return systemName(system)?.toLowerCase();
}

export interface IndexOptions {
  /** Folder of records, relative to the workspace folder. */
  folder?: string;
  maxFileBytes?: number;
  /** Check that linked files and directories exist (one stat per link). */
  checkLinkTargets?: boolean;
  /** Runbooks not verified for longer are flagged (default 90 days; 0 turns it off). */
  runbookStaleAfterDays?: number;
  /** The clock, for staleness (tests pin it). */
  now?: () => number;
  /**
   * Parses many files off the main thread (worker threads in Node hosts),
   * yielding batches. Without it, files are parsed here one at a time.
   */
  bulkParse?: BulkParse;
  /** Stats many files off the main thread (worker threads in Node hosts); else the access's own way. */
  bulkStat?: (paths: readonly string[]) => Promise<Array<FileStat | undefined>>;
  /** A persistent cache of parsed files across loads (warm start). */
  cache?: RecordCache;
  /** After each load, build the search index in the background, in slices (hosts that will search: the extension). */
  prepareSearch?: boolean;
  /** Which links apply to the files this index is asked about (repository-qualified links; record sources). */
  linkScope?: LinkScope;
  /**
   * Read records with the record-head reader (ParseOptions.heads): a file's
   * diagnostics and anchors are computed from its file when first asked
   * for. Needs a FileAccess with readTextSync (else ignored). For the faces
   * that answer from records and links (risk, the pre-push check, the MCP server).
   */
  headsOnly?: boolean;
  /**
   * Heads first (the editor): a load reads what the cache lacks with the
   * record-head reader, so links, the tree and answers come at once, and
   * parses those files in full behind them (IncidentIndex.fullRead), for
   * diagnostics, search and the cache. Needs readTextSync, like headsOnly.
   */
  headsFirst?: boolean;
}

/**
 * The files an index is asked about belong to a repository: links naming one
 * of `repos` apply at `prefix` + the path (the folder's place inside the
 * repository). Links without a repository apply as written unless the records
 * are `foreign` (read from another repository, a record source): theirs point
 * into that repository.
 */
export interface LinkScope {
  readonly repos: readonly string[];
  readonly prefix: string;
  readonly foreign?: boolean;
}

export type BulkParse = (paths: readonly string[], options: ParseOptions) => AsyncIterable<ParsedFile[]>;

/** What a cache needs to know about a file to trust an entry: its identity on disk. */
export interface CacheKey {
  readonly size: number;
  readonly mtimeMs: number;
}

export interface RecordCache {
  /**
   * Parsed files still valid for their keys on disk (by identity, else by
   * content hash); the rest must be parsed. The keys arrive while the cache
   * reads (the stats run alongside), files missing from them are misses.
   */
  lookup(paths: readonly string[], keys: Promise<ReadonlyMap<string, CacheKey>>, options: ParseOptions): Promise<Map<string, ParsedFile>>;
  /** Stores the result of a full load (only what changed is rewritten). */
  store(files: ReadonlyArray<{ path: string; key: CacheKey; parsed: ParsedFile }>, options: ParseOptions): Promise<void>;
}

/** Lets the event loop run between slices of main-thread work. */
export const yieldToLoop = () => new Promise<void>((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
/** Main-thread work runs in slices this long: with a garbage-collection pause on top, still well under 50 ms. */
export const SLICE_MS = 8;
/** Fewer files than this are parsed here, without starting workers. */
export const BULK_MIN = 100;

export interface IndexChange {
  /** Files whose records were added, changed or removed. */
  readonly files: readonly string[];
}

export type Listener = (change: IndexChange) => void;

/** An open action, inline in an incident or as its own record. */
export type OpenAction =
  | { readonly source: 'inline'; readonly incident: Incident; readonly item: ResolvedAction; readonly deadline?: Instant; readonly overdue: boolean }
  | { readonly source: 'record'; readonly incident?: Incident; readonly item: ActionItem; readonly deadline?: Instant; readonly overdue: boolean };

export function incidentNumber(id: string): number {
  const m = /(\d+)/.exec(id);
  return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
}

export function byId(a: IndexedRecord, b: IndexedRecord): number {
  return incidentNumber(a.id) - incidentNumber(b.id) || a.id.localeCompare(b.id, undefined, { numeric: true });
}

/**
 * Sorted as byId sorts, each id's number read once: byId reads both numbers
 * with a regular expression at every comparison, 13 ms for 10,000 incidents
 * in one block (4-6 ms this way), in the first list after a load, often the
 * search index build's first slice.
 */
export function sortedById<T extends IndexedRecord>(records: T[]): T[] {
  const keyed = records.map((record) => ({ record, n: incidentNumber(record.id) }));
  keyed.sort((a, b) => a.n - b.n || a.record.id.localeCompare(b.record.id, undefined, { numeric: true }));
  return keyed.map((k) => k.record);
}

/** Action records by the incident each names, in the order given (id order): one pass, not one filter per incident. */
export function actionsByIncident(actions: readonly ActionItem[]): Map<string, ActionItem[]> {
  const out = new Map<string, ActionItem[]>();
  for (const a of actions) {
    const list = out.get(a.record.incident);
    if (list) list.push(a);
    else out.set(a.record.incident, [a]);
  }
  return out;
}

/** Most severe first, then most recent. */
export function bySeverityThenRecency(a: Incident, b: Incident): number {
  return priorityRank(a.head.priority) - priorityRank(b.head.priority) || (b.start?.ms ?? 0) - (a.start?.ms ?? 0);
}
