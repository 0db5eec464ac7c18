/** The postmortem document as Markdown, in the seed's structure. */
import { incidentCommits } from './commitPhrases';
import { incidentMetrics, METRIC_LABELS } from '../insights/incidentMetrics';
import { postmortemOwed, type ActionItem, type Incident } from '../records/model';
import { AI_CONNECTION_LABELS, COMMIT_ROLE_LABELS, COMMUNICATION_LABELS, PRIORITY_DEFINITIONS, STATUS_LABELS, type PlannedAction } from '../records/schema';
import { formatClock, formatDate, formatDuration, formatInstant } from '../time/recordTime';
import { mdBlock, mdCode, mdFence, mdInline } from './markdownText';

/** Incident text is data: it renders exactly as written (core/present/markdownText.ts). */
const md = mdInline;

function line(label: string, value: string | undefined): string | undefined {
  return value ? `- **${label}:** ${value}` : undefined;
}

/** The four figures, each with the milestone it is measured to. */
const FIGURES = [
  ['timeToDetect', 'detected'],
  ['timeToAcknowledge', 'acknowledged'],
  ['timeToMitigate', 'mitigated'],
  ['timeToResolve', 'resolved'],
] as const;

/** "Owner: Ali — Deadline: March 21", with only the parts the record gives. */
function ownerAndDeadline(owner: string | undefined, deadline: string | undefined): string {
  return [owner && `Owner: ${md(owner)}`, deadline && `Deadline: ${md(deadline)}`].filter(Boolean).join(' — ');
}

const TERM_LABELS = { short: 'Short term — this sprint', medium: 'Medium term — this quarter', long: 'Long term' } as const;

export function postmortemMarkdown(incident: Incident, actionRecords: readonly ActionItem[]): string {
  const r = incident.record;
  const pm = r.postmortem ?? {};
  const metrics = incidentMetrics(incident);
  const out: string[] = [];
  const push = (...lines: Array<string | undefined>) => out.push(...lines.filter((l): l is string => l !== undefined));
  // A section of labelled lines none of which the record has: said, not left as a bare heading.
  const pushFacts = (...lines: Array<string | undefined>) => push(...(lines.some((l) => l !== undefined) ? lines : ['_Not written yet._']), '');

  // A heading's trailing # would be read as its closing sequence: escaped.
  push(`# Postmortem — ${r.id}: ${md(r.title).replace(/(?<!\\)#$/, '\\#')}`, '');
  push(
    line('Priority', r.priority ? `${r.priority} — ${PRIORITY_DEFINITIONS[r.priority]}` : undefined),
    line('Status', STATUS_LABELS[r.status]),
    line('Start', incident.start && formatInstant(incident.start)),
    line('Resolution', incident.resolution && formatInstant(incident.resolution)),
    line('Detected', [r.detected?.how, md(r.detected?.source)].filter(Boolean).join(' — ') || undefined),
    // A due date only while the postmortem is owed; a complete one has none.
    line(
      'Postmortem',
      [
        pm.status,
        pm.owner && `owner ${md(pm.owner)}`,
        postmortemOwed(incident) && incident.postmortemDeadline && `due ${formatInstant(incident.postmortemDeadline)}`,
      ]
        .filter(Boolean)
        .join(', ') || undefined,
    ),
    '',
  );

  push('## Summary', '', mdBlock(pm.summary) || '_Not written yet._', '');

  push('## Impact', '');
  pushFacts(
    line('Duration', metrics.durationMinutes !== undefined ? formatDuration(metrics.durationMinutes) : undefined),
    ...FIGURES.map(([key, milestone]) => {
      const minutes = metrics[key];
      const at = milestone === 'resolved' ? (incident.milestones.resolved ?? incident.resolution) : incident.milestones[milestone];
      return minutes === undefined || !at ? undefined : line(METRIC_LABELS[key], `${formatDuration(minutes)} (${milestone} ${formatInstant(at)})`);
    }),
    line('Affected system', md(r.impact?.system)),
    line('Affected feature', md(r.impact?.feature)),
    line('Affected users', md(r.impact?.users?.text) || (r.impact?.users?.estimate !== undefined ? `~${r.impact.users.estimate}` : undefined)),
    line('Business impact', md(r.impact?.business)),
  );

  push('## Root cause', '');
  pushFacts(
    line('Initial hypothesis', md(r.rootCause?.initialHypothesis)),
    line('Confirmed root cause', md(r.rootCause?.confirmed)),
    line(
      'Trigger',
      [md(r.rootCause?.trigger?.text), r.rootCause?.trigger?.ref && `(${mdCode(r.rootCause.trigger.ref)})`].filter(Boolean).join(' ') || undefined,
    ),
    line(
      'Commits',
      incidentCommits(incident, actionRecords)
        .map((c) => `${md(COMMIT_ROLE_LABELS[c.role])} ${mdCode(c.sha.slice(0, 7))}${c.subject ? ` ${md(c.subject)}` : ''}`)
        .join('; ') || undefined,
    ),
    line('AI connection', incident.aiConnections.map((a) => AI_CONNECTION_LABELS[a]).join(', ') || undefined),
    line('Note', md(r.rootCause?.note)),
  );

  push("## Why wasn't it caught?", '', mdBlock(pm.whyNotCaught) || '_Not written yet._', '');
  push('## Why did it take this long?', '', mdBlock(pm.whyTookLong) || '_Not written yet._', '');

  push('## Action plan', '');
  type PlanItem = { kind: 'record'; item: ActionItem } | { kind: 'missing'; id: string } | { kind: 'planned'; item: PlannedAction };
  const plan: PlanItem[] = (pm.actionPlan ?? []).map((entry) => {
    if (typeof entry !== 'string') return { kind: 'planned', item: entry };
    const found = actionRecords.find((a) => a.id === entry);
    return found ? { kind: 'record', item: found } : { kind: 'missing', id: entry };
  });
  const termOf = (p: PlanItem) => (p.kind === 'record' ? p.item.record.term : p.kind === 'planned' ? p.item.term : undefined);
  if (!plan.length) push('_No actions planned yet._', '');
  for (const term of ['short', 'medium', 'long', undefined] as const) {
    const group = plan.filter((p) => termOf(p) === term);
    if (!group.length) continue;
    push(`### ${term ? TERM_LABELS[term] : 'Unscheduled'}`, '');
    for (const p of group) {
      if (p.kind === 'missing') {
        push(`- **${p.id}** — record not found`);
        continue;
      }
      if (p.kind === 'planned') {
        push(`- [ ] ${md(p.item.title)} _(planned, no action record yet)_`);
        const who = ownerAndDeadline(p.item.owner, p.item.deadline);
        if (who) push(`  - ${who}`);
        if (p.item.acceptanceCriteria) push(`  - Acceptance criteria: ${md(p.item.acceptanceCriteria)}`);
        continue;
      }
      const ar = p.item.record;
      push(`- [${ar.status === 'done' ? 'x' : ' '}] **${ar.id}** ${md(ar.title)}`);
      push(`  - ${[ownerAndDeadline(ar.owner, ar.deadline), `Status: ${ar.status}`].filter(Boolean).join(' — ')}`);
      if (ar.acceptanceCriteria) push(`  - Acceptance criteria: ${md(ar.acceptanceCriteria)}`);
    }
    push('');
  }

  push('## Learning', '', mdBlock(r.learning?.lesson) || '_Not written yet._', '');
  if (r.learning?.promptTemplate) {
    push('Prompt template from this incident:', '', mdFence(r.learning.promptTemplate.trim()), '');
  }

  push('## Timeline', '');
  // A timeline over more than one day gets a heading for each day, so 18:00 on the second day is never read as the first.
  const day = (t: (typeof incident.timeline)[number]) => (t.at ? formatDate(t.at) : undefined);
  const days = new Set(incident.timeline.map(day).filter(Boolean));
  let currentDay: string | undefined;
  for (const t of incident.timeline) {
    if (days.size > 1 && day(t) && day(t) !== currentDay) {
      currentDay = day(t);
      push(`### ${currentDay}`, '');
    }
    const when = t.at ? (t.at.precision === 'day' ? `${t.at.approximate ? '≈ ' : ''}${formatDate(t.at)} (date only)` : formatClock(t.at)) : md(t.entry.at);
    const tags = [t.entry.kind, t.entry.milestone && `milestone: ${t.entry.milestone}`].filter(Boolean).join(', ');
    // The author's parentheses are escaped, and a text that ends in "(…)" without an author gets its last ")" escaped: no reader takes one for the other.
    const text = md(t.entry.text);
    push(
      `- **${when}** — ${!t.entry.author && text.endsWith(')') ? `${text.slice(0, -1)}\\)` : text}${t.entry.author ? ` (${md(t.entry.author).replace(/[()]/g, '\\$&')})` : ''}${tags ? ` _[${tags}]_` : ''}`,
    );
  }
  if (!incident.timeline.length) push('_No entries._');
  push('');

  if (incident.communications.length) {
    push('## Communications', '');
    for (const c of incident.communications) {
      push(
        `- ${COMMUNICATION_LABELS[c.channel]} — ${c.at ? (days.size > 1 ? `${formatDate(c.at)} ` : '') + formatClock(c.at) : md(c.item.at)}${c.item.text ? `: ${md(c.item.text)}` : ''}`,
      );
    }
    push('');
  }
  if (incident.start) push(`_Exported from ${r.id} (${formatDate(incident.start)}) by Incident Lens._`, '');
  return out.join('\n');
}
