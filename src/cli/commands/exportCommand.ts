/** incident-lens export: see src/cli/help.ts for what it does. */
import { promises as fs } from 'node:fs';
import { postmortemMarkdown } from '../../core/present/postmortemExport';
import { exportAll } from './exportAll';
import { json, openIndex, parse, requireIncident, UsageError, workspaceRoot, type Io } from '../common';

export async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    all: { type: 'boolean' },
    kind: { type: 'string' },
    source: { type: 'string', multiple: true },
  });
  if (values.all || values.format === 'ndjson') return exportAll(values, io);
  values.format ??= 'markdown';
  if (values.format !== 'markdown') throw new UsageError(`unknown format "${values.format}": only markdown is supported for one incident (ndjson with --all)`);
  const index = await openIndex(workspaceRoot(values), values.folder);
  const record = requireIncident(index, positionals[0]);
  if (record.kind !== 'incident') throw new UsageError(`${record.id} is an action record; export takes an incident id`);
  const markdown = postmortemMarkdown(record, index.actionRecordsOf(record.id));
  if (values.output) {
    await fs.writeFile(values.output, markdown);
    if (values.json) json(io, { id: record.id, output: values.output });
  } else if (values.json) json(io, { id: record.id, markdown });
  else io.out(markdown);
  return 0;
}
