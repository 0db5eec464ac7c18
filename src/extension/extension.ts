/**
 * Entry point: wires core to VS Code and returns at once; the index loads in
 * the background. Everything registered is owned by context.subscriptions.
 */
import { ReviewCommands } from './commands/reviewCommands';
import { HandToAgent } from './commands/handToAgent';
import { SourceApproval } from './sourceApproval';
import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import { wireCodingAgents } from './agentWiringCommand';
import { COMMANDS, VIEWS } from './constants';
import { IncidentWorkspace } from './incidentWorkspace';
import { Log } from './log';
import { ProblemsPublisher } from './problems';
import { IncidentStatusBar } from './statusBar';
import { ActionsTreeProvider, IncidentsTreeProvider, RunbooksTreeProvider } from './tree/incidentsTree';
import { RunbookCommands } from './commands/runbooks';
import { openLink, openRecord } from './commands/navigation';
import { addCiCheck, openWalkthrough } from './commands/gettingStarted';
import { RecordQuickFixProvider } from './quickFixes';
import { searchIncidents } from './commands/search';
import { openDemo, openDocs, pickGroupBy, pickSortBy } from './commands/view';
import { affects } from './config';
import { EditingCommands } from './commands/editing';
import { PostmortemCommands } from './commands/postmortemCommands';
import { newIncident } from './commands/newIncident';
import { EditRefused, RecordEditor } from './recordEditor';
import { LinkingCommands } from './commands/linking';
import { InsightsPanels } from './insightsPanel';
import { MergeDriverSetup } from './mergeDriverOffer';
import { CommitContentProvider, COMMIT_SCHEME, GitHistoryCommands } from './commands/gitHistory';
import { IncidentCodeLensProvider, IncidentDecorationProvider, IncidentHoverProvider } from './codeLinks';
import { CodeLinksController } from './codeLinksController';
import { copyPromptTemplate, showLinkedIncidents } from './commands/codeLinkCommands';
import { TimelinePanels } from './timelinePanel';
import { pickIncident } from './commands/pickIncident';
import { AiLearnings } from './aiLearnings';
import { McpServers } from './mcpProvider';
import { ImportCommands } from './commands/importIncidents';
import { ParsePool } from '../node/parsePool';

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
    readonly linking: LinkingCommands;
    readonly timelines: TimelinePanels;
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

export function activate(context: vscode.ExtensionContext): IncidentLensApi {
  const activateStart = performance.now();
  const log = new Log();
  const sub = <T extends vscode.Disposable>(d: T): T => {
    context.subscriptions.push(d);
    return d;
  };
  sub(log);
  const pool = new ParsePool(vscode.Uri.joinPath(context.extensionUri, 'dist', 'parseWorker.js').fsPath);
  sub({ dispose: () => void pool.dispose() });
  const storage = context.storageUri ?? context.globalStorageUri;
  const sourceApproval = new SourceApproval(context.workspaceState);
  const workspace = sub(
    new IncidentWorkspace(
      log,
      {
        pool,
        cacheDir: storage.scheme === 'file' ? vscode.Uri.joinPath(storage, 'record-cache').fsPath : undefined,
        // A rebuilt bundle (same version in development) never trusts an older cache.
        version: `${String((context.extension.packageJSON as { version?: string }).version)}-${statSync(__filename).mtimeMs}`,
      },
      sourceApproval,
    ),
  );
  const problems = sub(new ProblemsPublisher(workspace));
  sub(
    vscode.languages.registerCodeActionsProvider({ scheme: 'file', pattern: '**/*.{yaml,yml}' }, new RecordQuickFixProvider(workspace), {
      providedCodeActionKinds: RecordQuickFixProvider.kinds,
    }),
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
  command(COMMANDS.getStarted, () => openWalkthrough());
  command(COMMANDS.addCiCheck, (arg) => addCiCheck(arg));

  const recordEditor = new RecordEditor(log);
  const editing = new EditingCommands(workspace, recordEditor);
  const postmortem = new PostmortemCommands(workspace, recordEditor);
  command(COMMANDS.newIncident, (arg) => newIncident(workspace, recordEditor, arg));
  command(COMMANDS.logTimelineEntry, (arg) => editing.logTimelineEntry(arg));
  command(COMMANDS.setStatus, (arg) => editing.setStatus(arg));
  command(COMMANDS.addAction, (arg) => editing.addAction(arg));
  command(COMMANDS.completeAction, (arg) => editing.completeAction(arg));
  command(COMMANDS.recordCommunication, (arg) => editing.recordCommunication(arg));
  command(COMMANDS.setRootCause, (arg) => editing.setRootCause(arg));
  command(COMMANDS.startPostmortem, (arg) => postmortem.startPostmortem(arg));
  command(COMMANDS.exportPostmortem, (arg) => postmortem.exportPostmortem(arg));
  command(COMMANDS.createActionRecords, (arg) => postmortem.createActionRecords(arg));

  const codeLens = new IncidentCodeLensProvider(workspace, log);
  const hover = new IncidentHoverProvider(workspace, log);
  const decorations = new IncidentDecorationProvider(workspace, log);
  sub(new CodeLinksController(workspace, codeLens, hover, decorations));
  const linking = new LinkingCommands(workspace, recordEditor, log);
  command(COMMANDS.linkFile, (arg) => linking.linkFile(arg));
  command(COMMANDS.linkSymbol, (arg) => linking.linkSymbol(arg));
  command(COMMANDS.linkCommitFiles, (arg) => linking.linkCommitFiles(arg));
  const history = new GitHistoryCommands(workspace, recordEditor, log);
  sub(vscode.workspace.registerTextDocumentContentProvider(COMMIT_SCHEME, new CommitContentProvider()));
  command(COMMANDS.suggestCodeLinks, (arg) => history.suggest(arg));
  const importing = new ImportCommands(workspace, recordEditor, log);
  command(COMMANDS.importIncidents, (arg) => importing.importIncidents(arg));
  command(COMMANDS.openCommit, (arg) => history.openCommit(arg));
  const mergeDriver = new MergeDriverSetup(context, workspace, log);
  command(COMMANDS.registerMergeDriver, (arg) => mergeDriver.register(arg));
  void workspace.ready.then(() => mergeDriver.offer()).catch((err) => log.error('merge driver offer', err));
  command(COMMANDS.showLinkedIncidents, (arg) => showLinkedIncidents(workspace, arg));
  command(COMMANDS.copyPromptTemplate, (arg) => copyPromptTemplate(workspace, arg));
  sub(vscode.workspace.onDidRenameFiles((e) => void linking.filesRenamed(e.files).catch((err) => log.error('renames', err))));

  command(COMMANDS.allowRecordSources, () => sourceApproval.allowPending());
  const reviews = new ReviewCommands(workspace, recordEditor);
  command(COMMANDS.markReviewed, (arg) => reviews.markReviewed(arg));
  const handToAgent = new HandToAgent(workspace);
  command(COMMANDS.handToAgent, (arg) => handToAgent.run(arg));
  const runbooks = sub(new RunbookCommands(workspace));
  command(COMMANDS.runRunbookStep, (arg) => runbooks.run(arg));

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

  command(COMMANDS.wireCodingAgents, () => wireCodingAgents(workspace, context.asAbsolutePath('dist/cli.js')));

  const timelines = sub(new TimelinePanels(context.extensionUri, workspace, recordEditor, log));
  const insights = sub(new InsightsPanels(context.extensionUri, workspace, log));
  command(COMMANDS.showInsights, (arg) => insights.show(arg));
  command(COMMANDS.showTimeline, async (arg) => {
    const ref = await pickIncident(workspace, arg, vscode.l10n.t('Show the timeline of…'));
    return ref ? timelines.show(ref) : undefined;
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
      linking,
      timelines,
      insights,
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
