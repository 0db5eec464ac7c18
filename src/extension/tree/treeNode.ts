/**
 * Tree nodes: the base class and what every node shares (icons, the open command, truncation), the failed-record and group rows. Each node builds its own TreeItem and children from the index (no I/O, no pop-ups) and sets a contextValue that view/item/context menus match.
 */
import * as vscode from 'vscode';
import { type Priority, priorityIconName } from '../../core/records/schema';
import { oneLine } from '../../core/present/summaries';
import { COLORS, COMMANDS } from '../constants';
import type { FolderIndex } from '../incidentWorkspace';

export type FieldPath = Array<string | number>;

export abstract class TreeNode {
  abstract toTreeItem(): vscode.TreeItem;
  children(): TreeNode[] {
    return [];
  }
}

export function priorityIcon(priority: Priority | undefined): vscode.ThemeIcon {
  return new vscode.ThemeIcon(priorityIconName(priority), priority ? new vscode.ThemeColor(COLORS[priority]) : undefined);
}

export function openRecordCommand(folder: FolderIndex, file: string, path: FieldPath = []): vscode.Command {
  return { command: COMMANDS.openRecord, title: 'Open', arguments: [{ folder: folder.folder.uri.toString(), file, path, preserveFocus: true }] };
}

export function truncate(text: string, max = 80): string {
  const t = oneLine(text);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Stands in for a node that failed to render (the failure is in the "Incident Lens" output). */
export class FailedNode extends TreeNode {
  constructor(private readonly file?: string) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.file ? vscode.l10n.t('{0} could not be shown', this.file) : vscode.l10n.t('Could not be shown'));
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.description = vscode.l10n.t('see the Incident Lens output');
    item.contextValue = 'failed';
    item.command = { command: COMMANDS.showOutput, title: vscode.l10n.t('Show Output') };
    return item;
  }
}
