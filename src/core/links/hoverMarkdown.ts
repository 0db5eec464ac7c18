/**
 * The hover over linked code, as Markdown (pure, so it can be rendered and
 * checked without VS Code). The hover is trusted for a few of our own
 * commands, so record text must never form a link or leave its code block:
 * every record text is escaped (escapeMarkdown), the prompt template goes in
 * a fence longer than any backtick or tilde run it holds, whatever its
 * indentation (mdFence), and only the tool's own code writes `command:` URIs.
 */
import { commitPhrase, incidentCommits } from '../present/commitPhrases';
import { mdFence } from '../present/markdownText';
import type { ActionItem, Incident, Runbook } from '../records/model';
import { runbookRole } from '../records/model';
import { AI_CONNECTION_LABELS, priorityDefinition, priorityIconName, priorityText } from '../records/schema';
import { formatDate, formatRelative } from '../time/recordTime';
import { revealHidden } from '../trust/hiddenText';

/**
 * Incident text inside Markdown (hovers, tooltips) is data: every Markdown
 * and HTML character is escaped so it renders literally and cannot form
 * links, command URIs or markup. Unlike MarkdownString.appendText, spaces
 * stay spaces, so long root causes wrap. Hidden characters are shown.
 */
export function escapeMarkdown(text: string): string {
  return revealHidden(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]()#+\-.!|~>]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
}

/** The command ids the hover links to, and how each link's argument is made (the face knows its folders). */
export interface HoverCommands {
  readonly openRecord: string;
  readonly showTimeline: string;
  readonly copyPromptTemplate: string;
  readonly runRunbookStep: string;
  readonly openCommit: string;
}

export interface HoverInput {
  readonly incidents: readonly Incident[];
  readonly now: number;
  readonly commands: HoverCommands;
  readonly actionsOf: (incident: Incident) => readonly ActionItem[];
  readonly runbooks: readonly Runbook[];
  /** Arguments (JSON-able) for each link; encoded here. */
  readonly args: {
    openRecord(incident: Incident): unknown;
    showTimeline(incident: Incident): unknown;
    copyPromptTemplate(incident: Incident): unknown;
    openCommit(sha: string): unknown;
    runbook(runbook: Runbook): unknown;
  };
  readonly t: (text: string) => string;
}

function link(label: string, command: string, arg: unknown, title?: string): string {
  const uri = `command:${command}?${encodeURIComponent(JSON.stringify([arg]))}`;
  return `[${label}](${uri}${title ? ` "${escapeMarkdown(title)}"` : ''})`;
}

/** "Rollback procedure: RB-payments-rollback" (the seed's name for it), else "Runbook: RB-…". */
export function runbookLabel(rb: Runbook): string {
  return `${runbookRole(rb) === 'Rollback' ? 'Rollback procedure' : 'Runbook'}: ${rb.id}`;
}

function incidentMarkdown(incident: Incident, input: HoverInput): string {
  const r = incident.record;
  const out: string[] = [];
  let head = `$(${priorityIconName(r.priority)}) **${priorityText(r.priority)} ${r.id} — ${escapeMarkdown(r.title)}**`;
  if (incident.start) {
    const end = incident.resolution && formatDate(incident.resolution) !== formatDate(incident.start) ? ` to ${formatDate(incident.resolution)}` : '';
    head += ` · ${formatDate(incident.start)}${end} (${formatRelative(incident.start.ms, input.now)})`;
  }
  out.push(head, `_${escapeMarkdown(`${priorityDefinition(r.priority, r.source !== undefined)} · ${r.status}`)}_`);
  const rc = r.rootCause;
  const cause = rc?.confirmed ?? rc?.initialHypothesis;
  if (cause) out.push(`${rc?.confirmed ? '**Root cause:**' : '**Hypothesis:**'} ${escapeMarkdown(cause)}`);
  if (rc?.trigger?.text || rc?.trigger?.ref)
    out.push(`**Trigger:** ${escapeMarkdown([rc.trigger.text, rc.trigger.ref && `(${rc.trigger.ref})`].filter(Boolean).join(' '))}`);
  const commits = incidentCommits(incident, input.actionsOf(incident));
  if (commits.length) {
    // Each commit opens its change: "introduced by [a1b2c3d](…) (14:15, subject) · fixed by …".
    const parts = commits.map((c) => {
      const phrase = commitPhrase(c, incident);
      const short = c.sha.slice(0, 7);
      const label = phrase.slice(0, phrase.indexOf(short)).trim();
      const details = phrase.slice(phrase.indexOf(short) + short.length).trim();
      // The sha is checked hex (schema): safe inside the link text.
      return `${escapeMarkdown(label)} ${link(`\`${short}\``, input.commands.openCommit, input.args.openCommit(c.sha), input.t('Show the change'))}${details ? ` ${escapeMarkdown(details)}` : ''}`;
    });
    out.push(`**Commits:** ${parts.join(' · ')}`);
  }
  if (incident.aiConnections.length) out.push(`**AI connection:** ${incident.aiConnections.map((a) => AI_CONNECTION_LABELS[a]).join(', ')}`);
  if (r.learning?.lesson) out.push(`**Learning:** ${escapeMarkdown(r.learning.lesson)}`);
  if (r.learning?.promptTemplate) out.push(`**Prompt template:**\n\n${mdFence(revealHidden(r.learning.promptTemplate.trim()))}`);
  const links = [
    link('$(go-to-file) Open incident', input.commands.openRecord, input.args.openRecord(incident)),
    link('$(history) Show timeline', input.commands.showTimeline, input.args.showTimeline(incident)),
  ];
  if (r.learning?.promptTemplate) links.push(link('$(copy) Copy prompt template', input.commands.copyPromptTemplate, input.args.copyPromptTemplate(incident)));
  out.push(links.join(' · '));
  return out.join('\n\n');
}

/** Hover content for incidents, most severe and most recent first; runbooks for this code and these incidents last. */
export function hoverMarkdown(input: HoverInput): string {
  const parts = input.incidents.map((i) => incidentMarkdown(i, input));
  if (input.runbooks.length) {
    parts.push(
      input.runbooks
        .map(
          (rb) =>
            `${link(`$(book) ${escapeMarkdown(runbookLabel(rb))}`, input.commands.runRunbookStep, input.args.runbook(rb))} — ${escapeMarkdown(`${rb.record.steps.length} steps`)}`,
        )
        .join('  \n'),
    );
  }
  return parts.join('\n\n---\n\n');
}
