/**
 * Quick fixes on record files: the fix a diagnostic carries from core (an enum
 * typo's nearest value, the canonical duration, the full date of an ambiguous
 * clock time), applied as the core edit path computes it (comments and layout
 * kept, verified by re-parsing) and offered as an undoable WorkspaceEdit on
 * the buffer the user sees, saved or not.
 */
import * as vscode from 'vscode';
import { applyEdits } from '../core/edit';
import { isRecordFile } from '../core/fileAccess';
import { parseRecordText } from '../core/parse';
import type { IncidentWorkspace } from './incidentWorkspace';
import { minimalReplace } from './recordEditor';

export class RecordQuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly workspace: IncidentWorkspace) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    // Restricted Mode: Incident Lens does not change records, not even by a quick fix.
    if (!vscode.workspace.isTrusted) return [];
    const located = this.workspace.locate(document.uri);
    if (!located || !isRecordFile(located.path)) return [];
    const ours = context.diagnostics.filter((d) => d.source === 'Incident Lens');
    if (!ours.length) return [];
    const text = document.getText();
    const actions: vscode.CodeAction[] = [];
    for (const d of parseRecordText(located.path, text).diagnostics) {
      if (!d.fix) continue;
      const where = new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
      const shown = ours.find((v) => v.range.isEqual(where) && v.code === d.code);
      if (!shown || !where.intersection(range)) continue;
      const edited = applyEdits(text, [{ kind: 'set', path: d.fix.path, value: d.fix.value }]);
      if (!edited.ok) continue;
      const action = new vscode.CodeAction(d.fix.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [shown];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.set(document.uri, [minimalReplace(document, text, edited.text)]);
      actions.push(action);
    }
    return actions;
  }
}
