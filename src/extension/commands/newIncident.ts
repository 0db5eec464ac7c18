/**
 * New Incident: the six questions of the seed process's first minute (or an
 * argument object, for tests and other extensions), then a record file with
 * the next free id, written through the one edit path.
 */
import * as vscode from 'vscode';
import { z } from 'zod';
import { inIncidentOffset, newIncidentText, nextIncidentId } from '../../core/records/recordOps';
import { DETECTION_METHODS, PRIORITIES, PRIORITY_DEFINITIONS } from '../../core/records/schema';
import { formatInstant, parseTime } from '../../core/time/recordTime';
import { currentAuthor } from '../author';
import type { FolderIndex, IncidentWorkspace } from '../incidentWorkspace';
import type { RecordEditor } from '../recordEditor';
import { now as clockNow } from '../extensionClock';
import { localOffset, parseArgs } from './commandArgs';

const NEW_INCIDENT_ARGS = z.object({
  folder: z.string().optional(),
  title: z.string().min(1),
  priority: z.enum(PRIORITIES),
  detectedHow: z.enum(DETECTION_METHODS).optional(),
  detectedSource: z.string().optional(),
  system: z.string().optional(),
  start: z.string().optional(),
  author: z.string().optional(),
});

export async function newIncident(workspace: IncidentWorkspace, editor: RecordEditor, arg?: unknown): Promise<vscode.Uri | undefined> {
  const args = parseArgs(NEW_INCIDENT_ARGS, arg);
  const folders = workspace.folderIndexes();
  let folder: FolderIndex | undefined = args?.folder ? folders.find((f) => f.folder.uri.toString() === args.folder) : folders[0];
  if (!args && folders.length > 1) {
    const pick = await vscode.window.showQuickPick(
      folders.map((f) => ({ label: f.folder.name, f })),
      { placeHolder: vscode.l10n.t('Which workspace folder?') },
    );
    folder = pick?.f;
  }
  if (!folder) throw new Error(vscode.l10n.t('Open a folder to create incidents in.'));
  const author = args?.author ?? (await currentAuthor(folder.folder));
  // A six-question form: a click elsewhere (the walkthrough re-rendering, a notification) must not throw the answers away.
  const input = args ?? (await askNewIncident());
  if (!input) return undefined;
  const start = input.start ? parseTime(input.start) : undefined;
  if (start && start.kind !== 'instant') throw new Error(vscode.l10n.t('"{0}" is not a time with offset.', input.start!));
  const id = nextIncidentId(
    folder.index.allFiles().map(
      (f) =>
        f.record?.id ??
        f.file
          .split('/')
          .pop()!
          .replace(/\.ya?ml$/i, ''),
    ),
  );
  const text = newIncidentText({
    id,
    title: input.title.trim(),
    priority: input.priority,
    start: start?.kind === 'instant' ? start.instant : inIncidentOffset(undefined, clockNow(), localOffset()),
    detectedHow: input.detectedHow,
    detectedSource: input.detectedSource,
    system: input.system,
    roles: { incidentLead: author, commsOwner: author, technicalLead: author, onCall: author },
    author,
  });
  const uri = await editor.create(folder, `${folder.index.folder}/${id}.yaml`, text);
  if (!args) await vscode.window.showTextDocument(uri);
  return uri;
}

type NewIncidentArgs = z.infer<typeof NEW_INCIDENT_ARGS>;

/** The questions of the form, in the seed's order; undefined when the person cancels one. */
async function askNewIncident(): Promise<NewIncidentArgs | undefined> {
  const title = await vscode.window.showInputBox({
    prompt: vscode.l10n.t('Short description of the incident'),
    placeHolder: vscode.l10n.t('Payment page 500 error'),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A title is needed')),
  });
  if (!title) return undefined;
  const priority = await vscode.window.showQuickPick(
    PRIORITIES.map((p) => ({ label: p, description: PRIORITY_DEFINITIONS[p], value: p })),
    { placeHolder: vscode.l10n.t('Priority'), ignoreFocusOut: true },
  );
  if (!priority) return undefined;
  const how = await vscode.window.showQuickPick(
    DETECTION_METHODS.map((d) => ({ label: d, value: d })),
    { placeHolder: vscode.l10n.t('How was it detected?'), ignoreFocusOut: true },
  );
  if (!how) return undefined;
  const detectedSource = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Detected by (alert, report…), optional'), ignoreFocusOut: true });
  if (detectedSource === undefined) return undefined;
  const system = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Affected system, optional'), ignoreFocusOut: true });
  if (system === undefined) return undefined;
  const start = await vscode.window.showInputBox({
    prompt: vscode.l10n.t('Start'),
    ignoreFocusOut: true,
    value: formatInstant(inIncidentOffset(undefined, clockNow(), localOffset())),
    validateInput: (v) => (parseTime(v).kind === 'instant' ? undefined : vscode.l10n.t('ISO 8601 with offset, e.g. 2025-03-18T14:37:00+03:00')),
  });
  if (!start) return undefined;
  return { title, priority: priority.value, detectedHow: how.value, detectedSource: detectedSource || undefined, system: system || undefined, start };
}
