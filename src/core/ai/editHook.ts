/**
 * What an agent about to edit code meets (issue 30), from parsed records:
 * each linked incident as the plain view the hook's answer is built from
 * (core/ai/hookAnswer.ts, which also reads the hook input and checks fix
 * lines, and is re-exported here). The node side (src/node/agentHook.ts)
 * reads the records and git and keeps the per-workspace digest.
 */
import type { Incident, Runbook } from '../records/model';
import { describeRunbook } from '../present/summaries';
import { incidentOrigin, recordOrigin } from '../trust/dataBlock';
import type { HookIncidentView } from './hookAnswer';

export * from './hookAnswer';

/** Runbooks not verified for this many days are marked stale in the hook's notes. */
export const HOOK_RUNBOOK_STALE_DAYS = 90;

/** One incident as the hook quotes it: every record text in a data field, the runbooks described as of `now`. */
export function hookIncidentView(incident: Incident, runbooks: readonly Runbook[], now: number): HookIncidentView {
  const r = incident.record;
  return {
    id: incident.id,
    ...(incident.head.priority ? { priority: incident.head.priority } : {}),
    ...(incident.head.status ? { status: incident.head.status } : {}),
    origin: incidentOrigin(incident),
    fields: [
      { label: 'Title', text: r.title },
      { label: 'Facts', text: [incident.head.priority, incident.head.status].filter(Boolean).join(' · ') },
      { label: 'Root cause', text: r.rootCause?.confirmed ?? r.rootCause?.initialHypothesis },
      { label: 'Lesson', text: r.learning?.lesson },
      { label: "Prompt template (the team's constraints for this code)", text: r.learning?.promptTemplate, multiline: true },
    ],
    runbooks: runbooks.map((rb) => ({
      origin: recordOrigin(rb.record, rb.file),
      label: `Rollback runbook ${rb.id}`,
      text: describeRunbook(rb, now, HOOK_RUNBOOK_STALE_DAYS),
    })),
  };
}
