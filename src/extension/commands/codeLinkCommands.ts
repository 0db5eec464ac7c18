/** Commands behind CodeLens and hover links. */
import * as vscode from 'vscode';
import { z } from 'zod';
import { COMMANDS } from '../constants';
import type { IncidentWorkspace } from '../incidentWorkspace';
import { fillPromptTemplate } from '../../core/ai/learnings';
import { priorityText } from '../../core/records/schema';

const linkedArgs = z.object({ folder: z.string().optional(), ids: z.array(z.string()).min(1) });
const copyArgs = z.object({ folder: z.string().optional(), incident: z.string(), file: z.string().optional(), symbol: z.string().optional() });

export async function showLinkedIncidents(workspace: IncidentWorkspace, raw: unknown): Promise<void> {
  const args = linkedArgs.parse(raw);
  const refs = args.ids.map((id) => workspace.findIncident(id, args.folder)).filter((r) => r !== undefined);
  const pick = await vscode.window.showQuickPick(
    refs.map((r) => ({
      label: `${priorityText(r.incident.head.priority)} ${r.incident.id} ${r.incident.head.title}`,
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
  // Without a file from the caller (timeline, palette), the active editor's file when it is linked to the incident.
  let file = args.file;
  if (!file && ref && vscode.window.activeTextEditor) {
    const located = workspace.locate(vscode.window.activeTextEditor.document.uri);
    if (located && located.folder === ref.folder && ref.folder.index.linksForFile(located.path).some((l) => l.record.id === ref.incident.id))
      file = located.path;
  }
  const filled = ref && fillPromptTemplate(ref.incident, { file, symbol: args.symbol });
  if (!filled) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no prompt template yet.', args.incident));
    return undefined;
  }
  await vscode.env.clipboard.writeText(filled.text);
  const still = filled.open.length ? vscode.l10n.t(' — fill in {0}', filled.open.map((o) => `[${o.trim()}]`).join(', ')) : '';
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Prompt template of {0} copied', args.incident) + still, 5000);
  return filled.text;
}
