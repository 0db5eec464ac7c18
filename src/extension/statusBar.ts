/** "$(flame) 1 active P1 · 1 postmortem overdue"; hidden when there is nothing to say. */
import * as vscode from 'vscode';
import { PRIORITIES } from '../core/records/schema';
import { VIEWS } from './constants';
import type { IncidentWorkspace } from './incidentWorkspace';
import { DisposableStore } from './lifecycle';
import { STRINGS } from './strings';
import { now as clockNow } from './extensionClock';

export class IncidentStatusBar implements vscode.Disposable {
  private readonly store = new DisposableStore();
  readonly item = this.store.add(vscode.window.createStatusBarItem('incidentLens.status', vscode.StatusBarAlignment.Left, 50));

  constructor(
    private readonly workspace: IncidentWorkspace,
    private readonly now: () => number = clockNow,
  ) {
    this.item.name = 'Incident Lens';
    this.item.command = `${VIEWS.incidents}.focus`;
    this.item.tooltip = STRINGS.statusBarTooltip;
    this.store.add(workspace.onDidChange(() => this.update()));
    this.update();
  }

  update(): void {
    const active = this.workspace.incidents().filter((r) => r.incident.head.status === 'active');
    const now = this.now();
    const overdue = this.workspace.folderIndexes().reduce((n, f) => n + f.index.postmortemsDue(now).filter((p) => p.overdue).length, 0);
    const parts: string[] = [];
    let top: (typeof PRIORITIES)[number] | undefined;
    if (active.length) {
      top = PRIORITIES.find((p) => active.some((r) => r.incident.head.priority === p))!;
      parts.push(`$(flame) ${STRINGS.statusBarActive(active.length, top)}`);
    }
    if (overdue) parts.push(`$(clock) ${STRINGS.statusBarOverdue(overdue)}`);
    if (!parts.length) {
      this.item.hide();
      return;
    }
    this.item.text = parts.join('  ');
    this.item.backgroundColor =
      top === 'P1'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : top === 'P2' || overdue
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.show();
  }

  dispose(): void {
    this.store.dispose();
  }
}
