import * as vscode from 'vscode';
import type { Incident } from '../../core/model';
import { bySeverityThenRecency } from '../../core/index';
import { incidentNumber } from '../../core/index';
import { PRIORITIES, PRIORITY_DEFINITIONS, STATUS_LABELS, type IncidentStatus } from '../../core/schema';
import { settings, type GroupBy, type SortBy } from '../config';
import type { FolderIndex, IncidentWorkspace } from '../incidentWorkspace';
import { DisposableStore } from '../lifecycle';
import { GroupNode, IncidentNode, openActionNode, type TreeNode } from './nodes';

/** The seed's life-cycle order. */
const STATUS_ORDER: IncidentStatus[] = ['active', 'postmortem-pending', 'resolved', 'closed'];

const SORTERS: Record<SortBy, (a: Incident, b: Incident) => number> = {
  priority: bySeverityThenRecency,
  start: (a, b) => (b.start?.ms ?? 0) - (a.start?.ms ?? 0),
  id: (a, b) => incidentNumber(a.id) - incidentNumber(b.id),
};

/** What both views share: refresh when the index changes, items from nodes, disposal. */
abstract class IndexTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  protected readonly store = new DisposableStore();
  private readonly changed = this.store.add(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    protected readonly workspace: IncidentWorkspace,
    protected readonly now: () => number = Date.now,
  ) {
    this.store.add(workspace.onDidChange(() => this.changed.fire(undefined)));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  abstract getChildren(node?: TreeNode): TreeNode[];

  dispose(): void {
    this.store.dispose();
  }
}

export class IncidentsTreeProvider extends IndexTreeProvider {
  override getChildren(node?: TreeNode): TreeNode[] {
    if (node) return node.children();
    const s = settings();
    const folders = this.workspace.folderIndexes();
    const showFolder = folders.filter((f) => f.index.incidents().length > 0).length > 1;
    const now = this.now();
    const nodes: IncidentNode[] = [];
    for (const folder of folders) {
      for (const incident of folder.index.incidents()) {
        if (!s.statuses.includes(incident.record.status)) continue;
        nodes.push(new IncidentNode(folder, incident, now, showFolder));
      }
    }
    nodes.sort((a, b) => SORTERS[s.sortBy](a.incident, b.incident));
    return group(nodes, s.groupBy);
  }
}

function group(nodes: IncidentNode[], by: GroupBy): GroupNode[] {
  const groups = new Map<string, IncidentNode[]>();
  const keyOf = (n: IncidentNode): string =>
    by === 'status' ? n.incident.record.status : by === 'priority' ? n.incident.record.priority : (n.incident.record.impact?.system ?? '');
  for (const n of nodes) {
    const key = keyOf(n);
    const list = groups.get(key);
    if (list) list.push(n);
    else groups.set(key, [n]);
  }
  let keys = [...groups.keys()];
  if (by === 'status') keys = STATUS_ORDER.filter((k) => groups.has(k));
  else if (by === 'priority') keys = PRIORITIES.filter((k) => groups.has(k));
  else keys.sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  return keys.map((key) => {
    const label =
      by === 'status' ? STATUS_LABELS[key as IncidentStatus] : by === 'priority' ? `${key} — ${PRIORITY_DEFINITIONS[key as (typeof PRIORITIES)[number]]}` : key || 'No system';
    return new GroupNode(`${by}:${key}`, label, groups.get(key)!);
  });
}

/** Open actions across all incidents and action records: overdue first. */
export class ActionsTreeProvider extends IndexTreeProvider {
  override getChildren(node?: TreeNode): TreeNode[] {
    if (node) return node.children();
    const now = this.now();
    const all: Array<{ folder: FolderIndex; action: ReturnType<FolderIndex['index']['openActions']>[number] }> = [];
    for (const folder of this.workspace.folderIndexes()) for (const action of folder.index.openActions(now)) all.push({ folder, action });
    all.sort((a, b) => Number(b.action.overdue) - Number(a.action.overdue) || (a.action.deadline?.ms ?? Infinity) - (b.action.deadline?.ms ?? Infinity));
    return all.map(({ folder, action }) => openActionNode(folder, action, now));
  }
}
