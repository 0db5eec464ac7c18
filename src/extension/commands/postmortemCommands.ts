/**
 * The postmortem steps of the seed process from the command palette: start it
 * (owner and the 48-hour due date), turn its planned actions into their own
 * records, and export it as Markdown. Arguments as in editing.ts.
 */
import * as vscode from 'vscode';
import { z } from 'zod';
import type { Incident } from '../../core/records/model';
import { postmortemMarkdown } from '../../core/present/postmortemExport';
import { actionRecordsFromPlan, startPostmortemOps } from '../../core/records/recordOps';
import { applyEdits } from '../../core/records/yamlEdit';
import { currentAuthor } from '../author';
import { COMMANDS } from '../constants';
import type { IncidentRef, IncidentWorkspace } from '../incidentWorkspace';
import { EditRefused, type RecordEditor } from '../recordEditor';
import { parseArgs } from './commandArgs';
import { pickIncident } from './pickIncident';

export class PostmortemCommands {
  constructor(
    private readonly workspace: IncidentWorkspace,
    private readonly editor: RecordEditor,
  ) {}

  private pickIncident(arg: unknown, filter: (i: Incident) => boolean, placeHolder: string): Promise<IncidentRef | undefined> {
    return pickIncident(this.workspace, arg, placeHolder, filter);
  }

  async startPostmortem(arg?: unknown): Promise<void> {
    const args = parseArgs(z.object({ incident: z.string(), folder: z.string().optional(), owner: z.string().optional() }), arg);
    const ref = await this.pickIncident(args ?? arg, (i) => i.head.status !== 'active', vscode.l10n.t('Start the postmortem of…'));
    if (!ref) return;
    const owner = args?.owner ?? ref.incident.record.roles?.incidentLead ?? (await currentAuthor(ref.folder.folder));
    await this.editor.edit(ref.folder, ref.incident.file, (record) => startPostmortemOps(record as Incident, owner));
    if (!args)
      await vscode.commands.executeCommand(COMMANDS.openRecord, { folder: ref.folder.folder.uri.toString(), file: ref.incident.file, path: ['postmortem'] });
  }

  /** Each planned postmortem action becomes its own record file, named back in the plan. */
  async createActionRecords(arg?: unknown): Promise<vscode.Uri[]> {
    const args = parseArgs(z.object({ incident: z.string(), folder: z.string().optional() }), arg);
    const ref = await this.pickIncident(
      args ?? arg,
      (i) => (i.head.postmortem?.actionPlan ?? []).some((p) => typeof p !== 'string'),
      vscode.l10n.t('Create action records for…'),
    );
    if (!ref) return [];
    const existing = ref.folder.index.actionRecords().map((a) => a.id);
    const plan = actionRecordsFromPlan(ref.incident, existing, `${ref.folder.index.folder}/actions`);
    if ('error' in plan) throw new EditRefused(plan.error);
    // Check the plan edit applies before creating any file, so a refusal leaves nothing half done.
    const current = await vscode.workspace.openTextDocument(ref.folder.access.uri(ref.incident.file));
    const dryRun = applyEdits(current.getText(), plan.ops);
    if (!dryRun.ok) throw new EditRefused(`${ref.incident.file}: ${dryRun.error}`);
    const created: vscode.Uri[] = [];
    for (const record of plan.records) created.push(await this.editor.create(ref.folder, record.file, record.text));
    await this.editor.edit(ref.folder, ref.incident.file, (record) => {
      const again = actionRecordsFromPlan(record as Incident, existing, `${ref.folder.index.folder}/actions`);
      return 'error' in again ? again : again.ops;
    });
    if (!args) void vscode.window.showInformationMessage(vscode.l10n.t('Created {0}.', plan.records.map((r) => r.id).join(', ')));
    return created;
  }

  async exportPostmortem(arg?: unknown): Promise<vscode.TextDocument | undefined> {
    const args = parseArgs(z.object({ incident: z.string(), folder: z.string().optional(), output: z.string().optional() }), arg);
    const ref = await this.pickIncident(args ?? arg, () => true, vscode.l10n.t('Export the postmortem of…'));
    if (!ref) return undefined;
    const markdown = postmortemMarkdown(ref.incident, ref.folder.index.actionRecordsOf(ref.incident.id));
    if (args?.output) {
      const uri = ref.folder.access.uri(args.output);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(markdown));
      return vscode.workspace.openTextDocument(uri);
    }
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.window.showTextDocument(document);
    return document;
  }
}
