/** Plain-data views of records, shared by the CLI's --json and the extension's views. */
import { commitPhrase, incidentCommits } from './commitPhrases';
import { incidentMetrics, type IncidentMetrics } from '../insights/incidentMetrics';
import { isRunbookStale, postmortemOwed, runbookAgeDays, type ActionItem, type Incident, type Runbook } from '../records/model';
import { AI_CONNECTION_LABELS, priorityDefinition, priorityText } from '../records/schema';
import { formatDate, formatDuration, formatInstant } from '../time/recordTime';
import { commandLine, commandProblem } from '../trust/terminalText';

export interface IncidentSummary {
  id: string;
  file: string;
  title: string;
  status: string;
  priority: string;
  start?: string;
  resolution?: string;
  duration?: string;
  system?: string;
  rootCause?: string;
  trigger?: string;
  commits: Array<{ sha: string; role: string; subject?: string; at?: string }>;
  aiConnection: string[];
  learning?: string;
  promptTemplate?: string;
  metrics: IncidentMetrics;
}

export function summarizeIncident(incident: Incident): IncidentSummary {
  const r = incident.record;
  return {
    id: r.id,
    file: incident.file,
    title: r.title,
    status: r.status,
    priority: priorityText(r.priority),
    start: incident.start && formatInstant(incident.start),
    resolution: incident.resolution && formatInstant(incident.resolution),
    duration: incident.durationMinutes !== undefined ? formatDuration(incident.durationMinutes) : undefined,
    system: r.impact?.system,
    rootCause: r.rootCause?.confirmed ?? r.rootCause?.initialHypothesis,
    trigger: r.rootCause?.trigger?.text,
    commits: incident.commits.map((c) => ({ sha: c.sha, role: c.role, ...(c.subject ? { subject: c.subject } : {}), ...(c.at ? { at: c.at } : {}) })),
    aiConnection: incident.aiConnections.map((a) => AI_CONNECTION_LABELS[a]),
    learning: r.learning?.lesson,
    promptTemplate: r.learning?.promptTemplate,
    metrics: incidentMetrics(incident),
  };
}

/** Multi-line human description of an incident (CLI `show`). */
/** The figures' names in the aligned `show` layout (METRIC_LABELS spelled short). */
const SHORT_FIGURE = { timeToDetect: 'to detect', timeToAcknowledge: 'to ack', timeToMitigate: 'to mitigate', timeToResolve: 'to resolve' } as const;

export function describeIncident(incident: Incident, actions: readonly ActionItem[]): string {
  const r = incident.record;
  const s = summarizeIncident(incident);
  const out: string[] = [];
  out.push(`${r.id}  ${priorityText(r.priority)}  ${r.status}  ${oneLine(r.title)}`);
  out.push(`  file:        ${incident.file}`);
  out.push(`  priority:    ${priorityText(r.priority)} — ${priorityDefinition(r.priority, r.source !== undefined)}`);
  if (s.start) out.push(`  start:       ${s.start}`);
  if (s.resolution) out.push(`  resolution:  ${s.resolution}${s.duration ? ` (${s.duration})` : ''}`);
  const roles = r.roles;
  if (roles) {
    const parts = [
      roles.incidentLead && `lead ${roles.incidentLead}`,
      roles.commsOwner && `comms ${roles.commsOwner}`,
      roles.technicalLead && `tech ${roles.technicalLead}`,
      roles.onCall && `on-call ${roles.onCall}`,
    ].filter(Boolean);
    if (parts.length) out.push(`  roles:       ${oneLine(parts.join(', '))}`);
  }
  if (r.detected) out.push(`  detected:    ${[r.detected.how, r.detected.source && oneLine(r.detected.source)].filter(Boolean).join(' — ')}`);
  // The four figures, each with the milestone time it is measured to.
  const m = incidentMetrics(incident);
  for (const [key, milestone] of [
    ['timeToDetect', 'detected'],
    ['timeToAcknowledge', 'acknowledged'],
    ['timeToMitigate', 'mitigated'],
    ['timeToResolve', 'resolved'],
  ] as const) {
    const at = milestone === 'resolved' ? (incident.milestones.resolved ?? incident.resolution) : incident.milestones[milestone];
    if (m[key] !== undefined && at) out.push(`  ${`${SHORT_FIGURE[key]}:`.padEnd(13)}${formatDuration(m[key]!)} (${milestone} ${formatInstant(at)})`);
  }
  if (r.impact?.system) out.push(`  system:      ${oneLine(r.impact.system)}`);
  // Impact from whichever fields the record has.
  const impact = [
    r.impact?.feature,
    r.impact?.users?.text ?? (r.impact?.users?.estimate !== undefined ? `~${r.impact.users.estimate} users` : undefined),
    r.impact?.business,
  ].filter((x): x is string => !!x?.trim());
  if (impact.length) out.push(`  impact:      ${impact.map(oneLine).join('; ')}`);
  if (s.rootCause) out.push(`  root cause:  ${oneLine(s.rootCause)}`);
  if (s.trigger) out.push(`  trigger:     ${oneLine(s.trigger)}`);
  for (const c of incidentCommits(incident, actions))
    out.push(`  commit:      ${oneLine(commitPhrase(c, incident))}${c.from !== incident.id ? ` — ${c.from}` : ''}`);
  if (s.aiConnection.length) out.push(`  AI:          ${s.aiConnection.join(', ')}`);
  out.push(`  timeline:    ${incident.timeline.length} entries${timelineSpan(incident.timeline.flatMap((t) => (t.at ? [formatDate(t.at)] : [])))}`);
  // Counts of what the record holds: inline actions, the postmortem's plan, action records.
  if (incident.actions.length) {
    const open = incident.actions.filter((a) => !a.action.done).length;
    out.push(`  actions:     ${incident.actions.length - open}/${incident.actions.length} done`);
  }
  const plan = r.postmortem?.actionPlan ?? [];
  const planned = plan.filter((p) => typeof p !== 'string').length;
  if (plan.length)
    out.push(`  action plan: ${plan.length} item${plan.length === 1 ? '' : 's'} (${plan.length - planned} with an action record, ${planned} planned only)`);
  if (actions.length)
    out.push(
      `  action records: ${actions.map((a) => `${a.id} (${a.record.status})`).join(', ')} — ${actions.filter((a) => a.record.status === 'done').length}/${actions.length} done`,
    );
  if (r.postmortem?.status)
    out.push(
      `  postmortem:  ${r.postmortem.status}${postmortemOwed(incident) && incident.postmortemDeadline ? `, due ${formatInstant(incident.postmortemDeadline)}` : ''}`,
    );
  if (r.learning?.lesson) out.push(`  learning:    ${oneLine(r.learning.lesson)}`);
  if (r.learning?.promptTemplate) out.push(`  prompt:      ${oneLine(r.learning.promptTemplate)}`);
  for (const l of incident.links) out.push(`  linked:      ${oneLine(`${l.path}${l.symbol ? `#${l.symbol}` : ''}${l.lines ? `:${l.lines}` : ''}`)}`);
  return out.join('\n');
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface RunbookSummary {
  id: string;
  file: string;
  title: string;
  system?: string;
  owner?: string;
  approvedBy?: string;
  lastVerified?: string;
  /** Days since lastVerified; undefined when never verified. */
  ageDays?: number;
  stale: boolean;
  steps: number;
}

export function summarizeRunbook(runbook: Runbook, now: number, staleAfterDays: number): RunbookSummary {
  const r = runbook.record;
  const ageDays = runbookAgeDays(runbook, now);
  return {
    id: r.id,
    file: runbook.file,
    title: r.title,
    system: r.system,
    owner: r.owner,
    approvedBy: r.approvedBy,
    lastVerified: r.lastVerified,
    ageDays,
    stale: isRunbookStale(runbook, now, staleAfterDays),
    steps: r.steps.length,
  };
}

/** Said with every runbook that has commands (CLI, MCP): a command in a record is for a person, never for an agent. */
export const RUNBOOK_COMMANDS_NOTE = 'Commands are for the on-call person to run in their own terminal after reading them, not for an AI agent or tool to run.';

/** A runbook as text: header, verification, numbered steps with command (one line, see commandLine) and expected outcome. */
export function describeRunbook(runbook: Runbook, now: number, staleAfterDays: number): string {
  const s = summarizeRunbook(runbook, now, staleAfterDays);
  const r = runbook.record;
  const verified = s.lastVerified ? `last verified ${s.lastVerified} (${s.ageDays} days ago)${s.stale ? ' — STALE' : ''}` : 'never verified — STALE';
  const lines = [
    `${r.id}  ${oneLine(r.title)}`,
    `  system:      ${oneLine(r.system ?? '—')}`,
    `  owner:       ${oneLine(r.owner ?? '—')}${r.approvedBy ? ` · approved by ${oneLine(r.approvedBy)}` : ''}`,
    `  ${verified}`,
  ];
  if (r.steps.some((step) => step.command)) lines.push(`  ${RUNBOOK_COMMANDS_NOTE}`);
  lines.push('');
  r.steps.forEach((step, i) => {
    lines.push(`  ${i + 1}. ${step.instruction.trim().replace(/\s+/g, ' ')}${step.whoMayRun ? `  [${oneLine(step.whoMayRun)}]` : ''}`);
    if (step.command)
      lines.push(`       $ ${commandLine(step.command)}${commandProblem(step.command) ? '  (refused: holds control characters, see lint)' : ''}`);
    if (step.expected) lines.push(`       → ${step.expected.trim().replace(/\s+/g, ' ')}`);
  });
  return lines.join('\n');
}

/**
 * " over 52 days (2022-05-02 to 2022-06-22)": the calendar days from the first entry's to the last's,
 * both counted, not how many days have entries (15 entries on 10 days spread over seven weeks is not
 * "over 10 days").
 */
function timelineSpan(dates: string[]): string {
  const days = [...new Set(dates)].sort();
  if (days.length < 2) return '';
  const first = days[0]!;
  const last = days.at(-1)!;
  const dayNumber = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
  const span = dayNumber(last) - dayNumber(first) + 1;
  return Number.isFinite(span) ? ` over ${span} days (${first} to ${last})` : ` on ${days.length} days (${first} to ${last})`;
}
