/** Commands behind CodeLens and hover links. */
import * as vscode from 'vscode';
import { z } from 'zod';
import { COMMANDS } from '../constants';
import type { IncidentWorkspace } from '../incidentWorkspace';

const linkedArgs = z.object({ folder: z.string(), ids: z.array(z.string()).min(1) });
const copyArgs = z.object({ folder: z.string().optional(), incident: z.string() });

export async function showLinkedIncidents(workspace: IncidentWorkspace, raw: unknown): Promise<void> {
  const args = linkedArgs.parse(raw);
  const refs = args.ids.map((id) => workspace.findIncident(id, args.folder)).filter((r) => r !== undefined);
  const pick = await vscode.window.showQuickPick(
    refs.map((r) => ({
      label: `${r.incident.record.priority} ${r.incident.id} ${r.incident.record.title}`,
      detail: (r.incident.record.rootCause?.confirmed ?? r.incident.record.rootCause?.initialHypothesis ?? '').replace(/\s+/g, ' '),
      r,
    })),
    { placeHolder: vscode.l10n.t('Past incidents linked here') },
  );
  if (pick) await vscode.commands.executeCommand(COMMANDS.showTimeline, { folder: pick.r.folder.folder.uri.toString(), incident: pick.r.incident.id });
}

export async function copyPromptTemplate(workspace: IncidentWorkspace, raw: unknown): Promise<string | undefined> {
  const args = copyArgs.parse(raw);
  const ref = workspace.findIncident(args.incident, args.folder);
  const template = ref?.incident.record.learning?.promptTemplate?.trim();
  if (!template) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no prompt template yet.', args.incident));
    return undefined;
  }
  await vscode.env.clipboard.writeText(template);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Prompt template of {0} copied', args.incident), 3000);
  return template;
}
