/**
 * Actions: inline actions of an incident, action records, the postmortem row, and the open-action rows of the Actions view.
 */
import * as vscode from 'vscode';
import type { ActionItem, Incident } from '../../core/records/model';
import { postmortemOwed } from '../../core/records/model';
import type { OpenAction } from '../../core/index/incidentIndex';
import { formatDate, formatRelative } from '../../core/time/recordTime';
import { oneLine } from '../../core/present/summaries';
import type { FolderIndex } from '../incidentWorkspace';
import { STRINGS } from '../strings';
import { TreeNode, openRecordCommand } from './treeNode';

export class InlineActionNode extends TreeNode {
  constructor(
    readonly folder: FolderIndex,
    readonly incident: Incident,
    readonly index: number,
    private readonly text: string,
    private readonly done: boolean,
    private readonly owner: string | undefined,
    private readonly now: number,
    private readonly deadlineMs?: number,
    private readonly showIncident = false,
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.text);
    const overdue = !this.done && this.deadlineMs !== undefined && this.deadlineMs < this.now;
    item.description = [
      this.showIncident ? this.incident.id : undefined,
      this.owner,
      this.deadlineMs !== undefined
        ? overdue
          ? STRINGS.overdue(formatRelative(this.deadlineMs, this.now))
          : STRINGS.due(formatRelative(this.deadlineMs, this.now))
        : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = this.done
      ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
      : overdue
        ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
        : new vscode.ThemeIcon('circle-large-outline');
    item.contextValue = this.done ? 'action.done' : 'action.open';
    item.command = openRecordCommand(this.folder, this.incident.file, ['actions', this.index]);
    return item;
  }
}

export class ActionRecordNode extends TreeNode {
  constructor(
    readonly folder: FolderIndex,
    readonly action: ActionItem,
    private readonly now: number,
    private readonly showIncident = false,
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const a = this.action.record;
    const item = new vscode.TreeItem(`${a.id} ${a.title}`);
    const overdue = (a.status === 'open' || a.status === 'in-progress') && this.action.deadline !== undefined && this.action.deadline.ms < this.now;
    const deadline = this.action.deadline
      ? overdue
        ? STRINGS.overdue(formatDate(this.action.deadline))
        : STRINGS.due(formatDate(this.action.deadline))
      : a.deadline;
    item.description = [this.showIncident ? a.incident : undefined, a.owner, a.status, deadline].filter(Boolean).join(' · ');
    item.tooltip = [a.title, a.acceptanceCriteria && `Acceptance: ${a.acceptanceCriteria}`, a.term && `Term: ${a.term}`].filter(Boolean).join('\n');
    item.iconPath =
      a.status === 'done'
        ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
        : a.status === 'dropped'
          ? new vscode.ThemeIcon('circle-slash')
          : overdue
            ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
            : new vscode.ThemeIcon(a.status === 'in-progress' ? 'sync' : 'circle-large-outline');
    item.contextValue = `actionRecord.${a.status}`;
    item.command = openRecordCommand(this.folder, this.action.file);
    return item;
  }
}

export class PostmortemNode extends TreeNode {
  constructor(
    private readonly folder: FolderIndex,
    private readonly incident: Incident,
    private readonly now: number,
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const pm = this.incident.record.postmortem;
    const deadline = this.incident.postmortemDeadline;
    const owed = postmortemOwed(this.incident);
    const overdue = owed && deadline !== undefined && deadline.ms < this.now;
    const item = new vscode.TreeItem(STRINGS.postmortem);
    item.description =
      pm?.status === 'complete'
        ? STRINGS.complete
        : deadline && owed
          ? overdue
            ? STRINGS.overdue(formatDate(deadline))
            : STRINGS.due(formatDate(deadline))
          : (pm?.status ?? STRINGS.notSet);
    item.iconPath = overdue ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('notebook');
    item.tooltip = [pm?.owner && `Owner: ${pm.owner}`, pm?.summary && oneLine(pm.summary)].filter(Boolean).join('\n') || undefined;
    item.contextValue = overdue ? 'postmortem.overdue' : 'postmortem';
    item.command = openRecordCommand(this.folder, this.incident.file, ['postmortem']);
    return item;
  }
}

export function openActionNode(folder: FolderIndex, action: OpenAction, now: number): TreeNode {
  if (action.source === 'inline') {
    const a = action.item;
    return new InlineActionNode(folder, action.incident, a.index, a.action.text, false, a.action.owner, now, a.deadline?.ms, true);
  }
  return new ActionRecordNode(folder, action.item, now, true);
}

/** A runbook in the Runbooks view (or under an incident): stale ones warn; steps below. */
