/** View-level commands: grouping, sorting, refresh, docs and the demo. */
import * as vscode from 'vscode';
import { CONFIG } from '../constants';
import { settings, update, type GroupBy, type SortBy } from '../config';
import { STRINGS } from '../strings';
import { recentDemoRecord } from '../../core/time/demoShift';
import { now as clockNow } from '../extensionClock';

/** A setting picked from a short list (or given as the argument), current value marked. */
async function pickSetting<T extends string>(
  key: string,
  current: T,
  options: Array<{ label: string; value: T }>,
  placeHolder: string,
  value?: unknown,
): Promise<void> {
  const chosen =
    options.find((o) => o.value === value)?.value ??
    (
      await vscode.window.showQuickPick(
        options.map((o) => ({ ...o, description: o.value === current ? '✓' : undefined })),
        { placeHolder },
      )
    )?.value;
  if (chosen) await update(key, chosen);
}

export function pickGroupBy(value?: unknown): Promise<void> {
  const options: Array<{ label: string; value: GroupBy }> = [
    { label: vscode.l10n.t('Status'), value: 'status' },
    { label: vscode.l10n.t('Priority'), value: 'priority' },
    { label: vscode.l10n.t('Affected system'), value: 'system' },
  ];
  return pickSetting(CONFIG.groupBy, settings().groupBy, options, STRINGS.groupByPlaceholder, value);
}

export function pickSortBy(value?: unknown): Promise<void> {
  const options: Array<{ label: string; value: SortBy }> = [
    { label: vscode.l10n.t('Priority, then most recent'), value: 'priority' },
    { label: vscode.l10n.t('Start, most recent first'), value: 'start' },
    { label: vscode.l10n.t('Id'), value: 'id' },
  ];
  return pickSetting(CONFIG.sortBy, settings().sortBy, options, STRINGS.sortByPlaceholder, value);
}

export async function openDocs(extensionUri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(extensionUri, 'docs', 'records.md'));
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
    // A fresh copy: its active incident is moved to the last day, so the demo shows a live incident on any day.
    const records = vscode.Uri.joinPath(target, '.incidents');
    for (const [name, type] of await vscode.workspace.fs.readDirectory(records)) {
      if (type !== vscode.FileType.File || !/\.ya?ml$/.test(name)) continue;
      const uri = vscode.Uri.joinPath(records, name);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const recent = recentDemoRecord(text, clockNow());
      if (recent !== text) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(recent));
    }
  }
  const where = await vscode.window.showInformationMessage(STRINGS.demoCopied(target.fsPath), STRINGS.openHere, STRINGS.openNew);
  if (!where) return;
  await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: where === STRINGS.openNew });
}
