/**
 * The Insights view: one webview panel per workspace folder, drawing the
 * figures of core/insights/insightsView.ts (the CLI's `metrics` and `hotspots` give the
 * same numbers). Same security as the timeline: strict CSP with a nonce,
 * local resources only, every message validated with zod before it acts.
 */
import * as vscode from 'vscode';
import { insightsCsv, insightsData, type InsightsData, type InsightsFilter } from '../core/insights/insightsView';
import { withChangeRates } from '../core/insights/insightsReport';
import { changedLinesOf } from '../node/git/changeRates';
import { insightsMessageSchema, type InsightsHostMessage } from '../webview/insightsProtocol';
import { now as clockNow } from './extensionClock';
import { COMMANDS } from './constants';
import type { FolderIndex, IncidentWorkspace } from './incidentWorkspace';
import { DisposableStore } from './lifecycle';
import type { Log } from './log';
import { escapeHtml } from './staticTimeline';
import { webviewShell } from './webviewShell';

export const INSIGHTS_VIEW_TYPE = 'incidentLens.insights';

interface Entry {
  readonly panel: vscode.WebviewPanel;
  readonly folder: string;
  filter: InsightsFilter;
  /** The last data sent (what the view shows; read by tests). */
  lastData?: InsightsData;
  /** performance.now() when the view last reported its charts painted. */
  paintedAt?: number;
  /** Each refresh's number: a slower, older one (git is asked) never overwrites a newer one. */
  seq: number;
  /** The newest refresh under way. */
  latest?: Promise<void>;
}

export class InsightsPanels implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly panels = new Map<string, Entry>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly workspace: IncidentWorkspace,
    private readonly log: Log,
  ) {
    this.store.add(workspace.onDidChange(() => this.panels.forEach((e) => this.refresh(e))));
  }

  /** Opens (or reveals) the view for a folder: named, the active editor's, else the first. */
  async show(arg?: unknown): Promise<vscode.WebviewPanel | undefined> {
    await this.workspace.ready;
    const named =
      typeof arg === 'object' && arg !== null && typeof (arg as { folder?: unknown }).folder === 'string' ? (arg as { folder: string }).folder : undefined;
    const active = vscode.window.activeTextEditor && this.workspace.locate(vscode.window.activeTextEditor.document.uri)?.folder;
    const own = this.workspace.folderIndexes().filter((f) => !f.source);
    const folder = own.find((f) => f.folder.uri.toString() === named) ?? (active && !active.source ? active : undefined) ?? own[0];
    if (!folder) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder with incident records to see insights.'));
      return undefined;
    }
    const key = folder.folder.uri.toString();
    const existing = this.panels.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel(INSIGHTS_VIEW_TYPE, vscode.l10n.t('Insights — {0}', folder.folder.name), vscode.ViewColumn.Active, {
      enableScripts: vscode.workspace.isTrusted,
      retainContextWhenHidden: false,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media'), vscode.Uri.joinPath(this.extensionUri, 'dist')],
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'incident-lens.svg');
    const entry: Entry = { panel, folder: key, filter: {}, seq: 0 };
    this.panels.set(key, entry);
    panel.onDidDispose(() => this.panels.delete(key));
    panel.webview.onDidReceiveMessage((raw: unknown) => void this.handleMessage(panel, raw));
    panel.webview.html = this.html(panel.webview, folder);
    if (!vscode.workspace.isTrusted) this.refresh(entry);
    return panel;
  }

  /** What the view of this folder shows now (tests). */
  shownData(folder: string): InsightsData | undefined {
    return this.panels.get(folder)?.lastData;
  }

  /** When the view of this folder last painted its charts (the benchmark). */
  paintedAt(folder: string): number | undefined {
    return this.panels.get(folder)?.paintedAt;
  }

  private folderOf(entry: Entry): FolderIndex | undefined {
    return this.workspace.folderIndexes().find((f) => !f.source && f.folder.uri.toString() === entry.folder);
  }

  private refresh(entry: Entry): void {
    void this.refreshNow(entry).catch((err) => this.log.error('insights', err));
  }

  /** Resolves once the view shows the newest data (a newer refresh started meanwhile is waited for too). */
  private async refreshNow(entry: Entry): Promise<void> {
    let run = this.compute(entry);
    entry.latest = run;
    await run;
    while (entry.latest !== undefined && entry.latest !== run) {
      run = entry.latest;
      await run;
    }
  }

  private async compute(entry: Entry): Promise<void> {
    const folder = this.folderOf(entry);
    if (!folder) return;
    const seq = ++entry.seq;
    const computed = insightsData(folder.index, entry.filter, clockNow());
    // Where git history is at hand (and git may run): the hotspots' risk rate per 1,000 changed lines.
    const changed =
      folder.folder.uri.scheme === 'file' && vscode.workspace.isTrusted
        ? await changedLinesOf(folder.folder.uri.fsPath, computed.hotspots, clockNow()).catch(() => undefined)
        : undefined;
    if (seq !== entry.seq) return;
    const data: InsightsData = { ...computed, hotspots: withChangeRates(computed.hotspots, changed) };
    entry.lastData = data;
    if (vscode.workspace.isTrusted) void entry.panel.webview.postMessage({ type: 'state', data } satisfies InsightsHostMessage);
    else entry.panel.webview.html = this.html(entry.panel.webview, folder, data);
  }

  /** Every message from the webview is untrusted input: validated before anything happens. */
  async handleMessage(panel: vscode.WebviewPanel, raw: unknown): Promise<void> {
    const entry = [...this.panels.values()].find((e) => e.panel === panel);
    if (!entry) return;
    const parsed = insightsMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.error('insights webview', `rejected message: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      void panel.webview.postMessage({ type: 'error', message: 'invalid message' } satisfies InsightsHostMessage);
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'ready':
        await this.refreshNow(entry);
        return;
      case 'painted':
        entry.paintedAt = performance.now();
        return;
      case 'setFilter':
        entry.filter = msg.filter;
        await this.refreshNow(entry);
        return;
      case 'openHotspot': {
        const folder = this.folderOf(entry);
        if (!folder) return;
        const [path, symbol] =
          msg.kind === 'symbol'
            ? [msg.target.slice(0, msg.target.lastIndexOf('#')), msg.target.slice(msg.target.lastIndexOf('#') + 1)]
            : [msg.target, undefined];
        if (msg.kind === 'folder') {
          await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.joinPath(folder.folder.uri, ...path.split('/')));
          return;
        }
        await vscode.commands.executeCommand(COMMANDS.openLink, { folder: folder.folder.uri.toString(), path, ...(symbol ? { symbol } : {}) });
        return;
      }
      case 'copyCsv':
        if (entry.lastData) await vscode.env.clipboard.writeText(insightsCsv(entry.lastData, msg.chart));
        void vscode.window.setStatusBarMessage(vscode.l10n.t('Incident Lens: {0} copied as CSV', msg.chart), 3000);
        return;
      case 'saveSvg': {
        const folder = this.folderOf(entry);
        const target = await vscode.window.showSaveDialog({
          defaultUri: folder && vscode.Uri.joinPath(folder.folder.uri, `incident-insights-${msg.chart}.svg`),
          filters: { SVG: ['svg'] },
        });
        if (target) await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>\n${msg.svg}\n`));
        return;
      }
    }
  }

  private html(webview: vscode.Webview, folder: FolderIndex, staticData?: InsightsData): string {
    const trusted = vscode.workspace.isTrusted;
    const shell = webviewShell(webview, this.extensionUri);
    const body = trusted
      ? `<main id="root" aria-live="polite"><p>Loading insights…</p></main>
<script nonce="${shell.nonce}" src="${escapeHtml(shell.asset('dist', 'insights.js'))}"></script>`
      : `<main id="root" class="restricted"><h1>Insights — ${escapeHtml(folder.folder.name)}</h1><p>${escapeHtml(vscode.l10n.t('Restricted Mode: charts need scripts. The numbers:'))}</p><pre>${escapeHtml(staticData ? insightsCsv(staticData, 'incidents') : '')}</pre></main>`;
    // Plot puts one <style> element in each chart: the script gives it the nonce, so styles take it too.
    return shell.html({ title: 'Insights', stylesheet: 'insights.css', styleNonce: true, scripts: trusted, body });
  }

  dispose(): void {
    for (const e of [...this.panels.values()]) e.panel.dispose();
    this.store.dispose();
  }
}
