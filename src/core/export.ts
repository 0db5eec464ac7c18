/** The postmortem document as Markdown, in the seed's structure. */
import { incidentMetrics } from './metrics';
import type { ActionItem, Incident } from './model';
import { AI_CONNECTION_LABELS, COMMUNICATION_LABELS, PRIORITY_DEFINITIONS, STATUS_LABELS, type PlannedAction } from './schema';
import { formatClock, formatDate, formatDuration, formatInstant } from './time';

/** Incident text is data: keep it readable but never let it become HTML. */
function md(text: string | undefined): string {
  return (text ?? '').trim().replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function line(label: string, value: string | undefined): string | undefined {
  return value ? `- **${label}:** ${value}` : undefined;
}

const TERM_LABELS = { short: 'Short term — this sprint', medium: 'Medium term — this quarter', long: 'Long term' } as const;

export function postmortemMarkdown(incident: Incident, actionRecords: readonly ActionItem[]): string {
  const r = incident.record;
  const pm = r.postmortem ?? {};
  const metrics = incidentMetrics(incident);
  const out: string[] = [];
  const push = (...lines: Array<string | undefined>) => out.push(...lines.filter((l): l is string => l !== undefined));

  push(`# Postmortem — ${r.id}: ${md(r.title)}`, '');
  push(
    line('Priority', `${r.priority} — ${PRIORITY_DEFINITIONS[r.priority]}`),
    line('Status', STATUS_LABELS[r.status]),
    line('Start', incident.start && formatInstant(incident.start)),
    line('Resolution', incident.resolution && formatInstant(incident.resolution)),
    line('Postmortem', [pm.status, pm.owner && `owner ${md(pm.owner)}`, incident.postmortemDeadline && `due ${formatInstant(incident.postmortemDeadline)}`].filter(Boolean).join(', ') || undefined),
    '',
  );

  push('## Summary', '', md(pm.summary) || '_Not written yet._', '');

  push('## Impact', '');
  push(
    line('Duration', metrics.durationMinutes !== undefined ? formatDuration(metrics.durationMinutes) : undefined),
    line('Affected system', md(r.impact?.system)),
    line('Affected feature', md(r.impact?.feature)),
    line('Affected users', md(r.impact?.users?.text) || (r.impact?.users?.estimate !== undefined ? `~${r.impact.users.estimate}` : undefined)),
    line('Business impact', md(r.impact?.business)),
    '',
  );

  push('## Root cause', '');
  push(
    line('Initial hypothesis', md(r.rootCause?.initialHypothesis)),
    line('Confirmed root cause', md(r.rootCause?.confirmed)),
    line('Trigger', [md(r.rootCause?.trigger?.text), r.rootCause?.trigger?.ref && `(\`${r.rootCause.trigger.ref}\`)`].filter(Boolean).join(' ') || undefined),
    line('AI connection', incident.aiConnections.map((a) => AI_CONNECTION_LABELS[a]).join(', ') || undefined),
    line('Note', md(r.rootCause?.note)),
    '',
  );

  push("## Why wasn't it caught?", '', md(pm.whyNotCaught) || '_Not written yet._', '');
  push('## Why did it take this long?', '', md(pm.whyTookLong) || '_Not written yet._', '');

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
        push(`  - Owner: ${md(p.item.owner) || '—'} — Deadline: ${md(p.item.deadline) || '—'}`);
        if (p.item.acceptanceCriteria) push(`  - Acceptance criteria: ${md(p.item.acceptanceCriteria).replace(/\s*\n\s*/g, ' ')}`);
        continue;
      }
      const ar = p.item.record;
      push(`- [${ar.status === 'done' ? 'x' : ' '}] **${ar.id}** ${md(ar.title)}`);
      push(`  - Owner: ${md(ar.owner) || '—'} — Deadline: ${md(ar.deadline) || '—'} — Status: ${ar.status}`);
      if (ar.acceptanceCriteria) push(`  - Acceptance criteria: ${md(ar.acceptanceCriteria).replace(/\s*\n\s*/g, ' ')}`);
    }
    push('');
  }

  push('## Learning', '', md(r.learning?.lesson) || '_Not written yet._', '');
  if (r.learning?.promptTemplate) {
    push('Prompt template from this incident:', '', '```text', r.learning.promptTemplate.trim().replace(/```/g, '`\u200b``'), '```', '');
  }

  push('## Timeline', '');
  for (const t of incident.timeline) {
    const when = t.at ? formatClock(t.at) : t.entry.at;
    const tags = [t.entry.kind, t.entry.milestone && `milestone: ${t.entry.milestone}`].filter(Boolean).join(', ');
    push(`- **${when}** — ${md(t.entry.text).replace(/\s*\n\s*/g, ' ')}${t.entry.author ? ` (${md(t.entry.author)})` : ''}${tags ? ` _[${tags}]_` : ''}`);
  }
  if (!incident.timeline.length) push('_No entries._');
  push('');

  if (incident.communications.length) {
    push('## Communications', '');
    for (const c of incident.communications) {
      push(`- ${COMMUNICATION_LABELS[c.channel]} — ${c.at ? formatClock(c.at) : c.item.at}${c.item.text ? `: ${md(c.item.text)}` : ''}`);
    }
    push('');
  }
  if (incident.start) push(`_Exported from ${r.id} (${formatDate(incident.start)}) by Incident Lens._`, '');
  return out.join('\n');
}
