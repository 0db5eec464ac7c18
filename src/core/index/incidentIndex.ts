/**
 * IncidentIndex: every record of one workspace folder, parsed once, updated
 * one file at a time, answering the questions the views, providers and CLI ask.
 */
import { compareDiagnostics, FILE_START, type RecordDiagnostic } from '../records/diagnostics';
import { crossRecordDiagnostics, missingLinkTargets, recordsById } from './crossRecordChecks';
import { openActionsOf, runbooksForIncident } from './workQueries';
import {
  BULK_MIN,
  byId,
  bySeverityThenRecency,
  DEFAULT_INCIDENTS_FOLDER,
  DEFAULT_RUNBOOK_STALE_DAYS,
  incidentNumber,
  SLICE_MS,
  yieldToLoop,
  type BulkParse,
  type CacheKey,
  type IndexChange,
  type IndexOptions,
  type Listener,
  type LinkScope,
  type OpenAction,
  type RecordCache,
} from './indexTypes';

// The index's options, ports and orderings live in indexTypes.ts; importers may take them from here.
export { BULK_MIN, bySeverityThenRecency, DEFAULT_INCIDENTS_FOLDER, DEFAULT_RUNBOOK_STALE_DAYS, incidentNumber };
export type { BulkParse, CacheKey, IndexChange, IndexOptions, Listener, LinkScope, OpenAction, RecordCache };
import { isRecordFile, type FileAccess, type FileStat } from './fileAccess';
import { LinkIndex, linkKind, normalizePath, repoPathKey, type LinkRef } from '../links/linkIndex';
import { isRunbookStale, postmortemOwed, runbookAgeDays, type ActionItem, type Incident, type IndexedRecord, type Runbook } from '../records/model';
import { readRecordHead } from '../records/recordHead';
import { DEFAULT_MAX_FILE_BYTES, parseRecordText, tooLargeRecord, type ParsedFile, type ParseOptions } from '../records/parseRecord';
import type { IncidentStatus } from '../records/schema';
import { IncidentSearch } from '../search/fuzzySearch';
import type { Instant } from '../time/recordTime';

export class IncidentIndex {
  readonly folder: string;
  private files = new Map<string, ParsedFile>();
  private missingLinkTargets = new Map<string, RecordDiagnostic[]>();
  private links = new LinkIndex();
  private readonly listeners = new Set<Listener>();
  private ids?: Map<string, IndexedRecord[]>;
  private crossDiagnostics?: Map<string, RecordDiagnostic[]>;
  private sortedIncidents?: Incident[];
  private sortedActions?: ActionItem[];
  private sortedRunbooks?: Runbook[];
  private fuzzy?: IncidentSearch;
  private queue: Promise<unknown> = Promise.resolve();
  /** The cache write of the last load, still running in the background (tests, benchmark, shutdown wait for it). */
  cacheWrite: Promise<void> = Promise.resolve();
  /** The background build of the search index after the last load (with `prepareSearch`). */
  searchBuild: Promise<void> = Promise.resolve();

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
   * Reads every record under the folder (replacing what was loaded). Parsing
   * runs in the bulk parser when there is one, main-thread work in slices of
   * ~8 ms; the new state is built on the side and swapped in one step, so
   * readers never see a half-loaded index.
   */
  load(): Promise<void> {
    return this.serial(async () => {
      const paths = (await this.access.listFiles(this.folder)).filter((p) => this.owns(p));
      const cache = this.options.cache;
      // The files' stats (in the workers on big folders) run while the cache reads what it has.
      const keysPromise = cache ? this.statAll(paths) : Promise.resolve(new Map<string, CacheKey>());
      const cached = cache ? await cache.lookup(paths, keysPromise, this.parseOptions) : new Map<string, ParsedFile>();
      const keys = await keysPromise;
      const parsed: ParsedFile[] = [];
      const files = new Map<string, ParsedFile>();
      const links = new LinkIndex();
      let slice = performance.now();
      const take = async (read: ParsedFile) => {
        const p = this.withLazyDiagnostics(read);
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
      // Workers pay for themselves on big folders only (starting them costs ~0.1 s).
      if (this.options.bulkParse && toParse.length >= BULK_MIN) {
        try {
          for await (const batch of this.options.bulkParse(toParse, this.parseOptions)) for (const p of batch) await take(p);
        } catch {
          // Workers unavailable or failed: what they did not deliver is parsed below, on this thread.
        }
      }
      for (const path of toParse) {
        if (files.has(path)) continue;
        const read = await this.readAndParse(path);
        if (read) await take(read);
      }
      const missing = new Map<string, RecordDiagnostic[]>();
      if (this.options.checkLinkTargets) await this.checkAllLinkTargets(parsed, missing);
      const before = [...this.files.keys()];
      this.files = files;
      this.links = links;
      this.missingLinkTargets = missing;
      this.fuzzy = undefined;
      this.invalidate();
      this.changed([...new Set([...before, ...paths])]);
      if (this.options.prepareSearch) this.searchBuild = this.buildSearchInSlices().catch(() => undefined);
      // The cache is written after the records are in use, not before.
      if (cache && toParse.length) {
        const fresh = parsed.filter((p) => keys.has(p.file)).map((p) => ({ path: p.file, key: keys.get(p.file)!, parsed: p }));
        this.cacheWrite = cache.store(fresh, this.parseOptions).catch(() => undefined);
      }
    });
  }

  /** Size and mtime of each file, as cache keys. */
  private async statAll(paths: readonly string[]): Promise<Map<string, CacheKey>> {
    const out = new Map<string, CacheKey>();
    (await this.statMany(paths)).forEach((s, i) => s && out.set(paths[i]!, { size: s.size, mtimeMs: s.mtimeMs }));
    return out;
  }

  /** Workers for many paths, else the host's fast path when it has one, else a few hundred `stat`s at a time. */
  private async statMany(paths: readonly string[]): Promise<Array<FileStat | undefined>> {
    if (this.options.bulkStat && paths.length >= BULK_MIN) {
      try {
        return await this.options.bulkStat(paths);
      } catch {
        // workers failed: below
      }
    }
    if (this.access.statMany) return this.access.statMany(paths);
    const out: Array<FileStat | undefined> = [];
    for (let i = 0; i < paths.length; i += 256) out.push(...(await Promise.all(paths.slice(i, i + 256).map((p) => this.access.stat(p)))));
    return out;
  }

  /** One stat per distinct linked path (not per link), all at once (workers or the host's fast path). */
  private async checkAllLinkTargets(parsed: readonly ParsedFile[], into: Map<string, RecordDiagnostic[]>): Promise<void> {
    const targets = new Set<string>();
    let slice = performance.now();
    for (const p of parsed) {
      for (const link of p.record?.links ?? []) {
        if (link.repo !== undefined || this.options.linkScope?.foreign) continue;
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
    (await this.statMany(list)).forEach((s, i) => exists.set(list[i]!, !!s));
    slice = performance.now();
    for (const p of parsed) {
      await this.checkLinkTargets(p, into, exists);
      if (performance.now() - slice > SLICE_MS) {
        await yieldToLoop();
        slice = performance.now();
      }
    }
  }

  /** Re-reads one file from disk (created, changed or deleted). */
  refreshFile(path: string): Promise<void> {
    const p = normalizePath(path);
    return this.serial(async () => {
      if (!this.owns(p)) return;
      const read = await this.readAndParse(p);
      if (read === undefined) this.drop(p);
      else await this.replace(this.withLazyDiagnostics(read));
      this.changed([p]);
    });
  }

  /** Parses unsaved editor text for a record (the buffer is the truth while it is open). */
  setText(path: string, text: string): Promise<void> {
    const p = normalizePath(path);
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
      // One stat per distinct target, the checks in slices: this runs whenever files are created or deleted.
      const fresh = new Map<string, RecordDiagnostic[]>();
      await this.checkAllLinkTargets([...this.files.values()], fresh);
      const changed: string[] = [];
      for (const file of new Set([...this.missingLinkTargets.keys(), ...fresh.keys()])) {
        if (JSON.stringify(this.missingLinkTargets.get(file) ?? []) !== JSON.stringify(fresh.get(file) ?? [])) changed.push(file);
      }
      this.missingLinkTargets = fresh;
      if (changed.length) this.changed(changed);
    });
  }

  /** Every link whose path is this file, or a directory containing it (for renames). */
  linksNaming(path: string): LinkRef[] {
    const p = normalizePath(path);
    const out: LinkRef[] = [];
    for (const record of this.records()) {
      record.links.forEach((link, index) => {
        const lp = normalizePath(link.path);
        const kind = linkKind(lp);
        if (kind === 'glob') return;
        if (lp === p || lp.replace(/\/+$/, '') === p || lp.startsWith(`${p}/`)) out.push({ record, link, index, kind });
      });
    }
    return out;
  }

  removeFile(path: string): Promise<void> {
    const p = normalizePath(path);
    return this.serial(async () => {
      if (!this.files.has(p)) return;
      this.drop(p);
      this.changed([p]);
    });
  }

  private get parseOptions(): ParseOptions {
    return this.options.headsOnly && this.access.readTextSync
      ? { maxFileBytes: this.options.maxFileBytes, heads: true }
      : { maxFileBytes: this.options.maxFileBytes };
  }

  /**
   * A head read (no diagnostics, no anchors) whose diagnostics and anchors
   * are those of the full parser, computed from its file when first asked
   * for; its record stays the one read (equal, by the differential test).
   */
  private withLazyDiagnostics(p: ParsedFile): ParsedFile {
    const readSync = this.access.readTextSync?.bind(this.access);
    if (!p.headsOnly || !readSync) return p;
    const options = { maxFileBytes: this.options.maxFileBytes };
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

  // ---- questions -------------------------------------------------------

  parsed(path: string): ParsedFile | undefined {
    return this.files.get(normalizePath(path));
  }

  allFiles(): ParsedFile[] {
    return [...this.files.values()];
  }

  incidents(): readonly Incident[] {
    return (this.sortedIncidents ??= this.records()
      .filter((r): r is Incident => r.kind === 'incident')
      .sort(byId));
  }

  actionRecords(): readonly ActionItem[] {
    return (this.sortedActions ??= this.records()
      .filter((r): r is ActionItem => r.kind === 'action')
      .sort(byId));
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
    return this.runbooks()
      .filter((runbook) => isRunbookStale(runbook, now, days))
      .map((runbook) => ({ runbook, ageDays: runbookAgeDays(runbook, now) }));
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

  /**
   * The incident an id means as people write it: exact (any case), else the
   * same number written another way (INC-23, inc023 for INC-023). An id off
   * by a digit is another incident, never a match.
   */
  incidentWrittenAs(id: string): Incident | undefined {
    const want = id.trim();
    const exact = this.incident(want);
    if (exact || !/^inc-?\d+$/i.test(want)) return exact;
    const n = incidentNumber(want);
    return this.incidents().find((i) => incidentNumber(i.id) === n);
  }

  byStatus(status: IncidentStatus): Incident[] {
    return this.incidents().filter((i) => i.head.status === status);
  }

  /** Action records whose parent is this incident. */
  actionRecordsOf(incidentId: string): ActionItem[] {
    return this.actionRecords().filter((a) => a.record.incident === incidentId);
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
    return this.incidents()
      .filter(postmortemOwed)
      .map((incident) => ({ incident, deadline: incident.postmortemDeadline!, overdue: incident.postmortemDeadline!.ms < now }))
      .sort((a, b) => a.deadline.ms - b.deadline.ms);
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
    return [...parsed.diagnostics, ...(this.cross().get(p) ?? []), ...(this.missingLinkTargets.get(p) ?? []), ...this.staleness(parsed)];
  }

  private staleness(parsed: ParsedFile): RecordDiagnostic[] {
    const rb = parsed.record;
    if (rb?.kind !== 'runbook') return [];
    const days = this.options.runbookStaleAfterDays ?? DEFAULT_RUNBOOK_STALE_DAYS;
    const now = (this.options.now ?? Date.now)();
    if (!isRunbookStale(rb, now, days)) return [];
    const age = runbookAgeDays(rb, now);
    const message =
      age === undefined
        ? `runbook ${rb.id} has never been verified: try it and set lastVerified (runbooks older than ${days} days are flagged)`
        : `runbook ${rb.id} was last verified ${age} days ago (more than ${days}): try it again and update lastVerified`;
    return [
      {
        file: parsed.file,
        range: parsed.anchors.get('lastVerified') ?? FILE_START,
        severity: 'warning',
        field: age === undefined ? 'id' : 'lastVerified',
        message,
        code: 'runbook-stale',
      },
    ];
  }

  // ---- internals -------------------------------------------------------

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A record file, parsed; one over the size limit is reported from its size, never read whole. Undefined: gone. */
  private async readAndParse(path: string): Promise<ParsedFile | undefined> {
    const max = this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    let read: { text: string } | { tooLarge: number };
    try {
      if (this.access.readTextUpTo) read = await this.access.readTextUpTo(path, max);
      else {
        const st = await this.access.stat(path);
        if (!st) return undefined;
        read = st.size > max ? { tooLarge: st.size } : { text: await this.access.readFile(path) };
      }
    } catch {
      return undefined;
    }
    if (!('text' in read)) return tooLargeRecord(path, read.tooLarge, this.parseOptions);
    const options = this.parseOptions;
    return (options.heads && readRecordHead(path, read.text, options)) || parseRecordText(path, read.text, options);
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
    if (this.options.checkLinkTargets) await this.checkLinkTargets(parsed);
  }

  private invalidate(): void {
    this.ids = undefined;
    this.crossDiagnostics = undefined;
    this.sortedIncidents = undefined;
    this.sortedActions = undefined;
    this.sortedRunbooks = undefined;
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

  private async checkLinkTargets(parsed: ParsedFile, into = this.missingLinkTargets, known?: ReadonlyMap<string, boolean>): Promise<void> {
    const found = await missingLinkTargets(parsed, !!this.options.linkScope?.foreign, (paths) => this.statMany(paths), known);
    if (found.length) into.set(parsed.file, found);
    else into.delete(parsed.file);
  }

  private idMap(): Map<string, IndexedRecord[]> {
    return (this.ids ??= recordsById(this.records()));
  }

  private cross(): Map<string, RecordDiagnostic[]> {
    return (this.crossDiagnostics ??= crossRecordDiagnostics(this.records(), this.idMap(), (file) => this.files.get(file)?.anchors));
  }
}
