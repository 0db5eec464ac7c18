/**
 * Quick fixes on record files: the fix a diagnostic carries from core (an enum
 * typo's nearest value, the canonical duration, the full date of an ambiguous
 * clock time), applied as the core edit path computes it (comments and layout
 * kept, verified by re-parsing) and offered as an undoable WorkspaceEdit on
 * the buffer the user sees, saved or not.
 */
import * as vscode from 'vscode';
import { applyEdits } from '../core/records/yamlEdit';
import { isRecordFile } from '../core/index/fileAccess';
import { parseRecordText } from '../core/records/parseRecord';
import type { IncidentWorkspace } from './incidentWorkspace';
import { minimalReplace } from './recordEditor';

export class RecordQuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly workspace: IncidentWorkspace) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
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
    for (const shown of ours.filter((d) => d.code === 'link-missing'))
      actions.push(...(await this.movedFileFixes(document, text, located.folder.folder, shown)));
    return actions;
  }

  /** A link to a file that is gone: offer the files of the same name that exist now (it moved), nearest path first. */
  private async movedFileFixes(
    document: vscode.TextDocument,
    text: string,
    folder: vscode.WorkspaceFolder,
    shown: vscode.Diagnostic,
  ): Promise<vscode.CodeAction[]> {
    const m = /^links\[(\d+)\]\.path: linked file "([^"]+)"/.exec(shown.message);
    if (!m) return [];
    const index = Number(m[1]);
    const old = m[2]!;
    const name = old.split('/').pop()!;
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `**/${name.replace(/[[\]{}*?]/g, '[$&]')}`), '**/node_modules/**', 20);
    const shared = (p: string) => {
      const a = p.split('/');
      const b = old.split('/');
      let n = 0;
      while (n < a.length && n < b.length && a[n] === b[n]) n++;
      return n;
    };
    const candidates = found.map((u) => vscode.workspace.asRelativePath(u, false)).sort((a, b) => shared(b) - shared(a) || a.localeCompare(b));
    return candidates.slice(0, 5).flatMap((path, n) => {
      const edited = applyEdits(text, [{ kind: 'set', path: ['links', index, 'path'], value: path }]);
      if (!edited.ok) return [];
      const action = new vscode.CodeAction(vscode.l10n.t('Link to {0} (the file moved)', path), vscode.CodeActionKind.QuickFix);
      action.diagnostics = [shown];
      action.isPreferred = n === 0 && candidates.length === 1;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.set(document.uri, [minimalReplace(document, text, edited.text)]);
      return [action];
    });
  }
}
