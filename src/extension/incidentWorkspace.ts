/**
 * One IncidentIndex per workspace folder, kept current from three sources:
 * the file system watcher (create, change, delete, rename), open editors
 * (unsaved text is parsed as typed), and settings. Views never keep their own
 * copy of incident state: they read from here when told something changed.
 */
import type { SourceApproval } from './sourceApproval';
import * as vscode from 'vscode';
import { recordIndex, type CacheSettings } from '../node/recordWorkspace';
import { now as clockNow } from './extensionClock';
import type { ParsePool } from '../node/parsePool';
import { IncidentIndex } from '../core/index/incidentIndex';
import type { Incident } from '../core/records/model';
import { normalizePath } from '../core/links/linkIndex';
import { affects, settings } from './config';
import { CONFIG, CONTEXT } from './constants';
import { debounce, DisposableStore } from './lifecycle';
import type { Log } from './log';
import { WorkspaceFileAccess } from './workspaceFileAccess';
import { repoScope } from '../node/git/repoScope';
import { sourcesToRead } from './folderSources';
import { EARLY_WAIT_MS, startEarlyLinks, type EarlyFolder } from './earlyLens';

/** A folder's index (EarlyFolder: its workspace folder, or for a record source a folder standing for it, index -1). */
export interface FolderIndex extends EarlyFolder {
  readonly access: WorkspaceFileAccess;
  /** Set for a record source: its name and the workspace folder that reads it. */
  readonly source?: { readonly name: string; readonly consumer: string };
}

export interface WorkspaceChange {
  /** Folders whose records changed, with the changed workspace-relative files. */
  readonly changes: ReadonlyArray<{ readonly folder: FolderIndex; readonly files: readonly string[] }>;
}

export interface IncidentRef {
  readonly folder: FolderIndex;
  readonly incident: Incident;
}

const EDIT_DEBOUNCE_MS = 150;
const EVENT_BATCH_MS = 30;

export class IncidentWorkspace implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly folders = new Map<string, FolderIndex>();
  private readonly folderStores = new Map<string, DisposableStore>();
  private readonly emitter = this.store.add(new vscode.EventEmitter<WorkspaceChange>());
  private readonly pendingEdits = new Map<string, ReturnType<typeof debounce<[]>>>();
  private cacheVersion?: string;
  private pending = new Map<FolderIndex, Set<string>>();
  private readonly flush = this.store.add(debounce(() => this.fire(), EVENT_BATCH_MS));
  /**
   * Fires (batched) after records change in any folder. A listener that throws
   * is logged to the output channel; the other listeners still run.
   */
  readonly onDidChange: vscode.Event<WorkspaceChange> = (listener, thisArgs, disposables) =>
    this.emitter.event(
      (e) => {
        try {
          listener.call(thisArgs, e);
        } catch (err) {
          this.log.error('index change listener', err);
        }
      },
      undefined,
      disposables,
    );
  /** Resolves when every folder has loaded once. */
  readonly ready: Promise<void>;

  constructor(
    private readonly log: Log,
    private readonly loading: { pool?: ParsePool; cacheDir?: string; version: () => string } = { version: () => 'dev' },
    private readonly approval?: SourceApproval,
  ) {
    if (approval) {
      approval.onApproved = () => {
        const all = [...this.folders.values()].filter((f) => !f.source).map((f) => f.folder);
        void this.foldersChanged(all, all);
      };
    }
    this.store.add(vscode.workspace.onDidChangeWorkspaceFolders((e) => void this.foldersChanged(e.added, e.removed)));
    this.store.add(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, CONFIG.incidentsFolder) || affects(e, CONFIG.maxFileSize) || affects(e, CONFIG.runbookStaleAfterDays) || affects(e, CONFIG.sources)) {
          const all = [...this.folders.values()].filter((f) => !f.source).map((f) => f.folder);
          void this.foldersChanged(all, all);
        }
      }),
    );
    this.store.add(vscode.workspace.onDidChangeTextDocument((e) => this.bufferChanged(e.document)));
    // Trust granted: now git may tell each folder's repository, for repository-qualified links.
    this.store.add(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.rescope().catch((err) => this.log.error('repository scope', err))));
    this.store.add(vscode.workspace.onDidCloseTextDocument((d) => this.bufferClosed(d)));
    // Linked files that appear, vanish or move change which links resolve.
    const recheck = this.store.add(
      debounce(() => this.folderIndexes().forEach((f) => void f.index.recheckLinkTargets().catch((err) => this.log.error('link check', err))), 300),
    );
    this.store.add(vscode.workspace.onDidCreateFiles(() => recheck()));
    this.store.add(vscode.workspace.onDidDeleteFiles(() => recheck()));
    // Files created or deleted outside VS Code (a checkout, a pull, mv in a terminal) move link targets too.
    // The workbench already watches the workspace; this asks for its create/delete events only, not changes.
    const anyFile = this.store.add(vscode.workspace.createFileSystemWatcher('**/*', false, true, false));
    this.store.add(anyFile.onDidCreate(() => recheck()));
    this.store.add(anyFile.onDidDelete(() => recheck()));
    this.store.add(vscode.workspace.onDidRenameFiles(() => recheck()));
    this.ready = this.foldersChanged(vscode.workspace.workspaceFolders ?? [], []);
  }

  /**
   * Every folder of records: the workspace folders, then their record sources,
   * each source once (two folders reading the same source share its records;
   * the first folder's entry stands for it, with that folder's name for it).
   */
  folderIndexes(): FolderIndex[] {
    const all = [...this.folders.values()];
    const own = all.filter((f) => !f.source).sort((a, b) => a.folder.index - b.folder.index);
    const order = new Map(own.map((f, i) => [f.folder.uri.toString(), i]));
    const sources = all.filter((f) => f.source).sort((a, b) => (order.get(a.source!.consumer) ?? 0) - (order.get(b.source!.consumer) ?? 0));
    const seen = new Set<string>();
    return [
      ...own,
      ...sources.filter((f) => {
        const root = f.folder.uri.toString();
        if (seen.has(root)) return false;
        seen.add(root);
        return true;
      }),
    ];
  }

  /** The folder index owning a URI and the URI's workspace-relative path. */
  locate(uri: vscode.Uri): { folder: FolderIndex; path: string } | undefined {
    // A record source's files (outside the workspace, or inside it in a folder of their own).
    for (const f of this.folders.values()) {
      if (!f.source || uri.scheme !== f.folder.uri.scheme) continue;
      const root = f.folder.uri.path.replace(/\/$/, '');
      if (uri.path.startsWith(`${root}/`)) return { folder: f, path: normalizePath(uri.path.slice(root.length + 1)) };
    }
    const wf = vscode.workspace.getWorkspaceFolder(uri);
    const folder = wf && this.folders.get(wf.uri.toString());
    if (!folder) return undefined;
    const path = normalizePath(uri.path.slice(wf.uri.path.replace(/\/$/, '').length + 1));
    return { folder, path };
  }

  /** The indexes whose links apply to this folder's files: its own and its record sources'. */
  indexesFor(folder: FolderIndex): FolderIndex[] {
    if (folder.source) return [folder];
    const key = folder.folder.uri.toString();
    return [folder, ...[...this.folders.values()].filter((f) => f.source?.consumer === key)];
  }

  /** Where the code of a folder's records is: the folder itself, or for a record source the workspace folder reading it. */
  codeFolderOf(folder: FolderIndex): FolderIndex {
    if (!folder.source) return folder;
    return this.folderIndexes().find((f) => !f.source && f.folder.uri.toString() === folder.source!.consumer) ?? folder;
  }

  /** The folder index an incident was read from. */
  owner(incident: Incident): FolderIndex | undefined {
    return [...this.folders.values()].find((f) => f.index.incident(incident.id) === incident);
  }

  incidents(): IncidentRef[] {
    return this.folderIndexes().flatMap((folder) => folder.index.incidents().map((incident) => ({ folder, incident })));
  }

  findIncident(id: string, folderUri?: string): IncidentRef | undefined {
    for (const folder of this.folderIndexes()) {
      if (folderUri && folder.folder.uri.toString() !== folderUri) continue;
      const incident = folder.index.incident(id);
      if (incident) return { folder, incident };
    }
    return undefined;
  }

  recordUri(folder: FolderIndex, file: string): vscode.Uri {
    return folder.access.uri(file);
  }

  /** Re-reads everything (the Refresh command). */
  async reload(): Promise<void> {
    await Promise.all([...this.folders.values()].map((f) => f.index.load()));
  }

  dispose(): void {
    for (const d of this.pendingEdits.values()) d.dispose();
    for (const s of this.folderStores.values()) s.dispose();
    this.store.dispose();
  }

  // ---- internals -------------------------------------------------------

  private async foldersChanged(added: readonly vscode.WorkspaceFolder[], removed: readonly vscode.WorkspaceFolder[]): Promise<void> {
    for (const wf of removed) {
      const key = wf.uri.toString();
      for (const [k, f] of [...this.folders]) if (f.source?.consumer === key) this.detach(k);
      this.detach(key);
    }
    await Promise.all(added.map((wf) => this.addFolder(wf)));
    this.updateContext();
  }

  private async addFolder(wf: vscode.WorkspaceFolder): Promise<void> {
    const key = wf.uri.toString();
    const s = settings(wf);
    const access = new WorkspaceFileAccess(wf.uri);
    // Local folders: the one record workspace's index (src/node/recordWorkspace.ts): read with Node's fs (no round
    // trip to the main process per file), parsed in worker threads, a warm-start cache in the extension's storage.
    const local = wf.uri.scheme === 'file';
    const loadWith = { pool: this.loading.pool, cache: this.cacheSettings() };
    const options = {
      folder: s.incidentsFolder,
      maxFileBytes: s.maxFileSize,
      checkLinkTargets: true,
      prepareSearch: true,
      // What the editor shows first (links, the tree, the status bar) from record heads; the full read follows.
      headsFirst: true,
      runbookStaleAfterDays: s.runbookStaleAfterDays,
      now: clockNow,
    };
    const index = local ? recordIndex(wf.uri.fsPath, { ...options, ...loadWith }).index : new IncidentIndex(access, options);
    const folder: FolderIndex = { folder: wf, index, access };
    const store = this.attach(key, folder, wf, index.folder);
    // A renamed or deleted folder of records: the watcher reports only the folder.
    const folderWatcher = store.add(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(wf, index.folder), true, true, false));
    store.add(folderWatcher.onDidDelete(() => void index.load().catch((err) => this.log.error('reload after delete', err))));

    const early = local ? startEarlyLinks(folder, index.folder, s.maxFileSize, loadWith, () => this.queue(folder, []), this.log) : undefined;
    try {
      if (early) await Promise.race([early.first, new Promise((r) => setTimeout(r, EARLY_WAIT_MS))]);
      await index.load();
      // Open editors may hold unsaved text that differs from disk.
      for (const doc of vscode.workspace.textDocuments) if (doc.isDirty) this.bufferChanged(doc);
      this.log.info(`${wf.name}: ${index.incidents().length} incidents, ${index.actionRecords().length} action records from ${index.folder}/`);
    } catch (err) {
      this.log.error(`loading ${wf.name}`, err);
    }
    [folder.loaded, folder.early] = [true, undefined];
    early?.dispose();
    if (local) await this.addSources(folder).catch((err) => this.log.error(`record sources of ${wf.name}`, err));
  }

  /**
   * The folder's repository (for repository-qualified links) and its record
   * sources (.incident-lens.yaml, the incidentLens.sources setting), each an
   * index of its own, watched, with this folder's link scope.
   */
  private async addSources(folder: FolderIndex): Promise<void> {
    const wf = folder.folder;
    // git runs only in a trusted workspace (a repository's config can make git run programs).
    const scope = vscode.workspace.isTrusted ? await repoScope(wf.uri.fsPath) : undefined;
    if (scope) {
      folder.index.setLinkScope(scope);
      this.queue(folder, []);
    }
    // Records from other folders are read only in a trusted workspace, and those the repository names itself
    // (.incident-lens.yaml, its .vscode/settings.json) only after the person agreed (sourceApproval.ts).
    if (!vscode.workspace.isTrusted) return;
    const sources = sourcesToRead(wf, this.approval, (w) => this.log.info(`record sources of ${wf.name}: ${w}`));
    for (const source of sources) {
      const uri = vscode.Uri.file(source.root);
      const key = `source:${wf.uri.toString()}:${uri.toString()}`;
      const access = new WorkspaceFileAccess(uri);
      const { index } = recordIndex(source.root, {
        folder: source.folder,
        maxFileBytes: settings(wf).maxFileSize,
        prepareSearch: true,
        headsFirst: true,
        runbookStaleAfterDays: settings(wf).runbookStaleAfterDays,
        now: clockNow,
        linkScope: { repos: scope?.repos ?? [], prefix: scope?.prefix ?? '', foreign: true },
        // A central repository of records is the big one: parsed in the workers and cached like the folder's own.
        pool: this.loading.pool,
        cache: this.cacheSettings(),
        cacheKey: `${wf.uri.toString()}|source:${source.root}`,
      });
      const sourceFolder: FolderIndex = {
        folder: { uri, name: source.name, index: -1 },
        index,
        access,
        source: { name: source.name, consumer: wf.uri.toString() },
      };
      this.attach(key, sourceFolder, uri, source.folder);
      try {
        await index.load();
        this.log.info(`${wf.name}: record source ${source.name} (${source.root}): ${index.incidents().length} incidents`);
      } catch (err) {
        this.log.error(`loading record source ${source.root}`, err);
      }
      this.queue(
        sourceFolder,
        index.allFiles().map((f) => f.file),
      );
    }
  }

  /** Registers a folder of records: its index's changes are queued for the views, its files on disk refresh it. */
  private attach(key: string, folder: FolderIndex, base: vscode.WorkspaceFolder | vscode.Uri, recordsFolder: string): DisposableStore {
    const store = new DisposableStore();
    this.folders.set(key, folder);
    this.folderStores.set(key, store);
    const unsubscribe = folder.index.onDidChange((change) => this.queue(folder, change.files));
    store.add({ dispose: unsubscribe });
    const watcher = store.add(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(base, `${recordsFolder}/**/*.{yaml,yml}`)));
    const onDisk = (uri: vscode.Uri) => this.diskChanged(folder, uri);
    store.add(watcher.onDidCreate(onDisk));
    store.add(watcher.onDidChange(onDisk));
    store.add(watcher.onDidDelete(onDisk));
    return store;
  }

  private cacheSettings(): CacheSettings | undefined {
    return this.loading.cacheDir ? { dir: this.loading.cacheDir, version: (this.cacheVersion ??= this.loading.version()) } : undefined;
  }

  private async rescope(): Promise<void> {
    for (const own of [...this.folders.values()].filter((f) => !f.source && f.folder.uri.scheme === 'file')) {
      const scope = await repoScope(own.folder.uri.fsPath);
      if (!scope) continue;
      own.index.setLinkScope(scope);
      this.queue(own, []);
      for (const s of this.indexesFor(own).filter((f) => f.source)) {
        s.index.setLinkScope({ ...scope, foreign: true });
        this.queue(s, []);
      }
    }
  }

  /** Forgets a folder of records (its watchers too); the views hear that all its files changed. */
  private detach(key: string): void {
    this.folderStores.get(key)?.dispose();
    this.folderStores.delete(key);
    const old = this.folders.get(key);
    this.folders.delete(key);
    if (old)
      this.queue(
        old,
        old.index.allFiles().map((f) => f.file),
      );
  }

  private diskChanged(folder: FolderIndex, uri: vscode.Uri): void {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    // While an editor holds unsaved changes, its text is the truth, not the disk.
    if (open?.isDirty) return;
    const located = this.locate(uri);
    if (!located) return;
    void folder.index.refreshFile(located.path).catch((err) => this.log.error(`reading ${located.path}`, err));
  }

  private bufferChanged(doc: vscode.TextDocument): void {
    const located = this.locate(doc.uri);
    if (!located || !located.folder.index.owns(located.path)) return;
    const key = doc.uri.toString();
    let run = this.pendingEdits.get(key);
    if (!run) {
      run = debounce(() => {
        this.pendingEdits.delete(key);
        if (doc.isClosed) return;
        void located.folder.index.setText(located.path, doc.getText()).catch((err) => this.log.error(`parsing ${located.path}`, err));
      }, EDIT_DEBOUNCE_MS);
      this.pendingEdits.set(key, run);
    }
    run();
  }

  private bufferClosed(doc: vscode.TextDocument): void {
    const located = this.locate(doc.uri);
    if (!located || !located.folder.index.owns(located.path)) return;
    this.pendingEdits.get(doc.uri.toString())?.dispose();
    this.pendingEdits.delete(doc.uri.toString());
    // Closed without saving: the disk is the truth again.
    void located.folder.index.refreshFile(located.path).catch((err) => this.log.error(`reading ${located.path}`, err));
  }

  private queue(folder: FolderIndex, files: readonly string[]): void {
    const set = this.pending.get(folder) ?? new Set<string>();
    for (const f of files) set.add(f);
    this.pending.set(folder, set);
    this.flush();
  }

  private fire(): void {
    const pending = this.pending;
    this.pending = new Map();
    this.updateContext();
    this.emitter.fire({ changes: [...pending].map(([folder, files]) => ({ folder, files: [...files] })) });
  }

  private updateContext(): void {
    const count = this.folderIndexes().reduce((n, f) => n + f.index.incidents().length, 0);
    void vscode.commands.executeCommand('setContext', CONTEXT.hasIncidents, count > 0);
    void vscode.commands.executeCommand('setContext', CONTEXT.loaded, true);
  }
}
