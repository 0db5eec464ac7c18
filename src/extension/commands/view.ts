/** View-level commands: grouping, sorting, refresh, docs and the demo. */
import * as vscode from 'vscode';
import { CONFIG } from '../constants';
import { settings, update, type GroupBy, type SortBy } from '../config';
import { STRINGS } from '../strings';

export async function pickGroupBy(value?: unknown): Promise<void> {
  const options: Array<{ label: string; value: GroupBy }> = [
    { label: vscode.l10n.t('Status'), value: 'status' },
    { label: vscode.l10n.t('Priority'), value: 'priority' },
    { label: vscode.l10n.t('Affected system'), value: 'system' },
  ];
  const chosen =
    options.find((o) => o.value === value)?.value ??
    (await vscode.window.showQuickPick(
      options.map((o) => ({ ...o, picked: o.value === settings().groupBy, description: o.value === settings().groupBy ? '✓' : undefined })),
      { placeHolder: STRINGS.groupByPlaceholder },
    ))?.value;
  if (chosen) await update(CONFIG.groupBy, chosen);
}

export async function pickSortBy(value?: unknown): Promise<void> {
  const options: Array<{ label: string; value: SortBy }> = [
    { label: vscode.l10n.t('Priority, then most recent'), value: 'priority' },
    { label: vscode.l10n.t('Start, most recent first'), value: 'start' },
    { label: vscode.l10n.t('Id'), value: 'id' },
  ];
  const chosen =
    options.find((o) => o.value === value)?.value ??
    (await vscode.window.showQuickPick(
      options.map((o) => ({ ...o, description: o.value === settings().sortBy ? '✓' : undefined })),
      { placeHolder: STRINGS.sortByPlaceholder },
    ))?.value;
  if (chosen) await update(CONFIG.sortBy, chosen);
}

export async function openDocs(extensionUri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(extensionUri, 'README.md'));
}

/** Copies the bundled demo workspace somewhere writable and opens it. */
export async function openDemo(extensionUri: vscode.Uri, storage: vscode.Uri): Promise<void> {
  const source = vscode.Uri.joinPath(extensionUri, 'examples', 'payments-demo');
  const target = vscode.Uri.joinPath(storage, 'payments-demo');
  await vscode.workspace.fs.createDirectory(storage);
  try {
    await vscode.workspace.fs.stat(target);
  } catch {
    await vscode.workspace.fs.copy(source, target, { overwrite: false });
  }
  const where = await vscode.window.showInformationMessage(STRINGS.demoCopied(target.fsPath), STRINGS.openHere, STRINGS.openNew);
  if (!where) return;
  await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: where === STRINGS.openNew });
}
