/**
 * Atlassian Statuspage's export mapped field by field (its published API
 * reference is cited below). Only what the source gives is written; times
 * stay as the vendor wrote them.
 */
import type { Draft, ImportProblem } from '../types';
import { label } from '../types';
import { type Obj, str, obj, arr, time, pick, type VendorItem, problem, idAndName, byTime } from './vendorItem';

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
