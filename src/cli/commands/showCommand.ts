/** incident-lens show: see src/cli/help.ts for what it does. */
import { DEFAULT_RUNBOOK_STALE_DAYS } from '../../core/index/incidentIndex';
import { describeIncident, describeRunbook, oneLine, summarizeIncident, summarizeRunbook } from '../../core/present/summaries';
import { SimilarIndex, similarReason } from '../../core/search/similarIncidents';
import { json, now, openIndex, parse, requireIncident, workspaceRoot, type Io } from '../common';

export async function show(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {});
  const index = await openIndex(workspaceRoot(values), values.folder);
  const record = requireIncident(index, positionals[0]);
  if (record.kind === 'action') {
    if (values.json) json(io, { ...record.record, file: record.file });
    else {
      const a = record.record;
      io.out(
        `${a.id}  ${a.status}  ${oneLine(a.title)}\n  incident:    ${a.incident}\n  owner:       ${oneLine(a.owner ?? '—')}\n  deadline:    ${oneLine(a.deadline ?? '—')}`,
      );
      if (a.acceptanceCriteria) io.out(`  acceptance:  ${oneLine(a.acceptanceCriteria)}`);
    }
    return 0;
  }
  if (record.kind === 'runbook') {
    if (values.json) json(io, { ...summarizeRunbook(record, now(), DEFAULT_RUNBOOK_STALE_DAYS), record: record.record });
    else io.out(describeRunbook(record, now(), DEFAULT_RUNBOOK_STALE_DAYS));
    return 0;
  }
  const alike = new SimilarIndex(index.incidents()).similar({ incident: record, limit: 3 });
  if (values.json)
    json(io, {
      ...summarizeIncident(record),
      similar: alike.map((h) => ({ id: h.incident.id, title: h.incident.head.title, score: Number(h.score.toFixed(3)), why: similarReason(h) })),
      record: record.record,
    });
  else {
    io.out(describeIncident(record, index.actionRecordsOf(record.id)));
    if (alike.length)
      io.out(`  similar:     ${alike.map((h) => `${h.incident.id} ${oneLine(h.incident.head.title)} (${similarReason(h)})`).join('\n               ')}`);
  }
  return 0;
}
