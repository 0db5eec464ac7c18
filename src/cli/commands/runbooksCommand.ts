/** incident-lens runbooks: see src/cli/help.ts for what it does. */
import { DEFAULT_RUNBOOK_STALE_DAYS } from '../../core/index/incidentIndex';
import { describeRunbook, oneLine, summarizeRunbook } from '../../core/present/summaries';
import { json, now, openIndex, parse, UsageError, workspaceFiles, workspaceRoot, type Io } from '../common';

export async function runbooks(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { for: { type: 'string' }, 'stale-days': { type: 'string' } });
  const days = values['stale-days'] === undefined ? DEFAULT_RUNBOOK_STALE_DAYS : Number(values['stale-days']);
  if (!Number.isFinite(days) || days < 0) throw new UsageError('--stale-days must be a number of days (0 turns the check off)');
  const root = workspaceRoot(values);
  const index = await openIndex(root, values.folder);
  const at = now();
  let list = index.runbooks();
  if (values.for) {
    const [file] = workspaceFiles(root, [values.for]) as [string];
    // Linked to the file itself, or offered to the incidents linked to it.
    const found = new Set(index.runbooksForFile(file));
    for (const incident of index.incidentsForFile(file)) for (const { runbook } of index.runbooksForIncident(incident)) found.add(runbook);
    list = [...found];
  }
  if (values.json)
    json(
      io,
      list.map((r) => summarizeRunbook(r, at, days)),
    );
  else if (!list.length) io.out(values.for ? `no runbook for ${values.for}` : 'no runbooks');
  else if (values.for) for (const r of list) io.out(describeRunbook(r, at, days) + '\n');
  else
    for (const r of list) {
      const s = summarizeRunbook(r, at, days);
      io.out(
        `${s.id.padEnd(28)} ${String(s.steps).padStart(2)} steps  ${oneLine(s.lastVerified ?? 'never verified').padEnd(14)}${s.stale ? ' STALE' : '      '}  ${oneLine(s.title)}`,
      );
    }
  return 0;
}
