/**
 * Runbooks and their steps (a step with a command runs it in a terminal, never pressing Enter).
 */
import * as vscode from 'vscode';
import type { Incident, Runbook } from '../../core/records/model';
import { isRunbookStale, runbookAgeDays, runbookRole } from '../../core/records/model';
import { oneLine } from '../../core/present/summaries';
import { commandLine } from '../../core/trust/terminalText';
import { COMMANDS } from '../constants';
import type { FolderIndex } from '../incidentWorkspace';
import { STRINGS } from '../strings';
import { TreeNode, openRecordCommand } from './treeNode';

export class RunbookNode extends TreeNode {
  constructor(
    readonly folder: FolderIndex,
    readonly runbook: Runbook,
    private readonly now: number,
    private readonly staleAfterDays: number,
    /** Under an incident: "Rollback: RB-…", runs a step for that incident in one click. */
    private readonly forIncident?: Incident,
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const r = this.runbook.record;
    const age = runbookAgeDays(this.runbook, this.now);
    const stale = isRunbookStale(this.runbook, this.now, this.staleAfterDays);
    const label = this.forIncident ? `${runbookRole(this.runbook) === 'Rollback' ? STRINGS.rollback : STRINGS.runbook}: ${r.id}` : `${r.id} ${r.title}`;
    const item = new vscode.TreeItem(label, this.forIncident ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `runbook:${this.folder.folder.uri.toString()}:${r.id}:${this.forIncident?.id ?? ''}`;
    const verified = age === undefined ? STRINGS.neverVerified : STRINGS.verifiedDaysAgo(age);
    item.description = this.forIncident ? `${r.steps.length} steps · ${verified}` : [r.system, `${r.steps.length} steps`, verified].filter(Boolean).join(' · ');
    item.iconPath = stale ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('book');
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = false;
    md.appendText(`${r.title}\n\n`);
    md.appendText(
      [r.owner && `Owner: ${r.owner}`, r.approvedBy && `Approved by: ${r.approvedBy}`, r.lastVerified && `Last verified: ${r.lastVerified}`]
        .filter(Boolean)
        .join(' · '),
    );
    if (stale) md.appendText(`\n\n${STRINGS.staleRunbook(this.staleAfterDays)}`);
    item.tooltip = md;
    item.contextValue = stale ? 'runbook.stale' : 'runbook';
    item.command = this.forIncident
      ? {
          command: COMMANDS.runRunbookStep,
          title: STRINGS.runStep,
          arguments: [{ folder: this.folder.folder.uri.toString(), runbook: r.id, incident: this.forIncident.id }],
        }
      : openRecordCommand(this.folder, this.runbook.file);
    return item;
  }

  override children(): TreeNode[] {
    if (this.forIncident) return [];
    return this.runbook.record.steps.map((_, i) => new RunbookStepNode(this.folder, this.runbook, i));
  }
}

export class RunbookStepNode extends TreeNode {
  constructor(
    readonly folder: FolderIndex,
    readonly runbook: Runbook,
    readonly index: number,
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const step = this.runbook.record.steps[this.index]!;
    const item = new vscode.TreeItem(`${this.index + 1}. ${oneLine(step.instruction)}`);
    item.description = step.command ? `$ ${commandLine(step.command)}` : step.whoMayRun;
    item.tooltip = [
      step.instruction.trim(),
      step.command && `$ ${commandLine(step.command)}`,
      step.expected && `Expected: ${step.expected.trim()}`,
      step.whoMayRun && `Who may run it: ${step.whoMayRun}`,
    ]
      .filter(Boolean)
      .join('\n\n');
    item.iconPath = new vscode.ThemeIcon(step.command ? 'terminal' : 'circle-large-outline');
    item.contextValue = 'runbookStep';
    item.command = {
      command: COMMANDS.runRunbookStep,
      title: STRINGS.runStep,
      arguments: [{ folder: this.folder.folder.uri.toString(), runbook: this.runbook.id, step: this.index + 1 }],
    };
    return item;
  }
}
