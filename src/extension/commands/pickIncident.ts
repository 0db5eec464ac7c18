/** The incident picker every command shares: named by argument, or picked with fuzzy search. */
import * as vscode from 'vscode';
import { z } from 'zod';
import type { Incident } from '../../core/records/model';
import { STATUSES, STATUS_LABELS, priorityRank, priorityText } from '../../core/records/schema';
import type { IncidentRef, IncidentWorkspace } from '../incidentWorkspace';
import { IncidentNode } from '../tree/incidentNodes';
import { InlineActionNode } from '../tree/actionNodes';

const target = z.object({ incident: z.string().optional(), folder: z.string().optional() });

/** Commands receive a tree node (context menu), an args object (tests, links) or nothing (palette). */
export function targetOf(arg: unknown): { incident?: string; folder?: string } {
  if (arg instanceof IncidentNode || arg instanceof InlineActionNode) return { incident: arg.incident.id, folder: arg.folder.folder.uri.toString() };
  const parsed = target.safeParse(arg);
  return parsed.success ? parsed.data : {};
}

export async function pickIncident(
  workspace: IncidentWorkspace,
  arg: unknown,
  placeHolder: string,
  filter: (i: Incident) => boolean = () => true,
): Promise<IncidentRef | undefined> {
  const t = targetOf(arg);
  if (t.incident) {
    const found = workspace.findIncident(t.incident, t.folder);
    if (!found) throw new Error(vscode.l10n.t('Incident {0} was not found.', t.incident));
    return found;
  }
  const refs = workspace.incidents().filter((r) => filter(r.incident));
  if (!refs.length) throw new Error(vscode.l10n.t('No incident to act on.'));
  const order = (r: IncidentRef) => STATUSES.indexOf(r.incident.head.status) * 10 + priorityRank(r.incident.head.priority);
  refs.sort((a, b) => order(a) - order(b));
  type Item = vscode.QuickPickItem & { ref: IncidentRef };
  const toItem = (ref: IncidentRef, detail?: string): Item => ({
    label: `${ref.incident.id} ${ref.incident.head.title}`,
    description: `${priorityText(ref.incident.head.priority)} · ${STATUS_LABELS[ref.incident.head.status]}`,
    detail,
    alwaysShow: true,
    ref,
  });
  const all = refs.map((r) => toItem(r));
  const pick = vscode.window.createQuickPick<Item>();
  pick.items = all;
  pick.placeholder = placeHolder;
  pick.matchOnDescription = false;
  const active = all.filter((i) => i.ref.incident.head.status === 'active');
  if (active.length === 1) pick.activeItems = [active[0]!];
  pick.onDidChangeValue((value) => {
    if (!value.trim()) {
      pick.items = all;
      return;
    }
    const hits = workspace
      .folderIndexes()
      .flatMap((folder) =>
        folder.index
          .search()
          .search(value)
          .map((h) => ({ h, folder })),
      )
      .filter(({ h }) => filter(h.incident));
    hits.sort((a, b) => a.h.score - b.h.score);
    pick.items = hits.map(({ h, folder }) => toItem({ folder, incident: h.incident }, `${h.field}: ${h.snippet}`));
    // Our ranking decides: focus its best hit, whatever was focused before.
    if (pick.items[0]) pick.activeItems = [pick.items[0]];
  });
  return new Promise((resolve) => {
    let accepted = false;
    let shownAt = Date.now();
    let shownAgain = false;
    pick.onDidAccept(() => {
      accepted = true;
      resolve(pick.selectedItems[0]?.ref ?? pick.activeItems[0]?.ref);
      pick.hide();
    });
    pick.onDidHide(() => {
      if (!accepted && !shownAgain && lostToWebview(shownAt, pick.value)) {
        shownAgain = true;
        shownAt = Date.now();
        pick.show();
        return;
      }
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

/**
 * Run from the palette while a webview (a timeline, Insights) is the active editor, the palette
 * closes and VS Code hands the focus back to that webview; the webview takes it asynchronously,
 * after our picker has opened, and a quick pick without ignoreFocusOut hides when it loses the
 * focus (microsoft/vscode#93950: "the second picker opens and takes the focus only to lose it
 * immediately after"). A picker hidden that soon, untouched, over a webview, is shown once more.
 */
const FOCUS_SETTLE_MS = 1_000;

function lostToWebview(shownAt: number, value: string): boolean {
  return Date.now() - shownAt < FOCUS_SETTLE_MS && value === '' && vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputWebview;
}
