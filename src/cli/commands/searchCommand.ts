/** incident-lens search: see src/cli/help.ts for what it does. */
import { oneLine } from '../../core/present/summaries';
import { json, openIndex, parse, UsageError, workspaceRoot, type Io } from '../common';
import { priorityText } from '../../core/records/schema';

export async function search(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { limit: { type: 'string' } });
  const query = positionals.join(' ');
  if (!query.trim()) throw new UsageError('search needs some text, e.g. incident-lens search stripe');
  const index = await openIndex(workspaceRoot(values), values.folder);
  const hits = index.search().search(query, Number(values.limit ?? 20));
  if (values.json)
    json(
      io,
      hits.map((h) => ({
        id: h.incident.id,
        title: h.incident.head.title,
        priority: h.incident.head.priority,
        status: h.incident.head.status,
        score: h.score,
        field: h.field,
        snippet: h.snippet,
        file: h.incident.file,
      })),
    );
  else if (!hits.length) io.out(`no incidents match "${query}"`);
  else
    for (const h of hits)
      io.out(
        `${h.incident.id.padEnd(8)} ${priorityText(h.incident.head.priority)}  ${oneLine(h.incident.head.title)}\n         ${h.field}: ${oneLine(h.snippet)}`,
      );
  return 0;
}
