/** Opening records at a field, and linked code at its symbol. */
import * as vscode from 'vscode';
import { z } from 'zod';
import { compileGlob, linkKind, normalizePath, checkLinkPath } from '../../core/links/linkIndex';
import { fieldRange } from '../../core/records/yamlPositions';
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

/**
 * A record already open in VS Code can lag behind its file: after a pull, a
 * CLI run or a test restoring it, the buffer keeps the old text until VS Code
 * reloads it. A position computed on the old text lands lines away once the
 * reload arrives (a record whose timeline lost four lines put the cursor four
 * lines below the action). So when the buffer is clean and differs from the
 * disk, wait for the reload, and ask for it (revert = reload a clean buffer)
 * if it does not come. A dirty buffer is the user's text: positions are
 * taken from it, and it is never reverted.
 */
const sameText = (a: string, b: string) => a.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n') === b.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

async function currentDocument(uri: vscode.Uri, disk: () => Promise<string>): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.isDirty) return document;
  const text = await disk().catch(() => undefined);
  if (text === undefined || sameText(text, document.getText())) return document;
  const reloaded = (timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        sub.dispose();
        resolve(value);
      };
      const sub = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === document && (document.isDirty || sameText(document.getText(), text))) done(true);
      });
      const timer = setTimeout(() => done(sameText(document.getText(), text)), timeoutMs);
    });
  if (await reloaded(1500)) return document;
  await vscode.window.showTextDocument(document, { preview: true, preserveFocus: true });
  if (!document.isDirty) await vscode.commands.executeCommand('workbench.action.files.revert');
  await reloaded(1500);
  return document;
}

export async function openRecord(workspace: IncidentWorkspace, raw: unknown): Promise<vscode.TextEditor | undefined> {
  const args = openRecordArgs.parse(raw);
  const folder = folderFor(workspace, args.folder);
  if (!folder) return undefined;
  const document = await currentDocument(folder.access.uri(args.file), () => folder.access.readFile(args.file));
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
        : (
            await vscode.window.showQuickPick(
              files.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
              { placeHolder: path },
            )
          )?.uri;
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
