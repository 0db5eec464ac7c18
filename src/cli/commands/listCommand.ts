/** incident-lens list: see src/cli/help.ts for what it does. */
import { PRIORITIES, STATUSES, priorityText } from '../../core/records/schema';
import { oneLine, summarizeIncident } from '../../core/present/summaries';
import { didYouMean, json, openIndex, parse, UsageError, workspaceRoot, type Io } from '../common';

export async function list(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { status: { type: 'string' }, priority: { type: 'string' } });
  if (values.status && !(STATUSES as readonly string[]).includes(values.status))
    throw new UsageError(`--status must be one of ${STATUSES.join(', ')}${didYouMean(values.status, STATUSES)}`);
  if (values.priority && !(PRIORITIES as readonly string[]).includes(values.priority.toUpperCase()))
    throw new UsageError(`--priority must be one of ${PRIORITIES.join(', ')}${didYouMean(values.priority, PRIORITIES)}`);
  const index = await openIndex(workspaceRoot(values), values.folder);
  const incidents = index
    .incidents()
    .filter((i) => !values.status || i.head.status === values.status)
    .filter((i) => !values.priority || i.head.priority === values.priority!.toUpperCase());
  if (values.json) json(io, incidents.map(summarizeIncident));
  else for (const i of incidents) io.out(`${i.id.padEnd(8)} ${priorityText(i.head.priority)}  ${i.head.status.padEnd(18)} ${oneLine(i.head.title)}`);
  return 0;
}
