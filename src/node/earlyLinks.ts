/**
 * The first CodeLens of a cold start (issue 29: "what the person is looking
 * at comes first"): before the folder's load has read every record, a small
 * index of only the records that may link the opened files (earlyScan.ts,
 * core/links/mayLink.ts) and the records their action items name. For those
 * files it answers as the full index will: every record that links them is in
 * it (the scan never leaves one out, by the differential test), and so is
 * every record an action item's incident id can resolve to.
 */
import { IncidentIndex, BULK_MIN, type IndexOptions, type LinkScope } from '../core/index/incidentIndex';
import type { FileAccess } from '../core/index/fileAccess';
import { DEFAULT_MAX_FILE_BYTES } from '../core/records/parseRecord';
import { scanJob, type ScanResult } from './earlyScan';
import { NodeFileAccess } from './nodeFileAccess';
import type { ParsePool } from './parsePool';

/** A scan of the folder's files for the targets, as scanJob answers it. */
export type Scanner = (files: readonly string[], targets: readonly string[], maxBytes: number) => Promise<ScanResult>;

export interface EarlyLinks {
  /** The workspace-relative files it answers for. */
  readonly paths: readonly string[];
  readonly index: IncidentIndex;
  /** How many of the folder's records it read in full. */
  readonly records: number;
  readonly of: number;
}

/** The files this index reads: only the chosen ones (the rest of the access is the folder's). */
function only(access: FileAccess, chosen: ReadonlySet<string>): FileAccess {
  // Object.create keeps every method of the host's access (sync reads, bounded reads) with one listing replaced.
  return Object.assign(Object.create(access) as FileAccess, { listFiles: async () => [...chosen].sort() });
}

async function loaded(access: FileAccess, options: IndexOptions, chosen: ReadonlySet<string>): Promise<IncidentIndex> {
  // The record-head reader (records without building yaml documents); a record's anchors and diagnostics are the full
  // parser's, computed from its file when first asked for (folderRead.ts, withLazyDiagnostics).
  const index = new IncidentIndex(only(access, chosen), {
    folder: options.folder,
    maxFileBytes: options.maxFileBytes,
    linkScope: options.linkScope,
    headsOnly: true,
  });
  await index.load();
  return index;
}

/** Reads the files added to the chosen ones since the index was loaded, each parsed once (a reload would parse every chosen file again). */
async function readAdded(index: IncidentIndex, added: readonly string[]): Promise<void> {
  for (const f of added) await index.refreshFile(f);
}

/**
 * The records of `root`/`options.folder` that may link any of `paths`, loaded (on this thread: a few records).
 * The scan of a big folder runs in the pool's workers ahead of any job queued after it; without workers there is
 * no early answer for a big folder (undefined).
 *
 * `scanner`: how the folder is scanned instead (the focused read's digest, scanDigest.ts); same answers.
 * `forRisk`: also every record a risk assessment of those files reads besides the links (assessRisk, and
 * runbooksForIncident): every runbook and every record whose id the text does not give plainly, and every
 * action record of an incident that links them (it may name a runbook). A duplicate id changes nothing here:
 * the index keeps each record, and links are looked up per record.
 */
export async function earlyLinks(
  root: string,
  options: IndexOptions & { readonly folder: string },
  paths: readonly string[],
  /** A promise is awaited once the folder is listed (git answers meanwhile). */
  scopeOrPromise: LinkScope | undefined | Promise<LinkScope | undefined>,
  pool?: ParsePool,
  how: { readonly forRisk?: boolean; readonly scanner?: Scanner } = {},
): Promise<EarlyLinks | undefined> {
  const forRisk = how.forRisk ?? false;
  const access = new NodeFileAccess(root);
  const probe = new IncidentIndex(access, options);
  const files = (await access.listFiles(probe.folder)).filter((p) => probe.owns(p));
  const scope = await scopeOrPromise;
  const targets = [...paths, ...(scope?.repos.length ? paths.map((p) => `${scope.prefix}${p}`) : [])];
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  // A big folder is scanned in the workers only: on this thread, reading every record would block it.
  if (files.length >= BULK_MIN && !pool?.available) return undefined;
  const scan: ScanResult = how.scanner
    ? await how.scanner(files, targets, max)
    : files.length >= BULK_MIN
      ? await pool!.scan(root, files, targets, max, true)
      : scanJob(root, files, targets, max);
  const chosen = new Set(files.filter((_, i) => scan.may[i] || (forRisk && (scan.ids[i] === null || scan.ids[i]!.startsWith('RB-')))));
  const withScope = { ...options, linkScope: scope };
  const index = await loaded(access, withScope, chosen);
  const add = (pick: (i: number) => boolean) => {
    const added = files.filter((f, i) => !chosen.has(f) && pick(i));
    for (const f of added) chosen.add(f);
    return readAdded(index, added);
  };
  // An action item's link shows its incident: every record that id can name (by id, any case; ids the scan could not read too).
  const wanted = new Set(index.actionRecords().map((a) => a.record.incident.toUpperCase()));
  if (wanted.size) await add((i) => scan.ids[i] === null || wanted.has(scan.ids[i]!));
  if (forRisk) {
    const touched = new Set(index.incidents().map((i) => i.id));
    await add((i) => (scan.incidents[i] === null ? !!scan.ids[i]?.startsWith('ACTION-') : touched.has(scan.incidents[i]!)));
  }
  return { paths, index, records: chosen.size, of: files.length };
}
