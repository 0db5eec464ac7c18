/** `incident-lens similar ID|--text TEXT`: past incidents alike in cause (core/search/similarIncidents.ts). */
import { SimilarIndex, similarReason } from '../../core/search/similarIncidents';
import { summarizeIncident, oneLine } from '../../core/present/summaries';
import { json, openIndexes, parse, requireIncident, UsageError, workspaceRoot, type Io } from '../common';
import { priorityText } from '../../core/records/schema';

export async function similar(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { text: { type: 'string' }, limit: { type: 'string' }, source: { type: 'string', multiple: true } });
  const limit = values.limit === undefined ? 5 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number from 1, got "${values.limit}"`);
  if (!positionals[0] === (values.text === undefined))
    throw new UsageError('give an incident id or --text TEXT (a description, a diff: --text "$(git diff)"), not both');
  // --text - reads the text from stdin: git diff origin/main | incident-lens similar --text -
  if (values.text === '-')
    values.text = await new Promise<string>((resolve, reject) => {
      let text = '';
      process.stdin.setEncoding('utf8');
      process.stdin.on('data', (c: string) => (text += c));
      process.stdin.on('end', () => resolve(text));
      process.stdin.on('error', reject);
    });
  if (values.text !== undefined && !values.text.trim()) throw new UsageError('--text is empty');
  const { own, sources } = await openIndexes(workspaceRoot(values), values.folder, values.source ?? [], io);
  const incidents = [own, ...sources.map((s) => s.index)].flatMap((i) => i.incidents());
  let target;
  if (positionals[0]) {
    const record = requireIncident(own, positionals[0]);
    if (record.kind !== 'incident') throw new UsageError(`${record.id} is not an incident: similar compares incidents (INC-…)`);
    target = record;
  }
  const hits = new SimilarIndex(incidents).similar({ incident: target, text: values.text, limit });
  if (values.json) {
    json(
      io,
      hits.map((h) => ({
        id: h.incident.id,
        title: h.incident.head.title,
        priority: h.incident.head.priority,
        status: h.incident.head.status,
        score: Number(h.score.toFixed(3)),
        shared: h.shared,
        fields: h.fields,
        rootCause: summarizeIncident(h.incident).rootCause,
        file: h.incident.file,
      })),
    );
  } else if (!hits.length) io.out(`no past incident is alike ${target ? target.id : 'this text'}`);
  else {
    for (const h of hits) {
      io.out(`${h.incident.id.padEnd(8)} ${priorityText(h.incident.head.priority)}  ${h.incident.head.title}  (${(h.score * 100).toFixed(0)}%)`);
      io.out(`         ${similarReason(h)}`);
      const cause = summarizeIncident(h.incident).rootCause;
      if (cause) io.out(`         root cause: ${oneLine(cause)}`);
    }
  }
  return 0;
}
