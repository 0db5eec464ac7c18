/**
 * incident.io's export mapped field by field (its published API reference is
 * cited below). Only what the source gives is written; a custom severity
 * scale leaves priority unset with a note; times stay as the vendor wrote them.
 */
import type { Draft, DraftAction, ImportProblem } from '../types';
import { label } from '../types';
import { type Obj, str, obj, arr, time, pick, type VendorItem, problem, idAndName, priorityFrom, byTime } from './vendorItem';

/**
 * incident.io API v2: List incidents (GET /v2/incidents,
 * https://api-docs.incident.io/tag/Incidents-V2) and List follow-ups
 * (GET /v2/follow_ups, https://api-docs.incident.io/tag/Follow-ups-V2).
 * Schemas IncidentV2, IncidentStatusV2 (category: triage, declined, merged,
 * canceled, live, learning, closed, paused), SeverityV2, IncidentRoleV2,
 * IncidentTimestampWithValueV2, IncidentDurationMetricWithValueV2, FollowUpV2.
 */
export function incidentIoDrafts(incidents: readonly VendorItem[], followUps: readonly VendorItem[], problems: ImportProblem[]): Draft[] {
  const actionsOf = new Map<string, DraftAction[]>();
  for (const item of followUps) {
    const f = obj(item.value);
    const id = str(f.id);
    const incidentId = str(f.incident_id);
    const title = str(f.title);
    if (!id || !incidentId || !title) {
      problems.push(
        problem(item, `a follow-up needs id, incident_id and title (${['id', 'incident_id', 'title'].filter((k) => !str(f[k])).join(', ')} missing); skipped`),
      );
      continue;
    }
    const status = pick({ outstanding: 'open', completed: 'done', not_doing: 'dropped' } as const, str(f.status));
    if (!status) {
      if (str(f.status) !== 'deleted')
        problems.push(problem(item, `follow-up status "${String(f.status)}" is not outstanding, completed or not_doing; skipped`));
      continue;
    }
    const owner = str(obj(f.assignee).name);
    const description = str(f.description);
    const list = actionsOf.get(incidentId) ?? [];
    list.push({
      source: { system: 'incident-io', id },
      title,
      status,
      ...(owner ? { owner } : {}),
      ...(description ? { acceptanceCriteria: description } : {}),
    });
    actionsOf.set(incidentId, list);
  }

  const drafts: Draft[] = [];
  for (const item of incidents) {
    const read = idAndName(item, problems);
    if (!read) continue;
    const { inc, id, name } = read;
    const category = str(obj(inc.incident_status).category);
    const status = pick({ triage: 'active', live: 'active', paused: 'active', learning: 'postmortem-pending', closed: 'closed' }, category);
    if (!status) {
      problems.push(
        problem(
          item,
          category
            ? `status category "${category}" (${str(obj(inc.incident_status).name) ?? ''}) is not an incident that happened (declined, merged or canceled); skipped`
            : 'incident_status.category is missing; skipped',
        ),
      );
      continue;
    }
    const notes: string[] = [];
    const record: Obj = { title: name, status };
    const severity = obj(inc.severity);
    const priority = priorityFrom(str(severity.name));
    if (priority) record.priority = priority;
    else
      notes.push(
        str(severity.name)
          ? `priority: incident.io severity "${str(severity.name)}" (rank ${String(severity.rank ?? '?')}) is not P1–P4; set one`
          : 'priority: incident.io gave no severity; set P1–P4',
      );

    // Timestamps: "Impact started" is the start; the others become milestones on the timeline.
    const stamps = arr(inc.incident_timestamp_values)
      .map((v) => ({ name: str(obj(obj(v).incident_timestamp).name) ?? '', at: time(obj(obj(v).value).value) }))
      .filter((s): s is { name: string; at: string } => !!s.at);
    const stamp = (re: RegExp) => stamps.find((s) => re.test(s.name))?.at;
    const created = time(inc.created_at);
    const start = stamp(/impact started|started at/i) ?? created;
    if (start) {
      record.start = start;
      if (start === created && !stamp(/impact started|started at/i))
        notes.push('start: when the incident was declared (created_at): incident.io gave no "Impact started" time');
    }
    const resolved = stamp(/resolved/i);
    if (resolved && (status === 'closed' || status === 'postmortem-pending')) record.resolution = resolved;
    const milestoneOf = (n: string) =>
      /reported|detected|identified/i.test(n)
        ? 'detected'
        : /acknowledged|accepted/i.test(n)
          ? 'acknowledged'
          : /mitigated|fixed/i.test(n)
            ? 'mitigated'
            : /resolved/i.test(n)
              ? 'resolved'
              : undefined;
    const timeline: Array<{ at: string; kind: string; milestone?: string; text: string }> = [];
    if (created) timeline.push({ at: created, kind: 'event', text: `Declared in incident.io as ${str(inc.reference) ?? id}.` });
    const used = new Set<string>();
    for (const s of stamps) {
      const m = milestoneOf(s.name);
      timeline.push({ at: s.at, kind: 'event', ...(m && !used.has(m) ? { milestone: m } : {}), text: `${s.name} (incident.io timestamp).` });
      if (m) used.add(m);
    }
    if (timeline.length) record.timeline = byTime(timeline);

    const roles: Obj = {};
    for (const a of arr(inc.incident_role_assignments)) {
      const role = obj(obj(a).role);
      const who = str(obj(obj(a).assignee).name);
      if (!who) continue;
      const type = str(role.role_type);
      const roleName = str(role.name) ?? '';
      const key =
        type === 'lead'
          ? 'incidentLead'
          : /comm/i.test(roleName)
            ? 'commsOwner'
            : /tech/i.test(roleName)
              ? 'technicalLead'
              : /on.?call/i.test(roleName)
                ? 'onCall'
                : undefined;
      if (key && !roles[key]) roles[key] = who;
      else notes.push(`role "${roleName}": ${who}`);
    }
    if (Object.keys(roles).length) record.roles = roles;

    const summary = str(inc.summary);
    const pmUrl = str(inc.postmortem_document_url);
    if (summary || pmUrl) record.postmortem = { summary: [summary, pmUrl && `Postmortem document: ${pmUrl}`].filter(Boolean).join('\n\n') };
    for (const d of arr(inc.duration_metrics)) {
      const n = str(obj(obj(d).duration_metric).name);
      const secs = obj(d).value_seconds;
      if (n && typeof secs === 'number') notes.push(`incident.io duration metric "${n}": ${Math.round(secs / 60)} min`);
    }
    const source = { system: 'incident-io', id, ...(str(inc.permalink) ? { url: str(inc.permalink)! } : {}) };
    drafts.push({
      source,
      label: label({ ...source, id: str(inc.reference) ?? id }, name),
      where: `${item.file} ${item.pointer}`,
      record,
      actions: actionsOf.get(id) ?? [],
      notes,
    });
    actionsOf.delete(id);
  }
  for (const [incidentId, list] of actionsOf) {
    problems.push({
      where: followUps[0]?.file ?? '',
      message: `${list.length} follow-up(s) of incident ${incidentId}, which is not in this import; skipped (import its incident with them)`,
    });
  }
  return drafts;
}
