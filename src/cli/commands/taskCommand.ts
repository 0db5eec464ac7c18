/**
 * `incident-lens task ID [--format markdown|github]`: an action record as a
 * self-contained task for a coding agent or an issue tracker
 * (core/ai/agentTask.ts). `gh issue create --body-file -` reads the github
 * format from a pipe.
 */
import { actionTask, TASK_FORMATS, type TaskFormat } from '../../core/ai/agentTask';
import { didYouMean, json, openIndex, parse, requireIncident, UsageError, workspaceRoot, type Io } from '../common';

export async function task(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string' } });
  const format = (values.format ?? 'markdown') as TaskFormat;
  if (!TASK_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${TASK_FORMATS.join(', ')}${didYouMean(format, TASK_FORMATS)}`);
  const index = await openIndex(workspaceRoot(values), values.folder);
  const record = requireIncident(index, positionals[0]);
  if (record.kind !== 'action') {
    const actions = record.kind === 'incident' ? index.actionRecordsOf(record.id).map((a) => a.id) : [];
    throw new UsageError(
      `${record.id} is ${record.kind === 'incident' ? 'an incident' : 'a runbook'}: task takes an action record${actions.length ? ` (${actions.join(', ')})` : ''}`,
    );
  }
  const text = actionTask(record, index.incident(record.record.incident), format);
  if (values.json) json(io, { id: record.id, incident: record.record.incident, format, body: text });
  else io.out(text);
  return 0;
}
