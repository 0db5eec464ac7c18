/**
 * Incident Lens: Wire Coding Agents… (issue 30): `init --agents` from VS Code,
 * for each local workspace folder with records. The agents start the CLI
 * from node_modules/.bin or PATH; when neither has it, this extension's own
 * CLI (its absolute path: a note says it works on this machine only).
 */
import * as vscode from 'vscode';
import { syncAgentWiring } from '../node/agentWiring';
import type { IncidentWorkspace } from './incidentWorkspace';

export async function wireCodingAgents(workspace: IncidentWorkspace, extensionCli: string): Promise<void> {
  const lines: string[] = [];
  const problems: string[] = [];
  for (const f of workspace.folderIndexes()) {
    if (f.folder.uri.scheme !== 'file' || f.folder.index < 0) continue;
    const run = await syncAgentWiring(f.folder.uri.fsPath, f.index.incidents(), { fallbackCli: extensionCli });
    const changed = run.plan.filter((p) => p.action !== 'unchanged').length;
    lines.push(vscode.l10n.t('{0}: {1} ({2} file(s) written, {3} unchanged)', f.folder.name, run.agents.join(', '), changed, run.plan.length - changed));
    problems.push(...run.problems, ...run.refused.map((r) => r.reason), ...(run.note ? [run.note] : []));
  }
  if (!lines.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No local folder with incident records to wire coding agents for.'));
    return;
  }
  if (problems.length) void vscode.window.showWarningMessage(vscode.l10n.t('Coding agents: {0}', problems.join('; ')));
  void vscode.window.showInformationMessage(vscode.l10n.t('Coding agents wired (review and commit the files): {0}', lines.join('; ')));
}
