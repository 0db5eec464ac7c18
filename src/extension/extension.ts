/**
 * Entry point: wires core to VS Code and returns at once; the index loads in
 * the background. Everything registered is owned by context.subscriptions.
 */
import { SourceApproval } from './sourceApproval';
import * as vscode from 'vscode';
import { COMMANDS, COMMIT_SCHEME, TIMELINE_VIEW_TYPE, VIEWS } from './constants';
import { IncidentWorkspace } from './incidentWorkspace';
import { Log } from './log';
import { ProblemsPublisher } from './problems';
import { IncidentStatusBar } from './statusBar';
import { ActionsTreeProvider, IncidentsTreeProvider, RunbooksTreeProvider } from './tree/incidentsTree';
import { openLink, openRecord } from './commands/navigation';
import { searchIncidents } from './commands/search';
import { openDemo, openDocs, pickGroupBy, pickSortBy } from './commands/view';
import { affects } from './config';
import { EditRefused } from './editRefused';
import type { LinkingCommands } from './commands/linking';
import type { InsightsPanels } from './insightsPanel';
import { IncidentCodeLensProvider, IncidentDecorationProvider, IncidentHoverProvider } from './codeLinks';
import { CodeLinksController } from './codeLinksController';
import { copyPromptTemplate, showLinkedIncidents } from './commands/codeLinkCommands';
import type { TimelinePanels } from './timelinePanel';
import type { TimelinePanelState } from '../webview/timelineProtocol';
import { pickIncident } from './commands/pickIncident';
import { AiLearnings } from './aiLearnings';
import { McpServers } from './mcpProvider';
import { commandLinePoolSize, hostPoolSize, ParsePool } from '../node/parsePool';
import { buildVersion, commandLineCacheDir } from '../node/cacheDir';
import { LazyPart } from './lazyPart';

export interface IncidentLensApi {
  /** Resolves when every workspace folder's records have loaded once. */
  ready: Promise<void>;
  /** For the integration tests: the live parts, read-only use. */
  readonly internals: {
    readonly workspace: IncidentWorkspace;
    readonly incidentsTree: IncidentsTreeProvider;
    readonly actionsTree: ActionsTreeProvider;
    readonly statusBar: IncidentStatusBar;
    readonly codeLens: IncidentCodeLensProvider;
    readonly hover: IncidentHoverProvider;
    readonly decorations: IncidentDecorationProvider;
    /** Loaded on first use (LazyPart): reading one before throws. */
    readonly linking: LinkingCommands;
    /** Loaded on first use (LazyPart): reading it before throws. */
    readonly timelines: TimelinePanels;
    /** Loaded on first use (LazyPart): reading it before throws. */
    readonly insights: InsightsPanels;
    readonly log: Log;
    readonly ai: AiLearnings;
    readonly mcp: McpServers;
    readonly incidentsView: vscode.TreeView<unknown>;
    readonly runbooksTree: RunbooksTreeProvider;
    /** performance.now() when activate() started, how long it took, and when the records had loaded. */
    readonly timing: { readonly activateStart: number; readonly activateMs: number; readonly readyMs?: number };
  };
}

/** The composition root: one line per registration, so long by nature; what a command does lives in its own file, loaded on first use. */
export function activate(context: vscode.ExtensionContext): IncidentLensApi {
  const activateStart = performance.now();
  const log = new Log();
  const sub = <T extends vscode.Disposable>(d: T): T => {
    context.subscriptions.push(d);
    return d;
  };
  sub(log);
  const pool = new ParsePool(vscode.Uri.joinPath(context.extensionUri, 'dist', 'parseWorker.js').fsPath, hostPoolSize(), commandLinePoolSize());
  sub({ dispose: () => void pool.dispose() });
  const storage = context.storageUri ?? context.globalStorageUri;
  const sourceApproval = new SourceApproval(context.workspaceState);
  const workspace = sub(
    new IncidentWorkspace(
      log,
      {
        pool,
        // Local folders: the one cache the command line, the hooks and the MCP server use too (cacheDir.ts), so a
        // window opened after a `risk` run starts warm, and back; the extension's storage when that is turned off.
        cacheDir: storage.scheme === 'file' ? (commandLineCacheDir() ?? vscode.Uri.joinPath(storage, 'record-cache').fsPath) : undefined,
        // Versioned by the parser the bundle ships (hashed on first use, not during activation), as the CLI's is.
        version: () =>
          buildVersion(
            String((context.extension.packageJSON as { version?: string }).version),
            vscode.Uri.joinPath(context.extensionUri, 'dist', 'parseWorker.js').fsPath,
          ),
      },
      sourceApproval,
    ),
  );
  const problems = sub(new ProblemsPublisher(workspace));
  // The record editor (yaml edits that keep comments and layout) loads with the first edit or quick fix.
  const recordEditor = new LazyPart('the record editor', async () => new (await import('./recordEditor')).RecordEditor(log));
  const quickFixes = new LazyPart('quick fixes', async () => new (await import('./quickFixes')).RecordQuickFixProvider(workspace));
  sub(
    vscode.languages.registerCodeActionsProvider(
      { scheme: 'file', pattern: '**/*.{yaml,yml}' },
      {
        // Only where Incident Lens put a diagnostic is there a fix to offer.
        provideCodeActions: async (document, range, context) =>
          context.diagnostics.some((d) => d.source === 'Incident Lens') ? (await quickFixes.get()).provideCodeActions(document, range, context) : [],
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );
  const incidentsTree = sub(new IncidentsTreeProvider(workspace, log));
  const actionsTree = sub(new ActionsTreeProvider(workspace, log));
  const statusBar = sub(new IncidentStatusBar(workspace));
  const incidentsView = sub(vscode.window.createTreeView(VIEWS.incidents, { treeDataProvider: incidentsTree, showCollapseAll: true }));
  sub(vscode.window.createTreeView(VIEWS.actions, { treeDataProvider: actionsTree }));
  const runbooksTree = sub(new RunbooksTreeProvider(workspace, log));
  sub(vscode.window.createTreeView(VIEWS.runbooks, { treeDataProvider: runbooksTree }));

  const command = (id: string, fn: (...args: unknown[]) => unknown) =>
    sub(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await fn(...args);
        } catch (err) {
          if (!(err instanceof EditRefused)) log.error(id, err);
          void vscode.window.showErrorMessage(`Incident Lens: ${err instanceof Error ? err.message : String(err)}`);
          // Callers passing an argument object (tests, other extensions) get the failure too.
          if (args[0] !== null && typeof args[0] === 'object' && Object.getPrototypeOf(args[0]) === Object.prototype) throw err;
          return undefined;
        }
      }),
    );
  command(COMMANDS.openRecord, (args) => openRecord(workspace, args));
  command(COMMANDS.openLink, (args) => openLink(workspace, args));
  command(COMMANDS.searchIncidents, (query) => searchIncidents(workspace, typeof query === 'string' ? query : undefined));
  command(COMMANDS.refresh, () => workspace.reload());
  command(COMMANDS.groupBy, (value) => pickGroupBy(value));
  command(COMMANDS.sortBy, (value) => pickSortBy(value));
  command(COMMANDS.openDocs, () => openDocs(context.extensionUri));
  command(COMMANDS.openDemo, () => openDemo(context.extensionUri, context.globalStorageUri));
  command(COMMANDS.showOutput, () => log.channel.show());
  // What a LazyPart loads is a chunk of its own in the production bundle, read from disk on first use.
  const onDemand = new LazyPart('the editing and wiring commands', async () => {
    const [m, editor] = await Promise.all([import('./commands/onDemand'), recordEditor.get()]);
    return {
      m,
      editor,
      editing: new m.EditingCommands(workspace, editor),
      postmortem: new m.PostmortemCommands(workspace, editor),
      linking: new m.LinkingCommands(workspace, editor, log),
      reviews: new m.ReviewCommands(workspace, editor),
      handToAgent: new m.HandToAgent(workspace),
      runbooks: sub(new m.RunbookCommands(workspace)),
    };
  });
  const on =
    <T>(fn: (c: Awaited<ReturnType<typeof onDemand.get>>, arg: unknown) => T) =>
    async (arg: unknown) =>
      fn(await onDemand.get(), arg);
  command(
    COMMANDS.getStarted,
    on((c) => c.m.openWalkthrough()),
  );
  command(
    COMMANDS.addCiCheck,
    on((c, arg) => c.m.addCiCheck(arg)),
  );
  command(
    COMMANDS.newIncident,
    on((c, arg) => c.m.newIncident(workspace, c.editor, arg)),
  );
  command(
    COMMANDS.logTimelineEntry,
    on((c, arg) => c.editing.logTimelineEntry(arg)),
  );
  command(
    COMMANDS.setStatus,
    on((c, arg) => c.editing.setStatus(arg)),
  );
  command(
    COMMANDS.addAction,
    on((c, arg) => c.editing.addAction(arg)),
  );
  command(
    COMMANDS.completeAction,
    on((c, arg) => c.editing.completeAction(arg)),
  );
  command(
    COMMANDS.recordCommunication,
    on((c, arg) => c.editing.recordCommunication(arg)),
  );
  command(
    COMMANDS.setRootCause,
    on((c, arg) => c.editing.setRootCause(arg)),
  );
  command(
    COMMANDS.startPostmortem,
    on((c, arg) => c.postmortem.startPostmortem(arg)),
  );
  command(
    COMMANDS.exportPostmortem,
    on((c, arg) => c.postmortem.exportPostmortem(arg)),
  );
  command(
    COMMANDS.createActionRecords,
    on((c, arg) => c.postmortem.createActionRecords(arg)),
  );
  command(
    COMMANDS.linkFile,
    on((c, arg) => c.linking.linkFile(arg)),
  );
  command(
    COMMANDS.linkSymbol,
    on((c, arg) => c.linking.linkSymbol(arg)),
  );
  command(
    COMMANDS.linkCommitFiles,
    on((c, arg) => c.linking.linkCommitFiles(arg)),
  );
  sub(
    vscode.workspace.onDidRenameFiles(
      (e) =>
        void onDemand
          .get()
          .then((c) => c.linking.filesRenamed(e.files))
          .catch((err) => log.error('renames', err)),
    ),
  );
  command(
    COMMANDS.markReviewed,
    on((c, arg) => c.reviews.markReviewed(arg)),
  );
  command(
    COMMANDS.handToAgent,
    on((c, arg) => c.handToAgent.run(arg)),
  );
  command(
    COMMANDS.runRunbookStep,
    on((c, arg) => c.runbooks.run(arg)),
  );
  command(
    COMMANDS.wireCodingAgents,
    on((c) => c.m.wireCodingAgents(workspace, context.asAbsolutePath('dist/cli.js'))),
  );

  const codeLens = new IncidentCodeLensProvider(workspace, log);
  const hover = new IncidentHoverProvider(workspace, log);
  const decorations = new IncidentDecorationProvider(workspace, log);
  sub(new CodeLinksController(workspace, codeLens, hover, decorations));
  const history = new LazyPart('git history', async () => {
    const { CommitContentProvider, GitHistoryCommands } = await import('./commands/gitHistory');
    return { commands: new GitHistoryCommands(workspace, await recordEditor.get(), log), content: new CommitContentProvider() };
  });
  // The scheme is registered now (a commit restored with the window opens at once); git history loads when one is shown.
  sub(
    vscode.workspace.registerTextDocumentContentProvider(COMMIT_SCHEME, {
      provideTextDocumentContent: async (uri) => (await history.get()).content.provideTextDocumentContent(uri),
    }),
  );
  command(COMMANDS.suggestCodeLinks, async (arg) => (await history.get()).commands.suggest(arg));
  command(COMMANDS.openCommit, async (arg) => (await history.get()).commands.openCommit(arg));
  const importing = new LazyPart(
    'Import Incidents',
    async () => new (await import('./commands/importIncidents')).ImportCommands(workspace, await recordEditor.get(), log),
  );
  command(COMMANDS.importIncidents, async (arg) => (await importing.get()).importIncidents(arg));
  const mergeDriver = new LazyPart('the merge driver', async () => new (await import('./mergeDriverOffer')).MergeDriverSetup(context, workspace, log));
  command(COMMANDS.registerMergeDriver, async (arg) => (await mergeDriver.get()).register(arg));
  void workspace.ready.then(async () => (await mergeDriver.get()).offer()).catch((err) => log.error('merge driver offer', err));
  command(COMMANDS.showLinkedIncidents, (arg) => showLinkedIncidents(workspace, arg));
  command(COMMANDS.copyPromptTemplate, (arg) => copyPromptTemplate(workspace, arg));
  command(COMMANDS.allowRecordSources, () => sourceApproval.allowPending());

  const ai = sub(new AiLearnings(workspace, log, incidentsView));
  const mcp = sub(new McpServers(context, workspace, log));
  command(COMMANDS.writeAiInstructions, async () => {
    const results = [];
    for (const folder of workspace.folderIndexes()) results.push(await ai.write(folder));
    const written = results.reduce((n, r) => n + r.written.length + r.deleted.length, 0);
    const skipped = results.flatMap((r) => r.skipped);
    const refused = results.flatMap((r) => r.refused);
    if (refused.length)
      void vscode.window.showWarningMessage(vscode.l10n.t('AI instructions: not written (a symbolic link on the way): {0}', refused.join('; ')));
    void vscode.window.showInformationMessage(
      (written
        ? vscode.l10n.t(
            'AI instructions: {0} file(s) updated, {1} unchanged.',
            written,
            results.reduce((n, r) => n + r.unchanged, 0),
          )
        : vscode.l10n.t('AI instructions are up to date.')) +
        (skipped.length ? ' ' + vscode.l10n.t('Not written (unsaved changes): {0}', skipped.join(', ')) : ''),
    );
    return results;
  });

  const timelines = new LazyPart('the timeline view', async () =>
    sub(new (await import('./timelinePanel')).TimelinePanels(context.extensionUri, workspace, await recordEditor.get(), log)),
  );
  // Registered now so a panel restored with the window (onWebviewPanel) finds it; the view itself loads then.
  sub(
    vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, {
      // The state is what the panel saved; TimelinePanels checks it as before.
      deserializeWebviewPanel: async (panel, state: unknown) => (await timelines.get()).deserializeWebviewPanel(panel, state as TimelinePanelState | undefined),
    }),
  );
  const insights = new LazyPart('Insights', async () => sub(new (await import('./insightsPanel')).InsightsPanels(context.extensionUri, workspace, log)));
  command(COMMANDS.showInsights, async (arg) => (await insights.get()).show(arg));
  command(COMMANDS.showTimeline, async (arg) => {
    const ref = await pickIncident(workspace, arg, vscode.l10n.t('Show the timeline of…'));
    return ref ? (await timelines.get()).show(ref) : undefined;
  });

  sub(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, 'tree')) incidentsTree.refresh();
    }),
  );

  void workspace.ready.then(() => problems.publishAll());
  const timing: { activateStart: number; activateMs: number; readyMs?: number } = { activateStart, activateMs: performance.now() - activateStart };
  void workspace.ready.then(() => {
    timing.readyMs = performance.now() - activateStart;
    const files = workspace.folderIndexes().reduce((n, f) => n + f.index.allFiles().length, 0);
    log.info(`activated in ${timing.activateMs.toFixed(1)} ms; ${files} records loaded ${timing.readyMs.toFixed(0)} ms after activation`);
  });
  return {
    ready: workspace.ready,
    internals: {
      workspace,
      incidentsTree,
      actionsTree,
      statusBar,
      codeLens,
      hover,
      decorations,
      get linking() {
        return onDemand.loaded.linking;
      },
      get timelines() {
        return timelines.loaded;
      },
      get insights() {
        return insights.loaded;
      },
      log,
      ai,
      mcp,
      incidentsView,
      runbooksTree,
      timing,
    },
  };
}

export function deactivate(): void {}
