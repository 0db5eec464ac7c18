/**
 * Tree nodes. Each builds its own TreeItem and children from the index (no
 * I/O, no pop-ups) and sets a contextValue that view/item/context menus match.
 */
import { incidentOrigin } from '../../core/trust/dataBlock';
import { commitPhrase, commitsLine, incidentCommits, type IncidentCommit } from '../../core/present/commitPhrases';
import * as vscode from 'vscode';
import type { LinkKind } from '../../core/links/linkIndex';
import { linkKind } from '../../core/links/linkIndex';
import type { ActionItem, Incident, ResolvedEntry, Runbook } from '../../core/records/model';
import { isRunbookStale, postmortemOwed, runbookAgeDays, runbookRole } from '../../core/records/model';
import { settings } from '../config';
import type { OpenAction } from '../../core/index/incidentIndex';
import { AI_CONNECTION_LABELS, STATUS_LABELS, type CodeLink, type Priority, priorityDefinition, priorityText } from '../../core/records/schema';
import { formatClock, formatDate, formatDuration, formatRelative } from '../../core/time/recordTime';
import { oneLine } from '../../core/present/summaries';
import { commandLine } from '../../core/trust/terminalText';
import { COLORS, COMMANDS } from '../constants';
import type { FolderIndex } from '../incidentWorkspace';
import { STRINGS } from '../strings';
import { escapeMarkdown } from '../markdown';

export type FieldPath = Array<string | number>;

export abstract class TreeNode {
  abstract toTreeItem(): vscode.TreeItem;
  children(): TreeNode[] {
    return [];
  }
}

const PRIORITY_ICONS: Record<Priority, string> = { P1: 'flame', P2: 'warning', P3: 'info', P4: 'circle-small-filled' };

export function priorityIcon(priority: Priority): vscode.ThemeIcon {
  return new vscode.ThemeIcon(PRIORITY_ICONS[priority], new vscode.ThemeColor(COLORS[priority]));
}

function openRecordCommand(folder: FolderIndex, file: string, path: FieldPath = []): vscode.Command {
  return { command: COMMANDS.openRecord, title: 'Open', arguments: [{ folder: folder.folder.uri.toString(), file, path, preserveFocus: true }] };
}

function truncate(text: string, max = 80): string {
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

export class GroupNode extends TreeNode {
  constructor(
    readonly key: string,
    readonly label: string,
    readonly incidents: IncidentNode[],
    private readonly tooltip?: string,
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `group:${this.key}`;
    item.description = String(this.incidents.length);
    item.contextValue = 'group';
    if (this.tooltip) item.tooltip = this.tooltip;
    return item;
  }

  override children(): TreeNode[] {
    return this.incidents;
  }
}

export class IncidentNode extends TreeNode {
  constructor(
    readonly folder: FolderIndex,
    readonly incident: Incident,
    private readonly now: number,
    private readonly showFolder: boolean,
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const r = this.incident.record;
    const item = new vscode.TreeItem(`${r.id} ${r.title}`, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `incident:${this.folder.folder.uri.toString()}:${r.id}:${this.incident.file}`;
    item.iconPath = priorityIcon(r.priority ?? 'P4');
    const age =
      r.status === 'active'
        ? this.incident.start && formatRelative(this.incident.start.ms, this.now)
        : this.incident.durationMinutes !== undefined
          ? formatDuration(this.incident.durationMinutes)
          : this.incident.start && formatDate(this.incident.start);
    const origin = incidentOrigin(this.incident);
    const imported = origin.trust === 'imported' ? vscode.l10n.t('imported, not reviewed') : origin.trust === 'reviewed' ? vscode.l10n.t('imported, reviewed') : undefined;
    item.description = [r.priority, age, imported, this.showFolder || this.folder.source ? this.folder.folder.name : undefined].filter(Boolean).join(' · ');
    item.tooltip = incidentTooltip(this.incident);
    // ".imported": menus offer Mark Imported Record Reviewed.
    item.contextValue = `incident.${r.status}${origin.trust === 'imported' ? '.imported' : ''}`;
    item.command = openRecordCommand(this.folder, this.incident.file);
    return item;
  }

  override children(): TreeNode[] {
    const i = this.incident;
    const r = i.record;
    const f = this.folder;
    const out: TreeNode[] = [];
    // The rollback procedure first, one click away, while the incident is active.
    const staleDays = settings(f.folder.uri).runbookStaleAfterDays;
    const runbooks = f.index.runbooksForIncident(i).map(({ runbook }) => new RunbookNode(f, runbook, this.now, staleDays, i));
    if (r.status === 'active') out.push(...runbooks);
    const impact = [r.impact?.system, r.impact?.feature, r.impact?.users?.text ?? (r.impact?.users?.estimate !== undefined ? `~${r.impact.users.estimate} users` : undefined), r.impact?.business].filter(
      (x): x is string => !!x,
    );
    out.push(new SectionNode(f, i, 'impact', STRINGS.impact, impact[0] ? truncate(impact[0], 60) : STRINGS.notSet, 'pulse', ['impact'], impact.map((t) => new TextNode(f, i, t, ['impact']))));
    out.push(
      new SectionNode(f, i, 'timeline', STRINGS.timeline(i.timeline.length), undefined, 'history', ['timeline'], i.timeline.map((e) => new EntryNode(f, i, e))),
    );
    const open = i.actions.filter((a) => !a.action.done).length;
    out.push(
      new SectionNode(
        f,
        i,
        'actions',
        STRINGS.actions(open, i.actions.length),
        undefined,
        'checklist',
        ['actions'],
        i.actions.map((a) => new InlineActionNode(f, i, a.index, a.action.text, a.action.done === true, a.action.owner ?? a.action.doneBy, this.now, a.deadline?.ms)),
      ),
    );
    const records = f.index.actionRecordsOf(r.id);
    if (records.length) {
      out.push(new SectionNode(f, i, 'actionRecords', STRINGS.actionRecords, `${records.filter((a) => a.record.status === 'done').length}/${records.length} done`, 'tasklist', ['postmortem', 'actionPlan'], records.map((a) => new ActionRecordNode(f, a, this.now))));
    }
    const cause = r.rootCause?.confirmed ?? r.rootCause?.initialHypothesis;
    const causeLines = [
      r.rootCause?.confirmed && `Confirmed: ${oneLine(r.rootCause.confirmed)}`,
      r.rootCause?.initialHypothesis && `Initial hypothesis: ${oneLine(r.rootCause.initialHypothesis)}`,
      r.rootCause?.trigger?.text && `Trigger: ${oneLine(r.rootCause.trigger.text)}${r.rootCause.trigger.ref ? ` (${r.rootCause.trigger.ref})` : ''}`,
      i.aiConnections.length ? `AI connection: ${i.aiConnections.map((a) => AI_CONNECTION_LABELS[a]).join(', ')}` : undefined,
      r.rootCause?.note && `Note: ${oneLine(r.rootCause.note)}`,
    ].filter((x): x is string => !!x);
    out.push(new SectionNode(f, i, 'rootCause', STRINGS.rootCause, cause ? truncate(cause, 60) : STRINGS.notSet, 'search', ['rootCause'], causeLines.map((t) => new TextNode(f, i, t, ['rootCause']))));
    const commits = incidentCommits(i, records);
    if (commits.length) {
      out.push(new SectionNode(f, i, 'commits', STRINGS.commits, truncate(commitsLine(commits, i), 80), 'git-commit', ['commits'], commits.map((c) => new CommitNode(f, i, c))));
    }
    out.push(new PostmortemNode(f, i, this.now));
    const learning = [r.learning?.lesson, r.learning?.promptTemplate && `Prompt template: ${oneLine(r.learning.promptTemplate)}`].filter((x): x is string => !!x);
    out.push(new SectionNode(f, i, 'learning', STRINGS.learning, r.learning?.lesson ? truncate(r.learning.lesson, 60) : STRINGS.notSet, 'lightbulb', ['learning'], learning.map((t) => new TextNode(f, i, t, ['learning']))));
    out.push(new SectionNode(f, i, 'links', STRINGS.linkedCode, String(i.links.length), 'code', ['links'], i.links.map((l, idx) => new LinkNode(f, i, l, idx))));
    if (r.status !== 'active') out.push(...runbooks);
    return out;
  }
}

export function incidentTooltip(incident: Incident): vscode.MarkdownString {
  const r = incident.record;
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown(`$(${PRIORITY_ICONS[r.priority ?? 'P4']}) **${escapeMarkdown(`${r.id} ${r.title}`)}**\n\n`);
  const facts = [`${priorityText(r.priority)} — ${priorityDefinition(r.priority)}`, STATUS_LABELS[r.status], incident.start && formatDate(incident.start), incident.durationMinutes !== undefined ? formatDuration(incident.durationMinutes) : undefined];
  md.appendMarkdown(`${escapeMarkdown(facts.filter(Boolean).join(' · '))}\n\n`);
  const impact = [r.impact?.system, r.impact?.feature, r.impact?.business].filter(Boolean).join(' — ');
  if (impact) md.appendMarkdown(`**Impact:** ${escapeMarkdown(impact)}\n\n`);
  const cause = r.rootCause?.confirmed ?? r.rootCause?.initialHypothesis;
  if (cause) md.appendMarkdown(`${r.rootCause?.confirmed ? '**Root cause:**' : '**Hypothesis:**'} ${escapeMarkdown(cause)}\n\n`);
  const origin = incidentOrigin(incident);
  if (origin.importedFrom) {
    const from = `${origin.importedFrom.system} ${origin.importedFrom.id}`;
    md.appendMarkdown(
      escapeMarkdown(origin.reviewedBy ? vscode.l10n.t('Imported from {0}; reviewed by {1}.', from, origin.reviewedBy) : vscode.l10n.t('Imported from {0}; not reviewed yet: AI tools see it only as third-party text (Mark Imported Record Reviewed).', from)) + '\n\n',
    );
  }
  return md;
}

export class SectionNode extends TreeNode {
  constructor(
    private readonly folder: FolderIndex,
    private readonly incident: Incident,
    private readonly key: string,
    private readonly label: string,
    private readonly description: string | undefined,
    private readonly icon: string,
    private readonly path: FieldPath,
    private readonly items: TreeNode[],
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, this.items.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `section:${this.folder.folder.uri.toString()}:${this.incident.file}:${this.key}`;
    item.description = this.description;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = `section.${this.key}`;
    item.command = openRecordCommand(this.folder, this.incident.file, this.path);
    return item;
  }

  override children(): TreeNode[] {
    return this.items;
  }
}

export class CommitNode extends TreeNode {
  constructor(
    readonly folder: FolderIndex,
    readonly incident: Incident,
    readonly commit: IncidentCommit,
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const c = this.commit;
    const item = new vscode.TreeItem(`${c.sha.slice(0, 7)} ${c.subject ?? ''}`.trim());
    item.description = commitPhrase(c, this.incident, false).replace(/ [0-9a-f]{7}/, '') + (c.from !== this.incident.id ? ` · ${c.from}` : '');
    item.tooltip = `${commitPhrase(c, this.incident)}${c.from !== this.incident.id ? ` (${c.from})` : ''}`;
    item.iconPath = new vscode.ThemeIcon(c.role === 'trigger' ? 'bug' : c.role === 'revert' ? 'discard' : c.role === 'fix' ? 'check' : 'git-commit');
    item.contextValue = 'commit';
    item.command = { title: 'Show Commit', command: COMMANDS.openCommit, arguments: [{ folder: this.folder.folder.uri.toString(), sha: c.sha }] };
    return item;
  }
}

export class TextNode extends TreeNode {
  constructor(
    private readonly folder: FolderIndex,
    private readonly incident: Incident,
    private readonly text: string,
    private readonly path: FieldPath,
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(truncate(this.text, 120));
    item.tooltip = this.text;
    item.contextValue = 'text';
    item.command = openRecordCommand(this.folder, this.incident.file, this.path);
    return item;
  }
}

const KIND_ICONS: Record<string, string> = { event: 'circle-filled', finding: 'search', decision: 'law', action: 'tools', communication: 'comment' };

export class EntryNode extends TreeNode {
  constructor(
    private readonly folder: FolderIndex,
    private readonly incident: Incident,
    private readonly entry: ResolvedEntry,
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const e = this.entry.entry;
    // An entry on another day than the start says which day (a multi-day incident, a date-only prehistory).
    const at = this.entry.at;
    const start = this.incident.start;
    const otherDay = at && start && at.precision !== 'day' && formatDate(at) !== formatDate(start);
    const when = at ? `${otherDay ? `${formatDate(at)} ` : ''}${formatClock(at)}` : e.at;
    const item = new vscode.TreeItem(`${when} ${truncate(e.text, 100)}`);
    item.description = [e.author, e.milestone].filter(Boolean).join(' · ');
    item.tooltip = `${when} — ${e.text}${e.author ? `\n— ${e.author}` : ''}`;
    item.iconPath = new vscode.ThemeIcon(e.milestone ? 'star-full' : (KIND_ICONS[e.kind ?? 'event'] ?? 'circle-filled'));
    item.contextValue = 'timelineEntry';
    item.command = openRecordCommand(this.folder, this.incident.file, ['timeline', this.entry.index]);
    return item;
  }
}

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
      this.deadlineMs !== undefined ? (overdue ? STRINGS.overdue(formatRelative(this.deadlineMs, this.now)) : STRINGS.due(formatRelative(this.deadlineMs, this.now))) : undefined,
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
    const deadline = this.action.deadline ? (overdue ? STRINGS.overdue(formatDate(this.action.deadline)) : STRINGS.due(formatDate(this.action.deadline))) : a.deadline;
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

export class LinkNode extends TreeNode {
  constructor(
    private readonly folder: FolderIndex,
    private readonly incident: Incident,
    private readonly link: CodeLink,
    private readonly index: number,
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const kind: LinkKind = linkKind(this.link.path);
    const item = new vscode.TreeItem(this.link.symbol ? `${this.link.symbol}` : this.link.path);
    item.description = [this.link.symbol ? this.link.path : undefined, this.link.lines && `lines ${this.link.lines}`, this.link.note].filter(Boolean).join(' · ');
    item.tooltip = this.link.note;
    item.iconPath = new vscode.ThemeIcon(this.link.symbol ? 'symbol-method' : kind === 'directory' ? 'folder' : kind === 'glob' ? 'files' : 'file-code');
    item.contextValue = `link.${kind}`;
    item.command = {
      command: COMMANDS.openLink,
      title: 'Open',
      arguments: [{ folder: this.folder.folder.uri.toString(), path: this.link.path, symbol: this.link.symbol, lines: this.link.lines, incident: this.incident.id, index: this.index }],
    };
    return item;
  }
}

/** An entry in the Open actions view. */
export function openActionNode(folder: FolderIndex, action: OpenAction, now: number): TreeNode {
  if (action.source === 'inline') {
    const a = action.item;
    return new InlineActionNode(folder, action.incident, a.index, a.action.text, false, a.action.owner, now, a.deadline?.ms, true);
  }
  return new ActionRecordNode(folder, action.item, now, true);
}

/** A runbook in the Runbooks view (or under an incident): stale ones warn; steps below. */
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
    md.appendText([r.owner && `Owner: ${r.owner}`, r.approvedBy && `Approved by: ${r.approvedBy}`, r.lastVerified && `Last verified: ${r.lastVerified}`].filter(Boolean).join(' · '));
    if (stale) md.appendText(`\n\n${STRINGS.staleRunbook(this.staleAfterDays)}`);
    item.tooltip = md;
    item.contextValue = stale ? 'runbook.stale' : 'runbook';
    item.command = this.forIncident
      ? { command: COMMANDS.runRunbookStep, title: STRINGS.runStep, arguments: [{ folder: this.folder.folder.uri.toString(), runbook: r.id, incident: this.forIncident.id }] }
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
    item.tooltip = [step.instruction.trim(), step.command && `$ ${commandLine(step.command)}`, step.expected && `Expected: ${step.expected.trim()}`, step.whoMayRun && `Who may run it: ${step.whoMayRun}`]
      .filter(Boolean)
      .join('\n\n');
    item.iconPath = new vscode.ThemeIcon(step.command ? 'terminal' : 'circle-large-outline');
    item.contextValue = 'runbookStep';
    item.command = { command: COMMANDS.runRunbookStep, title: STRINGS.runStep, arguments: [{ folder: this.folder.folder.uri.toString(), runbook: this.runbook.id, step: this.index + 1 }] };
    return item;
  }
}
