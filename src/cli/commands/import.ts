/**
 * `incident-lens import [--from FORMAT] PATH... [--dry-run] [--json]`: the
 * team's history into records (core/import). Prints what each item becomes
 * (created / updated / unchanged / skipped, with why), writes nothing with
 * --dry-run, and shows progress on stderr for big files.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { csvMapping, parseMapArgument, type CsvMapping } from '../../core/import/csv';
import { planImport, planSummary, type PlanItem } from '../../core/import/plan';
import { detectFormat, ImportCancelled, progressText, readImport, type ImportFile } from '../../core/import/read';
import { FORMAT_LABELS, IMPORT_FORMATS, type ImportFormat, type Draft, type DraftFact, type ImportProblem } from '../../core/import/types';
import { existingRecords, expandPaths, importFile, readHead, writePlan } from '../../node/importFiles';
import { didYouMean, json, openIndex, parse, UsageError, workspaceRoot, type Io } from '../common';
import { DEFAULT_INCIDENTS_FOLDER } from '../../core/index/incidentIndex';
import { oneLine } from '../../core/present/summaries';

function mappingFrom(values: { map?: string; mapping?: string; 'time-zone'?: string; system?: string }): CsvMapping | undefined {
  if (!values.map && !values.mapping) return undefined;
  let data: Record<string, unknown> = {};
  let where = '--map';
  if (values.mapping) {
    where = values.mapping;
    let text: string;
    try {
      text = readFileSync(values.mapping, 'utf8');
    } catch {
      throw new UsageError(`--mapping: cannot read "${values.mapping}"`);
    }
    const parsed = parseYaml(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new UsageError(`${values.mapping}: a mapping file holds field: "Column header" lines`);
    data = parsed as Record<string, unknown>;
  }
  if (values.map) data = { ...data, ...parseMapArgument(values.map) };
  if (values['time-zone']) data.timeZone = values['time-zone'];
  if (values.system) data.source = values.system;
  const { mapping, errors } = csvMapping(data, where);
  if (!mapping) throw new UsageError(errors.join('\n'));
  return mapping;
}

const VERB: Record<PlanItem['status'], string> = { create: 'created', update: 'updated', unchanged: 'unchanged', skip: 'skipped' };

export async function importCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    from: { type: 'string' },
    'dry-run': { type: 'boolean' },
    map: { type: 'string' },
    mapping: { type: 'string' },
    'time-zone': { type: 'string' },
    system: { type: 'string' },
  });
  if (!positionals.length)
    throw new UsageError('import needs files or folders to read, e.g. incident-lens import --from pagerduty incidents.json log_entries.json');
  if (values.from && !(IMPORT_FORMATS as readonly string[]).includes(values.from))
    throw new UsageError(`--from must be one of ${IMPORT_FORMATS.join(', ')}${didYouMean(values.from, IMPORT_FORMATS)}`);
  const root = workspaceRoot(values);
  const folder = values.folder ?? DEFAULT_INCIDENTS_FOLDER;
  let paths: string[];
  try {
    paths = await expandPaths(positionals);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (!paths.length) throw new UsageError(`no .md, .json or .csv files in ${positionals.join(', ')}`);

  // Each file's format: --from, or what the file shows. A file whose format cannot be told fails alone (the others are read).
  const groups = new Map<ImportFormat, string[]>();
  const unknown: ImportProblem[] = [];
  for (const p of paths) {
    let format = values.from as ImportFormat | undefined;
    if (!format) {
      const head = await readHead(p);
      format = detectFormat(p, head);
      if (!format) {
        unknown.push({ where: `${path.relative(process.cwd(), p) || p}:1:1`, message: `cannot tell the format: give --from ${IMPORT_FORMATS.join('|')}` });
        continue;
      }
    }
    groups.set(format, [...(groups.get(format) ?? []), p]);
  }
  if (!groups.size) throw new UsageError(`cannot tell the format of ${paths.join(', ')}: give --from ${IMPORT_FORMATS.join('|')}`);
  const csv = mappingFrom(values);
  if (groups.has('csv') && !csv) throw new UsageError('a CSV import needs a column mapping: --mapping FILE or --map title=Summary,id=Key,started=Created,…');

  const index = await openIndex(root, folder);
  const files = new Map<ImportFormat, ImportFile[]>();
  for (const [format, list] of groups) files.set(format, await Promise.all(list.map((p) => importFile(p, path.relative(process.cwd(), p) || p))));
  const total = [...files.values()].flat().reduce((a, f) => a + f.size, 0);
  const big = total > 5 * 1024 * 1024;
  const tty = !!process.stderr.isTTY;
  let shown = -1;
  const progress = (done: number, all: number) => {
    if (!big) return;
    const pct = Math.floor((done / all) * 100);
    if (tty) process.stderr.write(`\rreading ${progressText(done, all)} (${pct} %)${done >= all ? '\n' : ''}`);
    else if (Math.floor(pct / 10) !== shown) {
      shown = Math.floor(pct / 10);
      io.err(`reading ${progressText(done, all)} (${pct} %)`);
    }
  };

  const drafts: Draft[] = [];
  const problems: ImportProblem[] = [];
  const failed: ImportProblem[] = [...unknown];
  let done = 0;
  for (const [format, list] of files) {
    const base = done;
    try {
      const r = await readImport(list, { format, csv, onProgress: (d) => progress(base + d, total) });
      drafts.push(...r.drafts);
      problems.push(...r.problems);
      failed.push(...r.failed);
    } catch (err) {
      if (err instanceof ImportCancelled) throw new UsageError(err.message);
      throw err;
    }
    done += list.reduce((a, f) => a + f.size, 0);
  }
  const plan = planImport(drafts, existingRecords(index), { folder, actionsFolder: `${folder}/actions` });
  const dryRun = !!values['dry-run'];
  let outcomes = new Map<PlanItem, string | undefined>();
  if (!dryRun) {
    const r = await writePlan(root, plan);
    outcomes = new Map(r.outcomes.map((o) => [o.item, o.error]));
  }
  const failedWrites = [...outcomes.values()].filter(Boolean).length;
  const summary = planSummary(plan);
  const created = plan.filter((p) => p.status === 'create' && p.kind === 'incident' && !outcomes.get(p)).map((p) => p.id!);

  if (values.json) {
    json(io, {
      dryRun,
      formats: [...files.keys()],
      items: plan.map((p) => ({
        status: p.status,
        kind: p.kind,
        id: p.id,
        file: p.file,
        source: p.source,
        label: p.label,
        where: p.where,
        changes: p.changes,
        ...(outcomes.get(p) ? { error: outcomes.get(p) } : {}),
        ...factsOf(p, drafts),
      })),
      problems,
      failed,
      summary: { ...summary, problems: problems.length, failedFiles: failed.length, failedWrites },
    });
  } else {
    for (const f of failed) io.out(`failed     ${f.where}: ${f.message}`);
    for (const p of plan) {
      const error = outcomes.get(p);
      const what = p.status === 'skip' ? p.changes.join('; ') : p.status === 'update' || p.status === 'unchanged' ? p.changes.join('; ') || 'nothing new' : '';
      io.out(
        `${(error ? 'not written' : VERB[p.status]).padEnd(10)} ${(p.id ?? '').padEnd(18)} ${p.source.system} ${p.label}${what ? ` — ${what}` : ''}${error ? ` — ${error}` : ''}`,
      );
    }
    if (dryRun) for (const line of factLines(plan, drafts)) io.out(line);
    for (const pr of problems) io.out(`skipped    ${pr.where}: ${pr.message}`);
    const fmt = [...files.keys()].map((f) => FORMAT_LABELS[f]).join(', ');
    io.out(
      `\n${fmt}: ${summary.create} to create, ${summary.update} to update, ${summary.unchanged} unchanged, ${summary.skip + problems.length} skipped${failed.length ? `, ${failed.length} file${failed.length === 1 ? '' : 's'} failed` : ''}${dryRun ? ' (dry run: nothing written)' : failedWrites ? `; ${failedWrites} not written` : ''}`,
    );
    if (!dryRun && created.length)
      io.out(
        `Link the new incidents to code from git history: incident-lens suggest ${created[0]}${created.length > 1 ? ` (and ${created.length > 4 ? `${created.slice(1, 4).join(', ')} and ${created.length - 4} more, to ${created[created.length - 1]}` : created.slice(1).join(', ')})` : ''}`,
      );
  }
  return failed.length || failedWrites ? 1 : 0;
}

type Drafts = ReadonlyArray<{ source: { system: string; id: string }; facts?: readonly DraftFact[]; missing?: readonly string[] }>;

/** The facts a draft was read with, for the plan item of that record (incidents only). */
function factsOf(p: PlanItem, drafts: Drafts): { facts?: readonly DraftFact[]; missing?: readonly string[] } {
  if (p.kind !== 'incident') return {};
  const d = drafts.find((x) => x.source.system === p.source.system && x.source.id === p.source.id);
  return d?.facts ? { facts: d.facts, missing: d.missing ?? [] } : {};
}

/** Under each record of a dry run: "found start 2021-03-31T12:06 +00:00 (line 14: …)", "missing end, duration". */
function factLines(plan: readonly PlanItem[], drafts: Drafts): string[] {
  const out: string[] = [];
  for (const p of plan) {
    const { facts, missing } = factsOf(p, drafts);
    if (!facts) continue;
    out.push(`\n${p.id ?? ''} ${p.label}`);
    for (const f of facts)
      out.push(
        `  found    ${f.field.padEnd(9)} ${oneLine(f.value)}${f.line ? ` (line ${f.line}${f.evidence ? `: "${oneLine(f.evidence).slice(0, 90)}"` : ''})` : ''}`,
      );
    if (missing?.length) out.push(`  missing  ${missing.join(', ')} (not in the document; set them in the record)`);
  }
  return out;
}
