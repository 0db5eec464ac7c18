/**
 * PagerDuty's export mapped field by field (its published API reference is
 * cited below). Only what the source gives is written; P5 leaves priority
 * unset with a note; times stay as the vendor wrote them.
 */
import type { Draft, ImportProblem } from '../types';
import { type Obj, str, obj, arr, time, pick, type VendorItem, problem, priorityFrom, byTime } from './vendorItem';

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
