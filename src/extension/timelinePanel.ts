/**
 * The timeline webview host: one panel per incident, revealed when already
 * open, restored after a window reload, following the record live. Strict
 * CSP (no network, scripts only with a nonce from crypto), local resources
 * limited to media/ and dist/, every message validated against the protocol.
 */
import * as vscode from 'vscode';
import type { Incident } from '../core/records/model';
import { inIncidentOffset, logEntryOps } from '../core/records/recordOps';
import { prepareSimilar, SimilarIndex, type SimilarHit } from '../core/search/similarIncidents';
import { timelineViewModel, type TimelineViewModel } from '../core/present/timelineView';
import { webviewMessageSchema, type HostMessage, type TimelinePanelState } from '../webview/timelineProtocol';
import { currentAuthor } from './author';
import { COMMANDS, TIMELINE_VIEW_TYPE } from './constants';
import type { IncidentRef, IncidentWorkspace } from './incidentWorkspace';
import { DisposableStore } from './lifecycle';
import type { Log } from './log';
import type { RecordEditor } from './recordEditor';
import { escapeHtml, staticTimelineHtml } from './staticTimeline';
import { webviewShell } from './webviewShell';
import { now as clockNow } from './extensionClock';

function key(state: TimelinePanelState): string {
  return `${state.folder}|${state.incident.toUpperCase()}`;
}

class TimelinePanel implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private disposed = false;
  /** The last view model sent to the webview (what it shows; read by tests). */
  lastModel?: TimelineViewModel;
  /** Similar past incidents of the incident shown, and which computation is the newest. */
  similarOf?: { incident: Incident; hits: readonly SimilarHit[]; corpus: number };
  similarGeneration = 0;

  get disposedNow(): boolean {
    return this.disposed;
  }

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly state: TimelinePanelState,
    private readonly host: TimelinePanels,
  ) {
    this.store.add(panel.onDidDispose(() => this.dispose()));
    this.store.add(panel.webview.onDidReceiveMessage((raw: unknown) => void this.host.handleMessage(this, raw)));
  }

  post(message: HostMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.host.forget(this);
    this.store.dispose();
    this.panel.dispose();
  }
}

export class TimelinePanels implements vscode.WebviewPanelSerializer<TimelinePanelState>, vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly panels = new Map<string, TimelinePanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly workspace: IncidentWorkspace,
    private readonly editor: RecordEditor,
    private readonly log: Log,
  ) {
    // Its serializer is registered at activation (extension.ts), which loads this file when a panel is restored.
    this.store.add(workspace.onDidChange(() => this.refreshAll()));
  }

  /** The open panel for an incident, if any (tests, reveal). */
  get(folder: string, incident: string): vscode.WebviewPanel | undefined {
    return this.panels.get(key({ folder, incident }))?.panel;
  }

  /** What the open timeline of this incident shows now (tests). */
  shownModel(folder: string, incident: string): TimelineViewModel | undefined {
    return this.panels.get(key({ folder, incident }))?.lastModel;
  }

  show(ref: IncidentRef): vscode.WebviewPanel {
    const state: TimelinePanelState = { folder: ref.folder.folder.uri.toString(), incident: ref.incident.id };
    const existing = this.panels.get(key(state));
    if (existing) {
      existing.panel.reveal();
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPE, this.title(ref.incident), vscode.ViewColumn.Active, this.options());
    this.attach(panel, state);
    return panel;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: TimelinePanelState | undefined): Promise<void> {
    if (!state?.folder || !state.incident) {
      panel.dispose();
      return;
    }
    await this.workspace.ready;
    panel.webview.options = this.options();
    this.attach(panel, state);
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      // Restricted Mode: the panel shows the record but runs no script.
      enableScripts: vscode.workspace.isTrusted,
      retainContextWhenHidden: false,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media'), vscode.Uri.joinPath(this.extensionUri, 'dist')],
    };
  }

  private title(incident: Incident): string {
    return `${incident.id} Timeline`;
  }

  private attach(panel: vscode.WebviewPanel, state: TimelinePanelState): void {
    const entry = new TimelinePanel(panel, state, this);
    this.panels.set(key(state), entry);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'incident-lens.svg');
    panel.webview.html = this.html(panel.webview, state);
    if (!vscode.workspace.isTrusted) this.refresh(entry);
  }

  forget(panel: TimelinePanel): void {
    if (this.panels.get(key(panel.state)) === panel) this.panels.delete(key(panel.state));
  }

  private ref(state: TimelinePanelState): IncidentRef | undefined {
    return this.workspace.findIncident(state.incident, state.folder);
  }

  private refresh(panel: TimelinePanel): void {
    const ref = this.ref(panel.state);
    if (!ref) return;
    panel.panel.title = this.title(ref.incident);
    const runbooks = ref.folder.index.runbooksForIncident(ref.incident).map((r) => r.runbook);
    // Similar past incidents come a moment later: on a big folder the first question reads every record (in slices).
    const show = (alike: readonly SimilarHit[]) => {
      const model = timelineViewModel(ref.incident, ref.folder.index.actionRecordsOf(ref.incident.id), clockNow(), runbooks, alike);
      // Restricted Mode: no script runs in the panel, so the host renders it, read-only.
      if (!vscode.workspace.isTrusted) panel.panel.webview.html = this.html(panel.panel.webview, panel.state, model);
      else panel.post({ type: 'state', model });
      panel.lastModel = model;
    };
    const previous = panel.similarOf?.incident === ref.incident ? panel.similarOf.hits : [];
    show(previous);
    // Alike in cause among this folder's incidents and its record sources'. Asked again only when this
    // incident's record or the set of incidents changed, not on every keystroke in another record.
    const incidents = this.workspace.indexesFor(ref.folder).flatMap((f) => f.index.incidents());
    if (panel.similarOf?.incident === ref.incident && panel.similarOf.corpus === incidents.length) return;
    const generation = ++panel.similarGeneration;
    // Similarity reads whole records: after the full read behind a heads-first load (whose records replace the heads).
    let full = incidents;
    void Promise.all(this.workspace.indexesFor(ref.folder).map((f) => f.index.fullRead))
      .then(() =>
        prepareSimilar(
          (full = this.workspace.indexesFor(ref.folder).flatMap((f) => f.index.incidents())),
          () => new Promise((resolve) => setImmediate(resolve)),
        ),
      )
      .then(() => {
        if (generation !== panel.similarGeneration || panel.disposedNow) return;
        const hits = new SimilarIndex(full).similar({ incident: full.find((i) => i.id === ref.incident.id) ?? ref.incident, limit: 3 });
        panel.similarOf = { incident: ref.incident, hits, corpus: incidents.length };
        if (hits.length || previous.length) show(hits);
      })
      .catch((err) => this.log.error('similar incidents', err));
  }

  private refreshAll(): void {
    for (const p of this.panels.values()) this.refresh(p);
  }

  /** Every message from a webview is untrusted input: validated before anything happens. */
  async handleMessage(panel: TimelinePanel | vscode.WebviewPanel, raw: unknown): Promise<void> {
    const entry = panel instanceof TimelinePanel ? panel : [...this.panels.values()].find((p) => p.panel === panel);
    if (!entry) return;
    const parsed = webviewMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.error('timeline webview', `rejected message: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      entry.post({ type: 'error', message: 'invalid message' });
      return;
    }
    const msg = parsed.data;
    const ref = this.ref(entry.state);
    if (!ref) return;
    switch (msg.type) {
      case 'ready':
        this.refresh(entry);
        return;
      case 'openEntry':
        await vscode.commands.executeCommand(COMMANDS.openRecord, { folder: entry.state.folder, file: ref.incident.file, path: msg.path });
        return;
      case 'copyPromptTemplate':
        await vscode.commands.executeCommand(COMMANDS.copyPromptTemplate, { folder: entry.state.folder, incident: ref.incident.id });
        return;
      case 'openCommit':
        await vscode.commands.executeCommand(COMMANDS.openCommit, { folder: entry.state.folder, sha: msg.sha });
        return;
      case 'suggestCodeLinks':
        await vscode.commands.executeCommand(COMMANDS.suggestCodeLinks, { folder: entry.state.folder, incident: ref.incident.id });
        return;
      case 'openIncident': {
        const other = this.workspace.indexesFor(ref.folder).find((f) => f.index.incident(msg.id));
        if (other) await vscode.commands.executeCommand(COMMANDS.showTimeline, { folder: other.folder.uri.toString(), incident: msg.id });
        return;
      }
      case 'runRunbook':
        await vscode.commands.executeCommand(COMMANDS.runRunbookStep, { folder: entry.state.folder, runbook: msg.id, incident: ref.incident.id });
        return;
      case 'addEntry':
        try {
          const author = await currentAuthor(ref.folder.folder);
          const at = inIncidentOffset(ref.incident, clockNow(), -new Date().getTimezoneOffset());
          await this.editor.edit(ref.folder, ref.incident.file, (record) =>
            logEntryOps(record as Incident, { at, author, kind: msg.kind, text: msg.text.trim(), milestone: msg.milestone }),
          );
          entry.post({ type: 'entryAdded' });
        } catch (err) {
          entry.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
          void vscode.window.showErrorMessage(`Incident Lens: ${err instanceof Error ? err.message : String(err)}`);
        }
        return;
    }
  }

  private html(webview: vscode.Webview, state: TimelinePanelState, staticModel?: TimelineViewModel): string {
    const trusted = vscode.workspace.isTrusted;
    const shell = webviewShell(webview, this.extensionUri);
    // The state is JSON inside a non-executable script tag; "<" is escaped so it cannot close the tag.
    const stateJson = JSON.stringify(state).replace(/</g, '\\u003c');
    const body = trusted
      ? `<main id="root" aria-live="polite"><p>Loading the timeline…</p></main>
<script type="application/json" id="panel-state">${stateJson}</script>
<script nonce="${shell.nonce}" src="${escapeHtml(shell.asset('dist', 'webview.js'))}"></script>`
      : `<main id="root" class="restricted">${staticTimelineHtml(staticModel, vscode.l10n.t('Restricted Mode: this timeline is read-only. Trust the workspace to add entries from here.'))}</main>`;
    return shell.html({ title: 'Timeline', stylesheet: 'timeline.css', scripts: trusted, body });
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.store.dispose();
  }
}
