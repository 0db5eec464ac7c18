/** The guided start: the walkthrough's own commands (open it, add the CI check). */
import * as vscode from 'vscode';
import { CI_WORKFLOW_PATH, ciWorkflowText } from '../../core/risk/ciWorkflow';
import { EXTENSION_ID, WALKTHROUGH } from '../constants';
import { settings } from '../config';

export async function openWalkthrough(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${WALKTHROUGH}`, false);
}

/**
 * Writes .github/workflows/incident-lens.yml in the (first, or picked)
 * workspace folder. An existing workflow is never overwritten: it is opened.
 */
export async function addCiCheck(arg?: unknown): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const wanted = typeof arg === 'object' && arg !== null && 'folder' in arg ? String((arg as { folder: unknown }).folder) : undefined;
  let folder = wanted ? folders.find((f) => f.uri.toString() === wanted) : folders.length === 1 ? folders[0] : undefined;
  if (!folder && !wanted && folders.length > 1)
    folder = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Which repository gets the CI check?') });
  if (!folder) {
    if (!folders.length) void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder to add the CI check to.'));
    return undefined;
  }
  if (!vscode.workspace.isTrusted) throw new Error(vscode.l10n.t('Adding the CI check writes a file: trust this workspace first (Restricted Mode).'));
  const uri = vscode.Uri.joinPath(folder.uri, ...CI_WORKFLOW_PATH.split('/'));
  const exists = await vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
    // The CLI at the extension's own version: the workflow installs exactly that one.
    const version = String(vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON?.version ?? '0.1.0');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(ciWorkflowText(settings(folder.uri).incidentsFolder, version)));
  } else if (!wanted) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} already exists: it is left as it is.', CI_WORKFLOW_PATH));
  }
  if (!wanted) await vscode.window.showTextDocument(uri);
  return uri;
}
