/**
 * `incident-lens review ID [--by NAME]`: a person says they read an imported
 * record's text (source.reviewed: who and when). Until then the record reaches
 * AI tools only as labelled third-party text, never as instruction files or
 * AGENTS.md constraints. `review --list` shows what is still waiting.
 */
import { markReviewedOps } from '../../core/records/recordOps';
import { incidentOrigin } from '../../core/trust/dataBlock';
import { flatText } from '../../core/trust/hiddenText';
import { git } from '../../node/git/run';
import { editRecordFile } from '../../node/recordFile';
import { json, now, openIndex, parse, requireIncident, UsageError, workspaceRoot, type Io } from '../common';

export async function review(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { by: { type: 'string' }, list: { type: 'boolean' } });
  const root = workspaceRoot(values);
  const index = await openIndex(root, values.folder);
  if (values.list) {
    const waiting = index.incidents().filter((i) => incidentOrigin(i).trust === 'imported');
    if (values.json)
      json(
        io,
        waiting.map((i) => ({ id: i.id, file: i.file, source: i.head.source })),
      );
    else if (!waiting.length) io.out('No imported record is waiting for review.');
    else for (const i of waiting) io.out(`${i.id.padEnd(9)} ${`${i.head.source!.system} ${i.head.source!.id}`.padEnd(32)} ${flatText(i.head.title)}`);
    return 0;
  }
  const record = requireIncident(index, positionals[0]);
  if (record.kind !== 'incident' && record.kind !== 'action')
    throw new UsageError(`${record.id} is a runbook: runbooks are written in the repository and need no review`);
  const by = values.by ?? (await git(root, ['config', 'user.name'], { allowExitCodes: [1] }).catch(() => '')).trim();
  let changed = false;
  await editRecordFile(root, record.file, (fresh) => {
    const ops = markReviewedOps(fresh.record, by, { ms: now(), offsetMinutes: 0 });
    changed = Array.isArray(ops) && ops.length > 0;
    return ops;
  });
  if (values.json) json(io, { id: record.id, file: record.file, reviewedBy: by, changed });
  else io.out(`${record.id}: marked reviewed by ${flatText(by)} (${record.file}); it now reaches AI instruction files like a team record`);
  return 0;
}
