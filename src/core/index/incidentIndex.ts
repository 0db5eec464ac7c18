/**
 * IncidentIndex: every record of one workspace folder, parsed once, updated
 * one file at a time, answering the questions the views, providers and CLI ask.
 */
import { compareDiagnostics, type RecordDiagnostic } from '../records/diagnostics';
import { crossRecordDiagnostics, linkTargetDiagnostic, recordsById, type LinkTargetFinding } from './crossRecordChecks';
import { checkLinkTargets, parseOptionsOf, readAndParse, readFolder, recheckAllLinkTargets, withLazyDiagnostics, type FolderReader } from './folderRead';
import { mergeFullRead, parseInFull, type KeyedFiles } from './fullRead';
import { incidentWrittenAs, linksNaming, openActionsOf, postmortemsDueOf, runbookStaleness, runbooksForIncident, staleRunbooksOf } from './workQueries';
import {
  BULK_MIN,
  sortedById,
  actionsByIncident,
  bySeverityThenRecency,
  DEFAULT_INCIDENTS_FOLDER,
  DEFAULT_RUNBOOK_STALE_DAYS,
  incidentNumber,
  SLICE_MS,
  yieldToLoop,
} from './indexTypes';
import type { BulkParse, CacheKey, IndexChange, IndexOptions, Listener, LinkScope, OpenAction, RecordCache } from './indexTypes';

// The index's options, ports and orderings live in indexTypes.ts; importers may take them from here.
export { BULK_MIN, bySeverityThenRecency, DEFAULT_INCIDENTS_FOLDER, DEFAULT_RUNBOOK_STALE_DAYS, incidentNumber };
export type { BulkParse, CacheKey, IndexChange, IndexOptions, Listener, LinkScope, OpenAction, RecordCache };
import { isRecordFile, type FileAccess } from './fileAccess';
import { LinkIndex, normalizePath, repoPathKey, type LinkRef } from '../links/linkIndex';
import { type ActionItem, type Incident, type IndexedRecord, type Runbook } from '../records/model';
import { parseRecordText, type ParsedFile, type ParseOptions } from '../records/parseRecord';
import type { IncidentStatus } from '../records/schema';
import { IncidentSearch } from '../search/fuzzySearch';
import type { Instant } from '../time/recordTime';

export class IncidentIndex {
  readonly folder: string;
  private files = new Map<string, ParsedFile>();
  private missingLinkTargets = new Map<string, LinkTargetFinding[]>();
  private links = new LinkIndex();
  private readonly listeners = new Set<Listener>();
  private ids?: Map<string, IndexedRecord[]>;
  private crossDiagnostics?: Map<string, RecordDiagnostic[]>;
  private sortedIncidents?: Incident[];
  private sortedActions?: ActionItem[];
  private actionsOf?: Map<string, ActionItem[]>;
  private sortedRunbooks?: Runbook[];
  private fuzzy?: IncidentSearch;
  private queue: Promise<unknown> = Promise.resolve();
  /** The cache write of the last load, still running in the background (tests, benchmark, shutdown wait for it). */
  cacheWrite: Promise<void> = Promise.resolve();
  /** The background build of the search index after the last load (with `prepareSearch`). */
  searchBuild: Promise<void> = Promise.resolve();
  /** With `headsFirst`: the full read behind a load that read heads; resolved once it is in. */
  fullRead: Promise<void> = Promise.resolve();
  private touchedBehind?: Set<string>; // while a full read runs behind: the files changed since it began
  private loads = 0;

  constructor(
    private readonly access: FileAccess,
    private readonly options: IndexOptions = {},
  ) {
    this.folder = normalizePath(options.folder ?? DEFAULT_INCIDENTS_FOLDER).replace(/\/+$/, '');
  }

  /** Is this workspace-relative path a record this index owns? */
  owns(path: string): boolean {
    const p = normalizePath(path);
    return p.startsWith(`${this.folder}/`) && isRecordFile(p);
  }

  onDidChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Reads every record under the folder (replacing what was loaded): parsing in the bulk parser when
   * there is one, main-thread work in slices of ~8 ms, the new state swapped in in one step. With
   * headsFirst, what the cache lacks is read as heads now and in full behind them (fullRead).
   */
  load(): Promise<void> {
    return this.serial(async () => {
      const generation = ++this.loads;
      const headsFirst = this.options.headsFirst && !this.options.headsOnly && this.access.readTextSync;
      const read = await readFolder(headsFirst ? { ...this.reader, options: { ...this.options, headsOnly: true } } : this.reader);
      const before = [...this.files.keys()];
      [this.files, this.links, this.missingLinkTargets, this.fuzzy] = [read.files, read.links, read.missing, undefined];
      this.invalidate();
      this.changed([...new Set([...before, ...read.paths])]);
      const behind = headsFirst ? read.parsed.filter((p) => p.headsOnly).map((p) => p.file) : [];
      this.touchedBehind = behind.length ? new Set() : undefined;
      if (behind.length) return void (this.fullRead = this.readFullBehind(generation, behind, read.keyed));
      if (this.options.prepareSearch) this.searchBuild = this.buildSearchInSlices().catch(() => undefined);
      // The cache is written after the records are in use, not before.
      const cache = this.options.cache;
      if (cache && read.parsedNow) this.cacheWrite = cache.store(read.keyed, this.parseOptions).catch(() => undefined);
    });
  }

  /** True between a heads-first load and its full read (a head-read file's diagnostics are then computed on demand, one by one). */
  get fullReadPending(): boolean {
    return this.touchedBehind !== undefined;
  }

  /** The full parse off the queue (edits go on), swapped in in one step unless another load came since; a file changed meanwhile keeps its newer state. */
  private async readFullBehind(generation: number, paths: readonly string[], keyed: KeyedFiles): Promise<void> {
    const full = await parseInFull(this.reader, paths);
    await this.serial(async () => {
      if (generation !== this.loads) return;
      const merged = await mergeFullRead(this.files, full, this.touchedBehind ?? new Set(), keyed);
      [this.files, this.links, this.fuzzy, this.touchedBehind] = [merged.files, merged.links, undefined, undefined];
      this.invalidate();
      this.changed(merged.changed);
      if (this.options.prepareSearch) this.searchBuild = this.buildSearchInSlices().catch(() => undefined);
      if (this.options.cache && merged.keyed.length) this.cacheWrite = this.options.cache.store(merged.keyed, this.parseOptions).catch(() => undefined);
    });
  }

  /** Re-reads one file from disk (created, changed or deleted). */
  refreshFile(path: string): Promise<void> {
    const p = normalizePath(path);
    this.touchedBehind?.add(p);
    return this.serial(async () => {
      if (!this.owns(p)) return;
      const read = await readAndParse(this.reader, p);
      if (read === undefined) this.drop(p);
      else await this.replace(withLazyDiagnostics(this.reader, read));
      this.changed([p]);
    });
  }

  /** Parses unsaved editor text for a record (the buffer is the truth while it is open). */
  setText(path: string, text: string): Promise<void> {
    const p = normalizePath(path);
    this.touchedBehind?.add(p);
    return this.serial(async () => {
      if (!this.owns(p)) return;
      await this.replace(parseRecordText(p, text, this.parseOptions));
      this.changed([p]);
    });
  }

  /** Re-checks that linked files exist (after files were created, deleted or renamed). */
  recheckLinkTargets(): Promise<void> {
    return this.serial(async () => {
      if (!this.options.checkLinkTargets) return;
      const { fresh, changed } = await recheckAllLinkTargets(this.reader, [...this.files.values()], this.missingLinkTargets);
      this.missingLinkTargets = fresh;
      if (changed.length) this.changed(changed);
    });
  }

  /** Every link whose path is this file, or a directory containing it (for renames). */
  linksNaming(path: string): LinkRef[] {
    return linksNaming(this.records(), path);
  }

  removeFile(path: string): Promise<void> {
    const p = normalizePath(path);
    this.touchedBehind?.add(p);
    return this.serial(async () => {
      if (!this.files.has(p)) return;
      this.drop(p);
      this.changed([p]);
    });
  }

  private get parseOptions(): ParseOptions {
    return parseOptionsOf(this.reader);
  }

  /** What reading the folder needs of this index (folderRead.ts). */
  private get reader(): FolderReader {
    return { access: this.access, options: this.options, folder: this.folder, owns: (p) => this.owns(p) };
  }

  // ---- questions -------------------------------------------------------

  parsed(path: string): ParsedFile | undefined {
    return this.files.get(normalizePath(path));
  }

  allFiles(): ParsedFile[] {
    return [...this.files.values()];
  }

  incidents(): readonly Incident[] {
    return (this.sortedIncidents ??= sortedById(this.records().filter((r): r is Incident => r.kind === 'incident')));
  }

  actionRecords(): readonly ActionItem[] {
    return (this.sortedActions ??= sortedById(this.records().filter((r): r is ActionItem => r.kind === 'action')));
  }

  runbooks(): readonly Runbook[] {
    return (this.sortedRunbooks ??= this.records()
      .filter((r): r is Runbook => r.kind === 'runbook')
      .sort((a, b) => a.id.localeCompare(b.id)));
  }

  runbook(id: string): Runbook | undefined {
    const r = this.byId(id);
    return r?.kind === 'runbook' ? r : undefined;
  }

  /** Runbooks whose links cover the file. */
  runbooksForFile(path: string): Runbook[] {
    const out = new Set<Runbook>();
    for (const ref of this.lookupLinks(path)) if (ref.record.kind === 'runbook') out.add(ref.record);
    return [...out].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Runbooks for an incident: the ones it (or its action records) names, then those for its system, then those whose links cover a file it links to. */
  runbooksForIncident(incident: Incident): Array<{ runbook: Runbook; why: 'named' | 'system' | 'code' }> {
    return runbooksForIncident(incident, this);
  }

  /** Runbooks not verified for more than `days` (or never), for the tree, Problems and lint. */
  staleRunbooks(now: number, days = this.options.runbookStaleAfterDays ?? DEFAULT_RUNBOOK_STALE_DAYS): Array<{ runbook: Runbook; ageDays?: number }> {
    return staleRunbooksOf(this.runbooks(), now, days);
  }

  /**
   * Builds the search index in slices of ~8 ms, queued behind the load like
   * any change, so the first search after a load finds it ready. A search
   * asked for before it is done builds it at once instead.
   */
  private buildSearchInSlices(): Promise<void> {
    return this.serial(async () => {
      const search = new IncidentSearch();
      let slice = performance.now();
      for (const incident of this.incidents()) {
        if (this.fuzzy) return;
        search.add(incident);
        if (performance.now() - slice > SLICE_MS) {
          await yieldToLoop();
          slice = performance.now();
        }
      }
      this.fuzzy ??= search;
    });
  }

  /** Fuzzy search over the incidents: built after a load (or on first use), then updated one file at a time. */
  search(): IncidentSearch {
    return (this.fuzzy ??= new IncidentSearch(this.incidents()));
  }

  byId(id: string): IndexedRecord | undefined {
    return this.idMap().get(id.toUpperCase())?.[0];
  }

  incident(id: string): Incident | undefined {
    const r = this.byId(id);
    return r?.kind === 'incident' ? r : undefined;
  }

  /** The incident an id means as people write it (workQueries.ts): exact, else the same number written another way. */
  incidentWrittenAs(id: string): Incident | undefined {
    return this.incident(id.trim()) ?? incidentWrittenAs(this.incidents(), id);
  }

  byStatus(status: IncidentStatus): Incident[] {
    return this.incidents().filter((i) => i.head.status === status);
  }

  /** Action records whose parent is this incident. */
  actionRecordsOf(incidentId: string): ActionItem[] {
    return [...((this.actionsOf ??= actionsByIncident(this.actionRecords())).get(incidentId) ?? [])];
  }

  /** Every link covering the file: exact path, directory or glob; repository-qualified ones by the link scope. */
  linksForFile(path: string): LinkRef[] {
    return this.lookupLinks(path);
  }

  /** Sets which links apply to the files this index is asked about (the extension learns the folder's remotes after loading). */
  setLinkScope(scope: LinkScope | undefined): void {
    this.options.linkScope = scope;
  }

  get linkScope(): LinkScope | undefined {
    return this.options.linkScope;
  }

  private lookupLinks(path: string): LinkRef[] {
    const scope = this.options.linkScope;
    const own = scope?.foreign ? [] : this.links.lookup(path);
    if (!scope?.repos.length) return own;
    const inRepo = normalizePath(`${scope.prefix}${path}`);
    return [...own, ...scope.repos.flatMap((repo) => this.links.lookup(repoPathKey(repo, inRepo)))];
  }

  /** Incidents linked to the file (directly or through their action records), most severe and recent first. */
  incidentsForFile(path: string): Incident[] {
    const out = new Set<Incident>();
    for (const ref of this.lookupLinks(path)) {
      const inc = ref.record.kind === 'incident' ? ref.record : ref.record.kind === 'action' ? this.incident(ref.record.record.incident) : undefined;
      if (inc) out.add(inc);
    }
    return [...out].sort(bySeverityThenRecency);
  }

  /** Links that name this symbol in this file. */
  linksForSymbol(path: string, symbol: string): LinkRef[] {
    return this.lookupLinks(path).filter((ref) => ref.link.symbol === symbol);
  }

  openActions(now: number): OpenAction[] {
    return openActionsOf(this.incidents(), this.actionRecords(), (id) => this.incident(id), now);
  }

  /** Incidents whose postmortem is owed, with whether it is overdue. */
  postmortemsDue(now: number): Array<{ incident: Incident; deadline: Instant; overdue: boolean }> {
    return postmortemsDueOf(this.incidents(), now);
  }

  /** All diagnostics: per file (YAML, schema, semantics), cross-record and link targets. */
  diagnostics(): RecordDiagnostic[] {
    const out: RecordDiagnostic[] = [];
    for (const f of this.files.values()) out.push(...this.diagnosticsFor(f.file));
    return out.sort(compareDiagnostics);
  }

  diagnosticsFor(path: string): RecordDiagnostic[] {
    const p = normalizePath(path);
    const parsed = this.files.get(p);
    if (!parsed) return [];
    return [
      ...parsed.diagnostics,
      ...(this.cross().get(p) ?? []),
      ...(this.missingLinkTargets.get(p) ?? []).map((f) => linkTargetDiagnostic(f, parsed)),
      ...runbookStaleness(parsed, (this.options.now ?? Date.now)(), this.options.runbookStaleAfterDays ?? DEFAULT_RUNBOOK_STALE_DAYS),
    ];
  }

  // ---- internals -------------------------------------------------------

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private records(): IndexedRecord[] {
    const out: IndexedRecord[] = [];
    for (const f of this.files.values()) if (f.record) out.push(f.record);
    return out;
  }

  private store(parsed: ParsedFile): void {
    this.files.set(parsed.file, parsed);
    if (parsed.record) this.links.add(parsed.record);
    if (parsed.record?.kind === 'incident') this.fuzzy?.add(parsed.record);
    this.invalidate();
  }

  private drop(path: string): void {
    const old = this.files.get(path);
    if (old?.record) this.links.remove(old.record);
    if (old?.record?.kind === 'incident') this.fuzzy?.remove(old.record);
    this.files.delete(path);
    this.missingLinkTargets.delete(path);
    this.invalidate();
  }

  private async replace(parsed: ParsedFile): Promise<void> {
    this.drop(parsed.file);
    this.store(parsed);
    if (this.options.checkLinkTargets) await checkLinkTargets(this.reader, parsed, this.missingLinkTargets);
  }

  private invalidate(): void {
    this.ids = this.crossDiagnostics = undefined;
    this.sortedIncidents = this.sortedActions = this.sortedRunbooks = this.actionsOf = undefined;
  }

  private changed(files: string[]): void {
    const change: IndexChange = { files };
    for (const l of this.listeners) {
      try {
        l(change);
      } catch {
        // A listener's failure must not stop the others; hosts log their own errors.
      }
    }
  }

  private idMap(): Map<string, IndexedRecord[]> {
    return (this.ids ??= recordsById(this.records()));
  }

  private cross(): Map<string, RecordDiagnostic[]> {
    return (this.crossDiagnostics ??= crossRecordDiagnostics(this.records(), this.idMap(), (file) => this.files.get(file)?.anchors));
  }
}
