/**
 * Entry point: wires core to VS Code and returns at once; the index loads in
 * the background. Everything registered is owned by context.subscriptions.
 */
import * as vscode from 'vscode';
import { COMMANDS, VIEWS } from './constants';
import { IncidentWorkspace } from './incidentWorkspace';
import { Log } from './log';
import { ProblemsPublisher } from './problems';
import { IncidentStatusBar } from './statusBar';
import { ActionsTreeProvider, IncidentsTreeProvider } from './tree/incidentsTree';
import { openLink, openRecord } from './commands/navigation';
import { searchIncidents } from './commands/search';
import { openDemo, openDocs, pickGroupBy, pickSortBy } from './commands/view';
import { affects } from './config';

export interface IncidentLensApi {
  /** Resolves when every workspace folder's records have loaded once. */
  ready: Promise<void>;
  /** For the integration tests: the live parts, read-only use. */
  readonly internals: {
    readonly workspace: IncidentWorkspace;
    readonly incidentsTree: IncidentsTreeProvider;
    readonly actionsTree: ActionsTreeProvider;
    readonly statusBar: IncidentStatusBar;
  };
}

export function activate(context: vscode.ExtensionContext): IncidentLensApi {
  const log = new Log();
  const sub = <T extends vscode.Disposable>(d: T): T => {
    context.subscriptions.push(d);
    return d;
  };
  sub(log);
  const workspace = sub(new IncidentWorkspace(log));
  const problems = sub(new ProblemsPublisher(workspace));
  const incidentsTree = sub(new IncidentsTreeProvider(workspace));
  const actionsTree = sub(new ActionsTreeProvider(workspace));
  const statusBar = sub(new IncidentStatusBar(workspace));
  sub(vscode.window.createTreeView(VIEWS.incidents, { treeDataProvider: incidentsTree, showCollapseAll: true }));
  sub(vscode.window.createTreeView(VIEWS.actions, { treeDataProvider: actionsTree }));

  const command = (id: string, fn: (...args: unknown[]) => unknown) =>
    sub(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await fn(...args);
        } catch (err) {
          log.error(id, err);
          void vscode.window.showErrorMessage(`Incident Lens: ${err instanceof Error ? err.message : String(err)}`);
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

  sub(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, 'tree')) incidentsTree.refresh();
    }),
  );

  void workspace.ready.then(() => problems.publishAll());
  return { ready: workspace.ready, internals: { workspace, incidentsTree, actionsTree, statusBar } };
}

export function deactivate(): void {}
