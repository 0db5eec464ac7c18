/** "Incident Lens: Search Incidents…": fuse.js ranking in a quick pick. */
import * as vscode from 'vscode';
import type { SearchHit } from '../../core/search/fuzzySearch';
import { STATUS_LABELS, priorityIconName, priorityText } from '../../core/records/schema';
import type { FolderIndex, IncidentWorkspace } from '../incidentWorkspace';
import { STRINGS } from '../strings';
import { COMMANDS } from '../constants';

interface HitItem extends vscode.QuickPickItem {
  folder: FolderIndex;
  hit: SearchHit;
}

/** Searches every folder; `query` preset runs without typing (tests, links). */
export function searchAll(workspace: IncidentWorkspace, query: string): Array<{ folder: FolderIndex; hit: SearchHit }> {
  const out: Array<{ folder: FolderIndex; hit: SearchHit }> = [];
  for (const folder of workspace.folderIndexes()) {
    for (const hit of folder.index.search().search(query)) out.push({ folder, hit });
  }
  return out.sort((a, b) => a.hit.score - b.hit.score);
}

function toItem(folder: FolderIndex, hit: SearchHit): HitItem {
  const r = hit.incident.record;
  return {
    label: `$(${priorityIconName(r.priority)}) ${r.id} ${r.title}`,
    description: `${priorityText(r.priority)} · ${STATUS_LABELS[r.status]}`,
    detail: `${hit.field}: ${hit.snippet}`,
    alwaysShow: true,
    folder,
    hit,
  };
}

export async function searchIncidents(workspace: IncidentWorkspace, initial?: string): Promise<void> {
  const pick = vscode.window.createQuickPick<HitItem>();
  pick.placeholder = STRINGS.searchPlaceholder;
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  // Heads first: search reads whole records, so it waits for the full read behind a fresh load (busy meanwhile).
  const indexes = workspace.folderIndexes().map((f) => f.index);
  const full = indexes.some((i) => i.fullReadPending) ? Promise.all(indexes.map((i) => i.fullRead)) : undefined;
  const update = (value: string) => {
    if (full && !fullDone) {
      pick.busy = true;
      void full.then(() => update(pick.value));
      return;
    }
    pick.busy = false;
    const items = searchAll(workspace, value).map(({ folder, hit }) => toItem(folder, hit));
    pick.items = items;
    if (items[0]) pick.activeItems = [items[0]];
    pick.title = value.trim() && !items.length ? `${STRINGS.searchNoResults} "${value}"` : undefined;
  };
  let fullDone = false;
  void full?.then(() => (fullDone = true));
  pick.onDidChangeValue(update);
  pick.onDidAccept(() => {
    const chosen = pick.selectedItems[0];
    pick.hide();
    if (chosen) {
      void vscode.commands.executeCommand(COMMANDS.showTimeline, { folder: chosen.folder.folder.uri.toString(), incident: chosen.hit.incident.id });
    }
  });
  pick.onDidHide(() => pick.dispose());
  if (initial) {
    pick.value = initial;
    update(initial);
  }
  pick.show();
}
