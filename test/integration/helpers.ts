/** Shared by the integration tests: the live extension, waiting, the fixture workspace. */
import * as vscode from 'vscode';
import type { IncidentLensApi } from '../../src/extension/extension';
import { EXTENSION_ID } from '../../src/extension/constants';

export async function api(): Promise<IncidentLensApi> {
  const ext = vscode.extensions.getExtension<IncidentLensApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  const exports = await ext.activate();
  await exports.ready;
  return exports;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need the fixture workspace open');
  return folder.uri;
}

export function fileUri(path: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...path.split('/'));
}

/**
 * Writes a file on disk, then waits until VS Code's clean open documents of it
 * show the new text: VS Code keeps a document after its editor closes and
 * reloads it from disk a moment later, and a test that reads it (or opens it
 * at a position) before then sees the old text.
 */
export async function writeFile(path: string, text: string): Promise<void> {
  const uri = fileUri(path);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const stale = () =>
    vscode.workspace.textDocuments.filter((d) => d.uri.toString() === uri.toString() && !d.isDirty && d.getText() !== text.replace(/\r\n/g, '\n'));
  if (stale().length) await waitFor(() => stale().length === 0, `VS Code's open document of ${path} to show the text written`);
}

export async function readFile(path: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri(path)));
}

export async function deleteFile(path: string): Promise<void> {
  await vscode.workspace.fs.delete(fileUri(path), { useTrash: false });
}

/** Polls until `check` returns a truthy value (or throws its last error after `timeoutMs`). */
export type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as Truthy<T>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Label text of a tree item. */
export function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/**
 * Closes every editor, discarding unsaved changes (a save prompt would block
 * the test run). Only the tests' own documents are reverted: files inside the
 * workspace folders and untitled buffers. VS Code's own files (the user's
 * settings.json, which the workbench itself may hold dirty for a moment) are
 * not ours to touch, and showing them races the workbench opening editors.
 */
export async function closeAllDiscarding(): Promise<void> {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString() + '/');
  const ours = (d: vscode.TextDocument): boolean =>
    d.isDirty && (d.uri.scheme === 'untitled' || (d.uri.scheme === 'file' && folders.some((f) => d.uri.toString().startsWith(f))));
  // Revert until none is left dirty: the workbench may open an editor between showing a document and
  // reverting it, and a revert that lands late would throw away the next test's first edit.
  for (let round = 0; round < 5 && vscode.workspace.textDocuments.some(ours); round++) {
    for (const doc of vscode.workspace.textDocuments.filter(ours)) {
      for (let attempt = 0; ; attempt++) {
        try {
          await vscode.window.showTextDocument(doc);
          break;
        } catch (err) {
          // "another editor opened in the meantime": the workbench was opening one; try again.
          if (attempt >= 4) throw err;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      if (vscode.window.activeTextEditor?.document === doc) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  }
  await waitFor(() => !vscode.workspace.textDocuments.some(ours), 'no unsaved test document left');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The Incident Lens part of the hover at a position (the markdown that names an incident). */
export async function hoverText(path: string, line: number, character: number): Promise<string> {
  await vscode.workspace.openTextDocument(fileUri(path));
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', fileUri(path), new vscode.Position(line, character))) ?? [];
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
    .filter((v) => v.includes('INC-'))
    .join('\n');
}
