/**
 * Applies edits from the one core edit path to records as WorkspaceEdits:
 * undoable, into the open buffer when the file is open (unsaved changes are
 * kept and edited, not overwritten), saved when the file was clean. If the
 * text changes between read and write, the edit is recomputed on the fresh
 * text. A record with errors is never written to.
 */
import * as vscode from 'vscode';
import { applyEdits, type EditOp } from '../core/records/yamlEdit';
import { formatDiagnostic } from '../core/records/diagnostics';
import type { IndexedRecord } from '../core/records/model';
import { parseRecordText } from '../core/records/parseRecord';
import { COMMANDS } from './constants';
import type { FolderIndex } from './incidentWorkspace';
import type { Log } from './log';
import { EditRefused } from './editRefused';

export type BuildEdit = (record: IndexedRecord) => EditOp[] | { error: string };

export { EditRefused };

const MAX_ATTEMPTS = 8;
const RESYNC_DELAY_MS = 150;
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function minimalReplace(document: vscode.TextDocument, before: string, after: string): vscode.TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return vscode.TextEdit.replace(new vscode.Range(document.positionAt(start), document.positionAt(endBefore)), after.slice(start, endAfter));
}

export class RecordEditor {
  constructor(private readonly log: Log) {}

  /** Edits one record; throws EditRefused with a message for the user when it cannot. */
  async edit(folder: FolderIndex, file: string, build: BuildEdit): Promise<vscode.TextDocument> {
    if (!vscode.workspace.isTrusted)
      throw new EditRefused(vscode.l10n.t('This workspace is in Restricted Mode: Incident Lens shows records but does not change them.'));
    const uri = folder.access.uri(file);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const document = await vscode.workspace.openTextDocument(uri);
      const text = document.getText();
      const version = document.version;
      const wasDirty = document.isDirty;
      // A clean buffer must match the disk; if the file just changed there, VS Code
      // has not reloaded it yet: wait for the fresh text rather than write over it.
      if (!wasDirty && !(await this.matchesDisk(folder, file, text))) {
        await delay(RESYNC_DELAY_MS);
        continue;
      }
      const parsed = parseRecordText(file, text);
      const firstError = parsed.diagnostics.find((d) => d.severity === 'error');
      if (firstError || !parsed.record) {
        const where = firstError ? formatDiagnostic(firstError) : file;
        void vscode.window
          .showErrorMessage(vscode.l10n.t('{0} has errors, so Incident Lens will not write to it: {1}', file, where), vscode.l10n.t('Open File'))
          .then((pick) => {
            if (pick)
              void vscode.commands.executeCommand(COMMANDS.openRecord, { folder: folder.folder.uri.toString(), file, line: firstError?.range.start.line });
          });
        throw new EditRefused(vscode.l10n.t('{0} has errors; nothing was written.', file));
      }
      const ops = build(parsed.record);
      if (!Array.isArray(ops)) throw new EditRefused(ops.error);
      const result = applyEdits(text, ops);
      if (!result.ok) throw new EditRefused(`${file}: ${result.error}`);
      // Last checks, with no await between them and the edit: the disk, then the buffer.
      if (!wasDirty && !(await this.matchesDisk(folder, file, text))) continue;
      if (document.version !== version) continue;
      const edit = new vscode.WorkspaceEdit();
      edit.set(uri, [minimalReplace(document, text, result.text)]);
      if (!(await vscode.workspace.applyEdit(edit))) {
        this.log.info(`edit of ${file} not applied (attempt ${attempt}); retrying on fresh text`);
        continue;
      }
      if (!wasDirty) await document.save();
      return document;
    }
    throw new EditRefused(vscode.l10n.t('{0} kept changing while Incident Lens tried to write to it; nothing was lost, try again.', file));
  }

  private async matchesDisk(folder: FolderIndex, file: string, text: string): Promise<boolean> {
    try {
      const disk = await folder.access.readFile(file);
      return (disk.charCodeAt(0) === 0xfeff ? disk.slice(1) : disk) === text;
    } catch {
      return false;
    }
  }

  /** Creates a new record file; refuses to overwrite an existing one. */
  async create(folder: FolderIndex, file: string, text: string): Promise<vscode.Uri> {
    if (!vscode.workspace.isTrusted)
      throw new EditRefused(vscode.l10n.t('This workspace is in Restricted Mode: Incident Lens shows records but does not change them.'));
    const uri = folder.access.uri(file);
    if (await folder.access.stat(file)) throw new EditRefused(vscode.l10n.t('{0} already exists.', file));
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { ignoreIfExists: false, contents: new TextEncoder().encode(text) });
    if (!(await vscode.workspace.applyEdit(edit))) throw new EditRefused(vscode.l10n.t('Could not create {0}.', file));
    // A created file can be left as an unsaved model; a new record belongs on disk.
    const created = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (created?.isDirty) await created.save();
    return uri;
  }
}
