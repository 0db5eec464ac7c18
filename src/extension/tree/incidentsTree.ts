import * as vscode from 'vscode';
import { isRunbookStale, type Incident } from '../../core/records/model';
import { bySeverityThenRecency } from '../../core/index/incidentIndex';
import { incidentNumber } from '../../core/index/incidentIndex';
import { PRIORITIES, PRIORITY_DEFINITIONS, STATUS_LABELS, type IncidentStatus, priorityText } from '../../core/records/schema';
import { settings, type GroupBy, type SortBy } from '../config';
import type { FolderIndex, IncidentWorkspace } from '../incidentWorkspace';
import { DisposableStore } from '../lifecycle';
import type { Log } from '../log';
import { FailedNode, type TreeNode } from './treeNode';
import { GroupNode, IncidentNode } from './incidentNodes';
import { openActionNode } from './actionNodes';
import { RunbookNode } from './runbookNodes';
import { now as clockNow } from '../extensionClock';

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
    protected readonly log: Log,
    protected readonly now: () => number = clockNow,
  ) {
    this.store.add(workspace.onDidChange(() => this.changed.fire(undefined)));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** A node that fails to render shows as a warning row; the rest of the tree is unaffected. */
  getTreeItem(node: TreeNode): vscode.TreeItem {
    try {
      return node.toTreeItem();
    } catch (err) {
      this.log.error(`${this.constructor.name} item`, err);
      return new FailedNode(node instanceof IncidentNode ? node.incident.file : undefined).toTreeItem();
    }
  }

  getChildren(node?: TreeNode): TreeNode[] {
    try {
      return node ? node.children() : this.roots();
    } catch (err) {
      this.log.error(`${this.constructor.name} children`, err);
      return [new FailedNode()];
    }
  }

  protected abstract roots(): TreeNode[];

  dispose(): void {
    this.store.dispose();
  }
}

export class IncidentsTreeProvider extends IndexTreeProvider {
  protected roots(): TreeNode[] {
    const s = settings();
    const folders = this.workspace.folderIndexes();
    const showFolder = folders.filter((f) => f.index.incidents().length > 0).length > 1;
    const now = this.now();
    const nodes: IncidentNode[] = [];
    const failed: TreeNode[] = [];
    for (const folder of folders) {
      for (const incident of folder.index.incidents()) {
        // One record that trips a bug shows as a warning row; it never hides the others.
        try {
          if (!s.statuses.includes(incident.head.status)) continue;
          const node = new IncidentNode(folder, incident, now, showFolder);
          SORTERS[s.sortBy](incident, incident);
          groupKey(node, s.groupBy);
          nodes.push(node);
        } catch (err) {
          this.log.error(`incident tree: ${incident.file}`, err);
          failed.push(new FailedNode(incident.file));
        }
      }
    }
    nodes.sort((a, b) => SORTERS[s.sortBy](a.incident, b.incident));
    return [...group(nodes, s.groupBy), ...failed];
  }
}

function groupKey(n: IncidentNode, by: GroupBy): string {
  return by === 'status' ? n.incident.head.status : by === 'priority' ? priorityText(n.incident.head.priority) : (n.incident.head.impact?.system ?? '');
}

function group(nodes: IncidentNode[], by: GroupBy): GroupNode[] {
  const groups = new Map<string, IncidentNode[]>();
  for (const n of nodes) {
    const key = groupKey(n, by);
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
      by === 'status'
        ? STATUS_LABELS[key as IncidentStatus]
        : by === 'priority'
          ? `${key} — ${PRIORITY_DEFINITIONS[key as (typeof PRIORITIES)[number]]}`
          : key || 'No system';
    return new GroupNode(`${by}:${key}`, label, groups.get(key)!);
  });
}

/** Open actions across all incidents and action records: overdue first. */
export class ActionsTreeProvider extends IndexTreeProvider {
  protected roots(): TreeNode[] {
    const now = this.now();
    const all: Array<{ folder: FolderIndex; action: ReturnType<FolderIndex['index']['openActions']>[number] }> = [];
    for (const folder of this.workspace.folderIndexes()) for (const action of folder.index.openActions(now)) all.push({ folder, action });
    all.sort((a, b) => Number(b.action.overdue) - Number(a.action.overdue) || (a.action.deadline?.ms ?? Infinity) - (b.action.deadline?.ms ?? Infinity));
    return all.map(({ folder, action }) => openActionNode(folder, action, now));
  }
}

/** Every runbook of every folder; stale ones first, each with its steps. */
export class RunbooksTreeProvider extends IndexTreeProvider {
  protected roots(): TreeNode[] {
    const now = this.now();
    const nodes: Array<{ node: RunbookNode; stale: boolean }> = [];
    for (const folder of this.workspace.folderIndexes()) {
      const days = settings(folder.folder.uri).runbookStaleAfterDays;
      for (const rb of folder.index.runbooks()) nodes.push({ node: new RunbookNode(folder, rb, now, days), stale: isRunbookStale(rb, now, days) });
    }
    return nodes.sort((a, b) => Number(b.stale) - Number(a.stale) || a.node.runbook.id.localeCompare(b.node.runbook.id)).map((n) => n.node);
  }
}
