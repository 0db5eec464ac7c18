/**
 * Which record sources a workspace folder reads: the repository's own
 * (.incident-lens.yaml, its .vscode/settings.json) once the person approved
 * them (sourceApproval.ts), and those of the user's own setting. Warnings
 * about sources that cannot be read are shown and logged.
 */
import * as vscode from 'vscode';
import type { ResolvedSource } from '../core/index/recordSources';
import { resolveSources } from '../node/sources';
import { CONFIG } from './constants';
import type { SourceApproval } from './sourceApproval';

export function sourcesToRead(wf: vscode.WorkspaceFolder, approval: SourceApproval | undefined, log: (warning: string) => void): ResolvedSource[] {
  const inspected = vscode.workspace.getConfiguration(CONFIG.section, wf.uri).inspect<string[]>(CONFIG.sources);
  const fromUser = new Set(inspected?.globalValue ?? []);
  const extra = vscode.workspace
    .getConfiguration(CONFIG.section, wf.uri)
    .get<string[]>(CONFIG.sources, [])
    .map((p) => ({ path: p, from: fromUser.has(p) ? 'user setting incidentLens.sources' : 'setting incidentLens.sources' }));
  const resolved = resolveSources(wf.uri.fsPath, extra);
  const sources = approval
    ? approval.approved(
        wf,
        resolved.sources.filter((s) => !s.from.startsWith('user setting')),
        resolved.sources,
      )
    : resolved.sources;
  for (const w of resolved.warnings) {
    log(w);
    void vscode.window.showWarningMessage(vscode.l10n.t('Incident Lens: {0}', w));
  }
  return sources;
}
