/**
 * The incident's life cycle from the command palette. Every command takes an
 * optional argument object (validated with zod) so it runs without prompts;
 * without one, it asks only what it must, in as few steps as possible.
 */
import * as vscode from 'vscode';
import { z } from 'zod';
import type { Incident } from '../../core/records/model';
import { addActionOps, communicationOps, completeActionOps, inIncidentOffset, logEntryOps, rootCauseOps, setStatusOps } from '../../core/records/recordOps';
import {
  AI_CONNECTIONS,
  AI_CONNECTION_LABELS,
  COMMUNICATION_CHANNELS,
  COMMUNICATION_LABELS,
  ENTRY_KINDS,
  MILESTONES,
  STATUSES,
  STATUS_LABELS,
  type IncidentStatus,
} from '../../core/records/schema';
import { formatRelative, parseTime } from '../../core/time/recordTime';
import { currentAuthor } from '../author';
import { COMMANDS } from '../constants';
import type { IncidentRef, IncidentWorkspace } from '../incidentWorkspace';
import type { RecordEditor } from '../recordEditor';
import { InlineActionNode } from '../tree/actionNodes';
import { pickIncident } from './pickIncident';
import { localOffset, parseArgs } from './commandArgs';
import { now as clockNow } from '../extensionClock';

export class EditingCommands {
  constructor(
    private readonly workspace: IncidentWorkspace,
    private readonly editor: RecordEditor,
  ) {}

  /** The incident to act on: named, or picked (the only active one preselected). */
  private pickIncident(arg: unknown, filter: (i: Incident) => boolean = () => true, placeHolder = vscode.l10n.t('Incident')): Promise<IncidentRef | undefined> {
    return pickIncident(this.workspace, arg, placeHolder, filter);
  }

  private now(ref: IncidentRef, at?: string): ReturnType<typeof inIncidentOffset> {
    if (at) {
      const t = parseTime(at);
      if (t.kind !== 'instant') throw new Error(vscode.l10n.t('"{0}" is not a time with offset.', at));
      return t.instant;
    }
    return inIncidentOffset(ref.incident, clockNow(), localOffset());
  }

  private async write(ref: IncidentRef, build: Parameters<RecordEditor['edit']>[2]): Promise<void> {
    await this.editor.edit(ref.folder, ref.incident.file, build);
  }

  async logTimelineEntry(arg?: unknown): Promise<void> {
    const args = parseArgs(
      z.object({
        incident: z.string(),
        folder: z.string().optional(),
        kind: z.enum(ENTRY_KINDS).optional(),
        text: z.string().min(1),
        milestone: z.enum(MILESTONES).optional(),
        at: z.string().optional(),
        author: z.string().optional(),
      }),
      arg,
    );
    const ref = await this.pickIncident(args ?? arg, undefined, vscode.l10n.t('Log a timeline entry in…'));
    if (!ref) return;
    // A timeline entry long after the end is almost always the wrong incident: ask before writing into one that is over.
    if (!args && ref.incident.head.status !== 'active') {
      const since = ref.incident.resolution ? vscode.l10n.t(', resolved {0}', formatRelative(ref.incident.resolution.ms, clockNow())) : '';
      const logAnyway = vscode.l10n.t('Log Anyway');
      const pick = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} is {1}{2}. Log a timeline entry into it anyway?', ref.incident.id, STATUS_LABELS[ref.incident.head.status].toLowerCase(), since),
        { modal: true, detail: vscode.l10n.t('To record a new occurrence, open a new incident; to continue this one, set its status back to active.') },
        logAnyway,
      );
      if (pick !== logAnyway) return;
    }
    let kind = args?.kind;
    let text = args?.text;
    let milestone = args?.milestone;
    if (!args) {
      const kindPick = await vscode.window.showQuickPick(
        ENTRY_KINDS.map((k) => ({ label: k[0]!.toUpperCase() + k.slice(1), value: k })),
        { placeHolder: vscode.l10n.t('{0}: what kind of entry?', ref.incident.id) },
      );
      if (!kindPick) return;
      kind = kindPick.value;
      text = await vscode.window.showInputBox({
        prompt: vscode.l10n.t('{0} — {1} entry, time now', ref.incident.id, kind),
        placeHolder: vscode.l10n.t('What happened, was found or decided — who, what'),
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Write what happened')),
      });
      if (!text) return;
      const missing = MILESTONES.filter((m) => !ref.incident.milestones[m]);
      if (missing.length) {
        const m = await vscode.window.showQuickPick(
          [{ label: vscode.l10n.t('No milestone'), value: undefined }, ...missing.map((x) => ({ label: x, value: x }))],
          {
            placeHolder: vscode.l10n.t('Does this mark a milestone?'),
          },
        );
        if (!m) return;
        milestone = m.value;
      }
    }
    const author = args?.author ?? (await currentAuthor(ref.folder.folder));
    const at = this.now(ref, args?.at);
    await this.write(ref, (record) => logEntryOps(record as Incident, { at, author, kind, text: text!.trim(), milestone }));
  }

  async setStatus(arg?: unknown): Promise<void> {
    const args = parseArgs(
      z.object({ incident: z.string(), folder: z.string().optional(), status: z.enum(STATUSES), at: z.string().optional(), author: z.string().optional() }),
      arg,
    );
    const ref = await this.pickIncident(args ?? arg, undefined, vscode.l10n.t('Change the status of…'));
    if (!ref) return;
    let status: IncidentStatus | undefined = args?.status;
    if (!status) {
      const labels: Record<IncidentStatus, string> = {
        active: vscode.l10n.t('Reopen (active)'),
        resolved: vscode.l10n.t('Resolve — fills resolution time and duration'),
        'postmortem-pending': vscode.l10n.t('Close — postmortem due in 48 h'),
        closed: vscode.l10n.t('Closed — postmortem complete'),
      };
      const pick = await vscode.window.showQuickPick(
        STATUSES.filter((s) => s !== ref.incident.head.status).map((s) => ({ label: labels[s], value: s })),
        { placeHolder: vscode.l10n.t('{0} is {1}', ref.incident.id, STATUS_LABELS[ref.incident.head.status]) },
      );
      status = pick?.value;
    }
    if (!status) return;
    const author = args?.author ?? (await currentAuthor(ref.folder.folder));
    const at = this.now(ref, args?.at);
    await this.write(ref, (record) => {
      const change = setStatusOps(record as Incident, status!, at, author);
      return 'error' in change ? change : change.ops;
    });
    // Resolved: the moment to connect the incident to its code, while the history is fresh.
    if (status === 'resolved' && !args && ref.folder.folder.uri.scheme === 'file') {
      const suggest = vscode.l10n.t('Suggest Code Links…');
      void vscode.window
        .showInformationMessage(vscode.l10n.t('{0} resolved. Link it to the code its commits changed?', ref.incident.id), suggest)
        .then((pick) =>
          pick === suggest
            ? vscode.commands.executeCommand(COMMANDS.suggestCodeLinks, { incident: ref.incident.id, folder: ref.folder.folder.uri.toString() })
            : undefined,
        );
    }
  }

  async addAction(arg?: unknown): Promise<void> {
    const args = parseArgs(
      z.object({ incident: z.string(), folder: z.string().optional(), text: z.string().min(1), owner: z.string().optional(), deadline: z.string().optional() }),
      arg,
    );
    const ref = await this.pickIncident(args ?? arg, undefined, vscode.l10n.t('Add an action to…'));
    if (!ref) return;
    let input = args;
    if (!input) {
      const text = await vscode.window.showInputBox({
        prompt: vscode.l10n.t('Action for {0}', ref.incident.id),
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Describe the action')),
      });
      if (!text) return;
      const owner = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Owner'), value: await currentAuthor(ref.folder.folder) });
      if (owner === undefined) return;
      const deadline = await vscode.window.showInputBox({
        prompt: vscode.l10n.t('Deadline (HH:MM today, or ISO 8601); empty for none'),
        validateInput: (v) =>
          !v.trim() || parseTime(v, { allowDate: true }).kind !== 'error' ? undefined : vscode.l10n.t('Use HH:MM or 2025-03-18T16:00:00+03:00'),
      });
      if (deadline === undefined) return;
      input = { incident: ref.incident.id, text, owner: owner || undefined, deadline: deadline || undefined };
    }
    await this.write(ref, () => addActionOps(input!));
  }

  async completeAction(arg?: unknown): Promise<void> {
    const args = parseArgs(
      z.object({
        incident: z.string(),
        folder: z.string().optional(),
        index: z.number().int().nonnegative(),
        by: z.string().optional(),
        at: z.string().optional(),
      }),
      arg,
    );
    let index = args?.index;
    if (arg instanceof InlineActionNode) index = arg.index;
    const ref = await this.pickIncident(args ?? arg, (i) => i.actions.some((a) => !a.action.done), vscode.l10n.t('Complete an action of…'));
    if (!ref) return;
    if (index === undefined) {
      const open = ref.incident.actions.filter((a) => !a.action.done);
      const pick = await vscode.window.showQuickPick(
        open.map((a) => ({ label: a.action.text, description: [a.action.owner, a.action.deadline].filter(Boolean).join(' · '), index: a.index })),
        { placeHolder: vscode.l10n.t('Which action is done?') },
      );
      if (!pick) return;
      index = pick.index;
    }
    const by = args?.by ?? (await currentAuthor(ref.folder.folder));
    const at = this.now(ref, args?.at);
    await this.write(ref, (record) => completeActionOps(record as Incident, index!, by, at));
  }

  async recordCommunication(arg?: unknown): Promise<void> {
    const args = parseArgs(
      z.object({
        incident: z.string(),
        folder: z.string().optional(),
        channel: z.enum(COMMUNICATION_CHANNELS),
        text: z.string().optional(),
        by: z.string().optional(),
        at: z.string().optional(),
      }),
      arg,
    );
    const ref = await this.pickIncident(args ?? arg, undefined, vscode.l10n.t('Record a communication for…'));
    if (!ref) return;
    let channel = args?.channel;
    let text = args?.text;
    if (!args) {
      const pick = await vscode.window.showQuickPick(
        COMMUNICATION_CHANNELS.map((c) => ({ label: COMMUNICATION_LABELS[c], value: c })),
        { placeHolder: vscode.l10n.t('Which channel?') },
      );
      if (!pick) return;
      channel = pick.value;
      text = await vscode.window.showInputBox({ prompt: vscode.l10n.t('{0}: what was said (optional)', COMMUNICATION_LABELS[channel]) });
      if (text === undefined) return;
    }
    const by = args?.by ?? (await currentAuthor(ref.folder.folder));
    const at = this.now(ref, args?.at);
    await this.write(ref, (record) => communicationOps(record as Incident, channel!, at, text || undefined, by));
  }

  async setRootCause(arg?: unknown): Promise<void> {
    const args = parseArgs(
      z.object({
        incident: z.string(),
        folder: z.string().optional(),
        initialHypothesis: z.string().optional(),
        confirmed: z.string().optional(),
        trigger: z.string().optional(),
        triggerRef: z.string().optional(),
        aiConnection: z.array(z.enum(AI_CONNECTIONS)).optional(),
        note: z.string().optional(),
      }),
      arg,
    );
    const ref = await this.pickIncident(args ?? arg, undefined, vscode.l10n.t('Set the root cause of…'));
    if (!ref) return;
    let input = args;
    if (!input) {
      const rc = ref.incident.record.rootCause;
      const ask = (prompt: string, value?: string) => vscode.window.showInputBox({ prompt, value: value?.replace(/\s+/g, ' ') });
      const initialHypothesis = await ask(vscode.l10n.t('Initial hypothesis'), rc?.initialHypothesis);
      if (initialHypothesis === undefined) return;
      const confirmed = await ask(vscode.l10n.t('Confirmed root cause (empty while unknown)'), rc?.confirmed);
      if (confirmed === undefined) return;
      const trigger = await ask(vscode.l10n.t('Trigger: exactly what set it off'), rc?.trigger?.text);
      if (trigger === undefined) return;
      const ai = await vscode.window.showQuickPick(
        AI_CONNECTIONS.map((a) => ({ label: AI_CONNECTION_LABELS[a], value: a, picked: ref.incident.aiConnections.includes(a) })),
        { canPickMany: true, placeHolder: vscode.l10n.t('AI connection') },
      );
      if (!ai) return;
      input = {
        incident: ref.incident.id,
        initialHypothesis: initialHypothesis || undefined,
        confirmed: confirmed || undefined,
        trigger: trigger || undefined,
        aiConnection: ai.map((a) => a.value),
      };
    }
    await this.write(ref, () => rootCauseOps(input!));
  }
}
