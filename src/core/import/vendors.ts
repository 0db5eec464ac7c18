/**
 * Incident platforms' exports, mapped field by field from each vendor's
 * published API reference (the pages are cited at each mapping). Each item
 * arrives as parsed JSON with its JSON pointer; one that cannot be read is
 * reported at its pointer and skipped, the others are imported.
 *
 * Only what the source gives is written. A severity scale that is not
 * P1–P4 (incident.io's custom severities, PagerDuty's P5) leaves priority
 * unset with a note; times stay as the vendor wrote them (ISO 8601 with Z
 * or an offset).
 */
import type { Draft, DraftAction, ImportProblem } from './types';
import { label } from './types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
/** An ISO time with its zone, as the record format writes it (fractions of a second dropped). */
function time(v: unknown): string | undefined {
  const s = str(v);
  if (!s || !ISO.test(s)) return undefined;
  return s.replace(/\.\d+(?=Z|[+-])/, '').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}
/** A mapping's value for a key the data chose: own keys only, so "constructor" or "__proto__" is no status. */
function pick<T extends string>(map: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}
const ms = (t: string | undefined) => (t ? Date.parse(t) : NaN);

export interface VendorItem {
  readonly file: string;
  readonly pointer: string;
  readonly value: unknown;
}

function problem(item: VendorItem, message: string): ImportProblem {
  return { where: `${item.file} ${item.pointer}`, message };
}

/** The item's id and name, or a problem naming what is missing (the item is skipped). */
function idAndName(item: VendorItem, problems: ImportProblem[]): { inc: Obj; id: string; name: string } | undefined {
  const inc = obj(item.value);
  const id = str(inc.id);
  const name = str(inc.name);
  if (id && name) return { inc, id, name };
  problems.push(problem(item, `an incident needs id and name (${[!id && 'id', !name && 'name'].filter(Boolean).join(', ')} missing); skipped`));
  return undefined;
}

function priorityFrom(name: string | undefined): string | undefined {
  const m = name && /^(?:P|SEV[- ]?|S)([1-4])$/i.exec(name.trim());
  return m ? `P${m[1]}` : undefined;
}

function byTime<T extends { at: string }>(list: T[]): T[] {
  return list.sort((a, b) => ms(a.at) - ms(b.at));
}

// ---------------------------------------------------------------- incident.io

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

// ---------------------------------------------------------------- PagerDuty

/**
 * PagerDuty REST API v2: List incidents (GET /incidents,
 * https://developer.pagerduty.com/api-reference/9d0b4b12e36f9-list-incidents)
 * and List log entries (GET /log_entries or /incidents/{id}/log_entries,
 * https://developer.pagerduty.com/api-reference/c661e065403b5-list-log-entries).
 * Incident status: triggered, acknowledged, resolved. Log entry types:
 * trigger, acknowledge, escalate, annotate, resolve, notify, assign… (_log_entry).
 */
export function pagerDutyDrafts(incidents: readonly VendorItem[], logEntries: readonly VendorItem[], problems: ImportProblem[]): Draft[] {
  const logOf = new Map<string, Array<{ at: string; author?: string; kind: string; milestone?: string; text: string }>>();
  for (const item of logEntries) {
    const e = obj(item.value);
    const incidentId = str(obj(e.incident).id);
    const at = time(e.created_at);
    const type = str(e.type);
    if (!incidentId || !at || !type) {
      problems.push(
        problem(
          item,
          `a log entry needs incident.id, created_at (ISO 8601) and type (${[!incidentId && 'incident.id', !at && 'created_at', !type && 'type'].filter(Boolean).join(', ')} missing or unreadable); skipped`,
        ),
      );
      continue;
    }
    const agent = str(obj(e.agent).summary);
    const channel = obj(e.channel);
    const summary = str(e.summary) ?? type;
    const kind = type.replace(/_log_entry(_reference)?$/, '');
    const entry = (() => {
      switch (kind) {
        case 'trigger':
          return {
            kind: 'event',
            milestone: 'detected',
            text: `Triggered: ${str(channel.summary) ?? summary}${str(channel.type) ? ` (${str(channel.type)})` : ''}`,
          };
        case 'acknowledge':
        case 'acknowledgement':
          return { kind: 'action', milestone: 'acknowledged', text: `Acknowledged${agent ? ` by ${agent}` : ''}.` };
        case 'escalate':
          return { kind: 'event', text: summary };
        case 'annotate':
          return { kind: 'finding', text: str(channel.summary) ?? summary };
        case 'resolve':
          return { kind: 'event', milestone: 'resolved', text: `Resolved${agent ? ` by ${agent}` : ''}.` };
        case 'notify':
          return { kind: 'communication', text: summary };
        default:
          return { kind: 'event', text: summary };
      }
    })();
    const list = logOf.get(incidentId) ?? [];
    list.push({ at, ...(agent ? { author: agent } : {}), ...entry });
    logOf.set(incidentId, list);
  }

  const drafts: Draft[] = [];
  for (const item of incidents) {
    const inc = obj(item.value);
    const id = str(inc.id);
    const title = str(inc.title) ?? str(inc.summary);
    if (!id || !title) {
      problems.push(problem(item, `an incident needs id and title (${[!id && 'id', !title && 'title'].filter(Boolean).join(', ')} missing); skipped`));
      continue;
    }
    const pdStatus = str(inc.status);
    const status = pick({ triggered: 'active', acknowledged: 'active', resolved: 'resolved' }, pdStatus);
    if (!status) {
      problems.push(problem(item, `status "${pdStatus ?? ''}" is not triggered, acknowledged or resolved; skipped`));
      continue;
    }
    const notes: string[] = [];
    const record: Obj = { title, status };
    const prio = str(obj(inc.priority).summary) ?? str(obj(inc.priority).name);
    const priority = priorityFrom(prio);
    if (priority) record.priority = priority;
    else
      notes.push(
        prio
          ? `priority: PagerDuty priority "${prio}" is not P1–P4; set one`
          : `priority: PagerDuty gave none${str(inc.urgency) ? ` (urgency ${str(inc.urgency)})` : ''}; set P1–P4`,
      );
    const start = time(inc.created_at);
    if (start) {
      record.start = start;
      notes.push('start: when PagerDuty triggered the incident (created_at)');
    }
    const resolved = time(inc.resolved_at) ?? (pdStatus === 'resolved' ? time(inc.last_status_change_at) : undefined);
    if (status === 'resolved' && resolved) record.resolution = resolved;
    const service = str(obj(inc.service).summary);
    if (service) record.impact = { system: service };
    const assignee = arr(inc.assignments)
      .map((a) => str(obj(obj(a).assignee).summary))
      .find(Boolean);
    if (assignee) record.roles = { onCall: assignee };
    const description = str(inc.description);
    if (description && description !== title) record.postmortem = { summary: description };
    const number = inc.incident_number;
    const log = logOf.get(id);
    logOf.delete(id);
    if (log?.length) {
      // Each milestone once: the first acknowledgement counts.
      const seen = new Set<string>();
      record.timeline = byTime(log).map((e) => {
        if (!e.milestone) return e;
        if (seen.has(e.milestone)) {
          const { milestone: _m, ...rest } = e;
          return rest;
        }
        seen.add(e.milestone);
        return e;
      });
    } else notes.push('timeline: no log entries for this incident in the import (GET /incidents/{id}/log_entries gives them)');
    const source = { system: 'pagerduty', id, ...(str(inc.html_url) ? { url: str(inc.html_url)! } : {}) };
    drafts.push({
      source,
      label: `${typeof number === 'number' ? `#${number}` : id} ${title}`,
      where: `${item.file} ${item.pointer}`,
      record,
      actions: [],
      notes,
    });
  }
  for (const [incidentId, list] of logOf)
    problems.push({
      where: logEntries[0]?.file ?? '',
      message: `${list.length} log entr${list.length === 1 ? 'y' : 'ies'} of incident ${incidentId}, which is not in this import; skipped`,
    });
  return drafts;
}

// ---------------------------------------------------------------- Atlassian Statuspage

/**
 * Atlassian Statuspage API: Get a list of incidents
 * (GET /pages/{page_id}/incidents,
 * https://developer.statuspage.io/#operation/getPagesPageIdIncidents).
 * Incident status: investigating, identified, monitoring, resolved,
 * postmortem (scheduled, in_progress, verifying, completed are
 * maintenances); impact: none, minor, major, critical; incident_updates
 * (status, body, created_at, display_at); postmortem_body.
 */
export function statuspageDrafts(incidents: readonly VendorItem[], problems: ImportProblem[]): Draft[] {
  const drafts: Draft[] = [];
  for (const item of incidents) {
    const read = idAndName(item, problems);
    if (!read) continue;
    const { inc, id, name } = read;
    const spStatus = str(inc.status);
    if (spStatus && ['scheduled', 'in_progress', 'verifying', 'completed'].includes(spStatus)) {
      problems.push(problem(item, `"${name}" is a scheduled maintenance (status ${spStatus}), not an incident; skipped`));
      continue;
    }
    const status = pick({ investigating: 'active', identified: 'active', monitoring: 'active', resolved: 'resolved', postmortem: 'resolved' }, spStatus);
    if (!status) {
      problems.push(problem(item, `status "${spStatus ?? ''}" is not a Statuspage incident status; skipped`));
      continue;
    }
    const notes: string[] = [];
    const record: Obj = { title: name, status };
    const impact = str(inc.impact_override) ?? str(inc.impact);
    const priority = pick({ critical: 'P1', major: 'P2', minor: 'P3', none: 'P4' }, impact);
    if (priority) {
      record.priority = priority;
      notes.push(`priority: ${priority} from the Statuspage impact "${impact}" (critical P1, major P2, minor P3, none P4)`);
    } else notes.push('priority: Statuspage gave no impact; set P1–P4');
    const start = time(inc.started_at) ?? time(inc.created_at);
    if (start) record.start = start;
    const resolved = time(inc.resolved_at);
    if (resolved && status === 'resolved') record.resolution = resolved;
    const components = arr(inc.components)
      .map((c) => str(obj(c).name))
      .filter(Boolean);
    if (components.length) record.impact = { system: components.join(', ') };
    const updates = arr(inc.incident_updates)
      .map((u) => ({ at: time(obj(u).display_at) ?? time(obj(u).created_at), status: str(obj(u).status), body: str(obj(u).body) }))
      .filter((u): u is { at: string; status: string | undefined; body: string | undefined } => !!u.at);
    if (updates.length) {
      record.communications = {
        statusPage: byTime(
          updates.map((u) => ({ at: u.at, text: `${u.status ? `${u.status[0]!.toUpperCase()}${u.status.slice(1)}: ` : ''}${u.body ?? ''}`.trim() })),
        ),
      };
      const firstIdentified = byTime([...updates]).find((u) => u.status === 'identified');
      const firstResolved = byTime([...updates]).find((u) => u.status === 'resolved');
      record.timeline = byTime([
        ...(firstIdentified ? [{ at: firstIdentified.at, kind: 'finding', text: `Identified (status page): ${firstIdentified.body ?? ''}`.trim() }] : []),
        ...(firstResolved
          ? [{ at: firstResolved.at, kind: 'event', milestone: 'resolved', text: `Resolved (status page): ${firstResolved.body ?? ''}`.trim() }]
          : []),
      ]);
      if (!(record.timeline as unknown[]).length) delete record.timeline;
    }
    const pm = str(inc.postmortem_body);
    if (pm) record.postmortem = { summary: pm, ...(time(inc.postmortem_published_at) ? { status: 'complete' } : {}) };
    const source = { system: 'statuspage', id, ...(str(inc.shortlink) ? { url: str(inc.shortlink)! } : {}) };
    drafts.push({ source, label: label(source, name), where: `${item.file} ${item.pointer}`, record, actions: [], notes });
  }
  return drafts;
}
