/**
 * Hand to Agent… (issue 30): an action record as a self-contained task for a
 * coding agent — the same text as `incident-lens task ID` (core/ai/agentTask.ts,
 * every piece of record text in its data block). Opens the chat with it when
 * this editor has chat (`workbench.action.chat.open` with `{ query }`), as a
 * partial query so the person reads it and sends it themselves; else copies
 * it to the clipboard and says so.
 */
import * as vscode from 'vscode';
import { z } from 'zod';
import { actionTask } from '../../core/ai/agentTask';
import type { ActionItem } from '../../core/records/model';
import type { FolderIndex, IncidentWorkspace } from '../incidentWorkspace';
import { ActionRecordNode } from '../tree/actionNodes';

const CHAT_OPEN = 'workbench.action.chat.open';
const target = z.object({ action: z.string(), folder: z.string().optional() });

export interface HandedTask {
  readonly id: string;
  readonly via: 'chat' | 'clipboard';
  readonly task: string;
}

type ActionRef = { folder: FolderIndex; action: ActionItem };

export class HandToAgent {
  constructor(private readonly workspace: IncidentWorkspace) {}

  /** Tree node (context menu), `{ action, folder? }` (tests, links) or nothing (palette: a pick of the open actions first). */
  async run(arg?: unknown): Promise<HandedTask | undefined> {
    const ref = await this.target(arg);
    if (!ref) return undefined;
    const task = actionTask(ref.action, ref.folder.index.incident(ref.action.record.incident), 'markdown');
    if ((await vscode.commands.getCommands(true)).includes(CHAT_OPEN)) {
      await vscode.commands.executeCommand(CHAT_OPEN, { query: task, isPartialQuery: true });
      return { id: ref.action.id, via: 'chat', task };
    }
    await vscode.env.clipboard.writeText(task);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0}: the task is on the clipboard (this editor has no chat). Paste it into your coding agent.', ref.action.id),
    );
    return { id: ref.action.id, via: 'clipboard', task };
  }

  private all(): ActionRef[] {
    return this.workspace.folderIndexes().flatMap((folder) => folder.index.actionRecords().map((action) => ({ folder, action })));
  }

  private async target(arg: unknown): Promise<ActionRef | undefined> {
    if (arg instanceof ActionRecordNode) return { folder: arg.folder, action: arg.action };
    const parsed = target.safeParse(arg);
    if (parsed.success) {
      const found = this.all().find(
        (r) => r.action.id === parsed.data.action && (!parsed.data.folder || r.folder.folder.uri.toString() === parsed.data.folder),
      );
      if (!found) throw new Error(vscode.l10n.t('Action record {0} was not found.', parsed.data.action));
      return found;
    }
    const refs = this.all();
    if (!refs.length) throw new Error(vscode.l10n.t('No action record to hand to an agent.'));
    const open = (r: ActionRef) => (r.action.record.status === 'open' || r.action.record.status === 'in-progress' ? 0 : 1);
    refs.sort((a, b) => open(a) - open(b));
    const items = refs.map((ref) => ({
      label: `${ref.action.id} ${ref.action.record.title}`,
      description: [ref.action.record.incident, ref.action.record.status].join(' · '),
      ref,
    }));
    return (await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Hand to Agent: an action record…') }))?.ref;
  }
}
