/** Opening records at a field, and linked code at its symbol. */
import * as vscode from 'vscode';
import { z } from 'zod';
import { compileGlob, linkKind, normalizePath, checkLinkPath } from '../../core/links';
import { fieldRange } from '../../core/yamlPositions';
import type { IncidentWorkspace } from '../incidentWorkspace';
import { locateSymbol } from '../symbols';

const fieldPath = z.array(z.union([z.string(), z.number().int().nonnegative()]));

export const openRecordArgs = z.object({
  folder: z.string(),
  file: z.string(),
  path: fieldPath.optional(),
  /** Zero-based line, when no field path is given (e.g. a diagnostic). */
  line: z.number().int().nonnegative().optional(),
  /** Keep the focus where it is (a click in the tree), as the Explorer does. */
  preserveFocus: z.boolean().optional(),
});

export const openLinkArgs = z.object({
  folder: z.string(),
  path: z.string(),
  symbol: z.string().optional(),
  lines: z.string().optional(),
});

function folderFor(workspace: IncidentWorkspace, folderUri: string) {
  return workspace.folderIndexes().find((f) => f.folder.uri.toString() === folderUri);
}

export async function openRecord(workspace: IncidentWorkspace, raw: unknown): Promise<vscode.TextEditor | undefined> {
  const args = openRecordArgs.parse(raw);
  const folder = folderFor(workspace, args.folder);
  if (!folder) return undefined;
  const document = await vscode.workspace.openTextDocument(folder.access.uri(args.file));
  let selection: vscode.Range | undefined;
  if (args.path?.length) {
    const r = fieldRange(document.getText(), args.path);
    selection = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  } else if (args.line !== undefined) {
    const line = Math.min(args.line, document.lineCount - 1);
    selection = new vscode.Range(line, 0, line, document.lineAt(line).text.length);
  }
  const editor = await vscode.window.showTextDocument(document, { preview: true, selection, preserveFocus: args.preserveFocus });
  if (selection) editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

export async function openLink(workspace: IncidentWorkspace, raw: unknown): Promise<void> {
  const args = openLinkArgs.parse(raw);
  const folder = folderFor(workspace, args.folder);
  const refused = checkLinkPath(args.path);
  if (!folder || refused) {
    if (refused) void vscode.window.showWarningMessage(refused);
    return;
  }
  const path = normalizePath(args.path);
  const kind = linkKind(path);
  if (kind === 'directory') {
    await vscode.commands.executeCommand('revealInExplorer', folder.access.uri(path.replace(/\/+$/, '')));
    return;
  }
  let target = folder.access.uri(path);
  if (kind === 'glob') {
    const { matcher } = compileGlob(path);
    const files = (await vscode.workspace.findFiles(new vscode.RelativePattern(folder.folder, path), undefined, 200)).filter((u) => {
      const located = workspace.locate(u);
      return located && matcher?.test(located.path);
    });
    if (!files.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No file matches {0}.', path));
      return;
    }
    const picked =
      files.length === 1
        ? files[0]
        : (await vscode.window.showQuickPick(files.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })), { placeHolder: path }))?.uri;
    if (!picked) return;
    target = picked;
  }
  const document = await vscode.workspace.openTextDocument(target);
  let selection: vscode.Range | undefined;
  if (args.symbol) selection = await locateSymbol(document, args.symbol);
  if (!selection && args.lines) {
    const [a, b] = args.lines.split('-').map(Number);
    const last = Math.min(document.lineCount, b ?? a!) - 1;
    selection = new vscode.Range(Math.max(0, a! - 1), 0, Math.max(0, last), document.lineAt(Math.max(0, last)).text.length);
  }
  await vscode.window.showTextDocument(document, { preview: true, selection });
}
