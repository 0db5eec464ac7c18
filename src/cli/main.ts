/**
 * incident-lens: the command line on the same core as the extension, for CI
 * and terminals. Exit codes: 0 ok, 1 a check failed (lint errors, --fail-on),
 * 2 a usage problem (unknown command or id, missing folder).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { formatDiagnostic, hasErrors } from '../core/records/diagnostics';
import { DEFAULT_INCIDENTS_FOLDER, DEFAULT_RUNBOOK_STALE_DAYS } from '../core/index/incidentIndex';
import { postmortemMarkdown } from '../core/present/postmortemExport';
import { PRIORITIES, STATUSES, type Priority, priorityRank } from '../core/records/schema';
import { describeIncident, describeRunbook, oneLine, summarizeIncident, summarizeRunbook } from '../core/present/summaries';
import { GitError } from '../node/git/changes';
import { checkPushedRanges, checkRisk, pushFindings } from '../node/riskCheck';
import { DEFAULT_NO_GO_P1_DAYS } from '../core/risk/assessRisk';
import { changedLinesOf } from '../node/git/changeRates';
import { fingerprint, recordChangeFingerprint, recordChangeLines, riskGithub, riskMarkdown, riskSarif } from '../core/risk/riskFormats';
import { lintGithub, lintSarif } from '../core/records/lintFormats';
import { GROUP_BY, hotspots, metricsReport, withChangeRates, type GroupBy, type MetricsRow } from '../core/insights/insightsReport';
import { formatDuration, parseTime } from '../core/time/recordTime';
import { filesInRange, installPrePushHook, pushRanges } from '../node/prePush';
import { execFileSync } from 'node:child_process';
import { HELP, commandHelp } from './help';
import { SimilarIndex, similarReason } from '../core/search/similarIncidents';
import { suggest } from './commands/suggestCommand';
import { mergeDriver } from './commands/mergeDriverCommand';
import { mcp } from './commands/mcp';
import { similar } from './commands/similar';
import { importCommand } from './commands/import';
import { registerMergeDriver } from '../node/git/mergeDriverSetup';
import { gitPath } from '../node/git/run';
import { clockFrom } from '../core/time/clock';
import { csvRow } from '../core/insights/csvCell';

import { syncInstructionFiles } from '../node/instructionFiles';
import { review } from './commands/reviewCommand';
import { hook } from './commands/hook';
import { exportAll } from './commands/exportAll';
import { buildHookDigest } from '../node/agentHook';
import { initAgents } from './commands/initAgents';
import { task } from './commands/taskCommand';
import { openIndexes, didYouMean, json, now, openIndex, parse, requireIncident, setCacheOff, setClock, TerminalIo, UsageError, workflowCommands, workspaceFiles, workspaceRoot, type Io } from './common';
export { UsageError };

async function lint(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string' } });
  const format = values.format ?? (values.json ? 'json' : 'text');
  if (!['text', 'json', 'sarif', 'github'].includes(format)) throw new UsageError(`--format must be one of text, json, sarif, github${didYouMean(format, ['text', 'json', 'sarif', 'github'])}`);
  const root = workspaceRoot(values, positionals[0]);
  const index = await openIndex(root, values.folder, true);
  const diagnostics = index.diagnostics();
  if (format === 'sarif') json(io, lintSarif(diagnostics, VERSION));
  else if (format === 'github') {
    if (diagnostics.length) workflowCommands(io, lintGithub(diagnostics));
  } else if (format === 'json') {
    json(io, { files: index.allFiles().length, diagnostics: diagnostics.map((d) => ({ ...d, line: d.range.start.line + 1, column: d.range.start.character + 1 })) });
  } else {
    for (const d of diagnostics) io.out(formatDiagnostic(d));
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    io.out(`${index.allFiles().length} records checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  }
  return hasErrors(diagnostics) ? 1 : 0;
}

async function list(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { status: { type: 'string' }, priority: { type: 'string' } });
  if (values.status && !(STATUSES as readonly string[]).includes(values.status)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}${didYouMean(values.status, STATUSES)}`);
  if (values.priority && !(PRIORITIES as readonly string[]).includes(values.priority.toUpperCase())) throw new UsageError(`--priority must be one of ${PRIORITIES.join(', ')}${didYouMean(values.priority, PRIORITIES)}`);
  const index = await openIndex(workspaceRoot(values), values.folder);
  const incidents = index
    .incidents()
    .filter((i) => !values.status || i.head.status === values.status)
    .filter((i) => !values.priority || i.head.priority === values.priority!.toUpperCase());
  if (values.json) json(io, incidents.map(summarizeIncident));
  else for (const i of incidents) io.out(`${i.id.padEnd(8)} ${i.head.priority}  ${i.head.status.padEnd(18)} ${oneLine(i.head.title)}`);
  return 0;
}

async function show(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {});
  const index = await openIndex(workspaceRoot(values), values.folder);
  const record = requireIncident(index, positionals[0]);
  if (record.kind === 'action') {
    if (values.json) json(io, { ...record.record, file: record.file });
    else {
      const a = record.record;
      io.out(`${a.id}  ${a.status}  ${oneLine(a.title)}\n  incident:    ${a.incident}\n  owner:       ${oneLine(a.owner ?? '—')}\n  deadline:    ${oneLine(a.deadline ?? '—')}`);
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
  if (values.json) json(io, { ...summarizeIncident(record), similar: alike.map((h) => ({ id: h.incident.id, title: h.incident.head.title, score: Number(h.score.toFixed(3)), why: similarReason(h) })), record: record.record });
  else {
    io.out(describeIncident(record, index.actionRecordsOf(record.id)));
    if (alike.length) io.out(`  similar:     ${alike.map((h) => `${h.incident.id} ${oneLine(h.incident.head.title)} (${similarReason(h)})`).join('\n               ')}`);
  }
  return 0;
}

async function search(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { limit: { type: 'string' } });
  const query = positionals.join(' ');
  if (!query.trim()) throw new UsageError('search needs some text, e.g. incident-lens search stripe');
  const index = await openIndex(workspaceRoot(values), values.folder);
  const hits = index.search().search(query, Number(values.limit ?? 20));
  if (values.json) json(io, hits.map((h) => ({ id: h.incident.id, title: h.incident.head.title, priority: h.incident.head.priority, status: h.incident.head.status, score: h.score, field: h.field, snippet: h.snippet, file: h.incident.file })));
  else if (!hits.length) io.out(`no incidents match "${query}"`);
  else for (const h of hits) io.out(`${h.incident.id.padEnd(8)} ${h.incident.head.priority}  ${oneLine(h.incident.head.title)}\n         ${h.field}: ${oneLine(h.snippet)}`);
  return 0;
}

const RISK_FORMATS = ['text', 'json', 'sarif', 'github', 'markdown'] as const;

async function risk(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { diff: { type: 'string' }, 'fail-on': { type: 'string' }, format: { type: 'string' }, 'no-go-p1-days': { type: 'string' }, 'pre-push': { type: 'string' }, source: { type: 'string', multiple: true } });
  const root = workspaceRoot(values);
  if (values['pre-push'] !== undefined) return prePush(root, values.folder, values['pre-push'], io);
  const failOn = values['fail-on']?.toUpperCase();
  if (failOn && !(PRIORITIES as readonly string[]).includes(failOn)) throw new UsageError(`--fail-on must be one of ${PRIORITIES.join(', ')}${didYouMean(values['fail-on']!, PRIORITIES)}`);
  const format = values.format ?? (values.json ? 'json' : 'text');
  if (!(RISK_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${RISK_FORMATS.join(', ')}${didYouMean(format, RISK_FORMATS)}`);
  const noGoP1Days = values['no-go-p1-days'] === undefined ? DEFAULT_NO_GO_P1_DAYS : Number(values['no-go-p1-days']);
  if (!Number.isInteger(noGoP1Days) || noGoP1Days < 0) throw new UsageError('--no-go-p1-days must be a whole number of days (0: a past P1 alone never blocks)');
  if (!values.diff && positionals.length === 0) throw new UsageError('risk needs files or --diff REV');
  const { own: index, sources } = await openIndexes(root, values.folder, values.source ?? [], io);
  const indexes = [index, ...sources.map((s) => s.index)];
  let checked;
  try {
    checked = await checkRisk(root, indexes, { files: workspaceFiles(root, positionals), diff: values.diff, now: now(), noGoP1Days });
  } catch (err) {
    if (err instanceof GitError) throw new UsageError(err.message);
    throw err;
  }
  const { files, report } = checked;
  const failing = failOn ? report.incidents.filter((r) => priorityRank(r.incident.head.priority) <= priorityRank(failOn as Priority)) : [];
  if (format === 'json') {
    json(io, {
      files,
      verdict: report.verdict,
      reasons: report.reasons,
      incidents: report.incidents.map((r) => ({ ...summarizeIncident(r.incident), files: r.files })),
      findings: report.findings.map((f) => ({ rule: f.rule, level: f.level, incident: f.incident.id, runbook: f.runbook?.id, file: f.file, startLine: f.region.startLine, endLine: f.region.endLine, message: f.message, fingerprint: fingerprint(f) })),
      recordChanges: (report.recordChanges ?? []).map((c) => ({ ...c, fingerprint: recordChangeFingerprint(c) })),
      base: report.base ?? null,
      failOn: failOn ?? null,
      failed: failing.length > 0,
    });
  } else if (format === 'sarif') json(io, riskSarif(report, VERSION));
  else if (format === 'github') workflowCommands(io, riskGithub(report));
  else if (format === 'markdown') io.out(riskMarkdown(report));
  else {
    io.out(`${report.verdict}: ${report.reasons.join('; ')}`);
    for (const r of report.incidents) {
      const s = summarizeIncident(r.incident);
      io.out(`${s.priority} ${s.id} ${oneLine(s.title)} (${s.status}${s.start ? `, ${s.start.slice(0, 10)}` : ''})`);
      io.out(`   files:      ${r.files.join(', ')}`);
      if (s.rootCause) io.out(`   root cause: ${oneLine(s.rootCause)}`);
      if (s.learning) io.out(`   learning:   ${oneLine(s.learning)}`);
      if (s.promptTemplate) io.out(`   prompt:     ${oneLine(s.promptTemplate)}`);
    }
    for (const line of recordChangeLines(report)) io.out(line);
  }
  if (failing.length) io.err(`risk: ${failing.length} incident${failing.length === 1 ? '' : 's'} at ${failOn} or above touched: ${failing.map((f) => f.incident.id).join(', ')}`);
  return failing.length ? 1 : 0;
}

async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string' }, output: { type: 'string', short: 'o' }, all: { type: 'boolean' }, kind: { type: 'string' }, source: { type: 'string', multiple: true } });
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

async function runbooks(args: string[], io: Io): Promise<number> {
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
  if (values.json) json(io, list.map((r) => summarizeRunbook(r, at, days)));
  else if (!list.length) io.out(values.for ? `no runbook for ${values.for}` : 'no runbooks');
  else if (values.for) for (const r of list) io.out(describeRunbook(r, at, days) + '\n');
  else
    for (const r of list) {
      const s = summarizeRunbook(r, at, days);
      io.out(`${s.id.padEnd(28)} ${String(s.steps).padStart(2)} steps  ${oneLine(s.lastVerified ?? 'never verified').padEnd(14)}${s.stale ? ' STALE' : '      '}  ${oneLine(s.title)}`);
    }
  return 0;
}

async function instructions(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { agents: { type: 'boolean' }, check: { type: 'boolean' } });
  const root = workspaceRoot(values, positionals[0]);
  const index = await openIndex(root, values.folder);
  const { plan, refused } = await syncInstructionFiles(root, index.incidents(), { agents: values.agents, check: values.check });
  const changed = plan.filter((p) => p.action !== 'unchanged');
  for (const r of refused) io.err(`refused  ${r.reason}`);
  if (values.json) json(io, plan.map(({ path: p, action }) => ({ path: p, action })));
  else {
    for (const p of changed) io.out(`${values.check ? (p.action === 'delete' ? 'stale    ' : 'outdated ') : p.action === 'delete' ? 'deleted  ' : 'wrote    '}${p.path}`);
    const count = (a: string) => plan.filter((p) => p.action === a).length;
    io.out(
      values.check
        ? changed.length
          ? `${changed.length} instruction file${changed.length === 1 ? '' : 's'} out of date: run incident-lens instructions`
          : `${plan.length} instruction files up to date`
        : `${count('write')} written, ${count('delete')} deleted, ${count('unchanged')} unchanged`,
    );
  }
  return (values.check && changed.length) || refused.length ? 1 : 0;
}

/** A --since/--until date (2025-03-01 or an ISO time) as epoch ms. */
function dateOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const t = parseTime(raw, { allowDate: true });
  if (t.kind === 'instant') return t.instant.ms;
  if (t.kind === 'date') return Date.UTC(t.year, t.month - 1, t.day);
  throw new UsageError(`--${name} must be a date like 2025-03-01 or an ISO time, got "${raw}"`);
}

async function metrics(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { since: { type: 'string' }, until: { type: 'string' }, by: { type: 'string' }, format: { type: 'string' } });
  const by = (values.by ?? 'month') as GroupBy;
  if (!GROUP_BY.includes(by)) throw new UsageError(`--by must be one of ${GROUP_BY.join(', ')}${didYouMean(values.by!, GROUP_BY)}`);
  const format = values.format ?? (values.json ? 'json' : 'table');
  if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`--format must be one of table, json, csv${didYouMean(format, ['table', 'json', 'csv'])}`);
  const index = await openIndex(workspaceRoot(values), values.folder);
  const report = metricsReport(index.incidents(), { by, since: dateOption('since', values.since), until: dateOption('until', values.until), sinceText: values.since, untilText: values.until });
  const minutes = (v: number | undefined) => (v === undefined ? '' : formatDuration(v));
  const figure = (r: MetricsRow, k: keyof MetricsRow['figures']) => r.figures[k];
  if (format === 'json') json(io, report);
  else if (format === 'csv') {
    const head = [by, 'incidents', ...PRIORITIES, ...(['ttd', 'tta', 'ttm', 'ttr'] as const).flatMap((k) => [`${k}_median_min`, `${k}_p90_min`, `${k}_n`, `${k}_missing`]), 'ai_incidents', 'ai_share', 'ai_ttr_median_min', 'other_ttr_median_min'];
    io.out(head.join(','));
    for (const r of report.rows) {
      const figs = (['timeToDetect', 'timeToAcknowledge', 'timeToMitigate', 'timeToResolve'] as const).flatMap((k) => [figure(r, k).median, figure(r, k).p90, figure(r, k).n, figure(r, k).missing]);
      io.out(csvRow([r.group, r.incidents, ...PRIORITIES.map((p) => r.byPriority[p]), ...figs, r.ai.incidents, r.ai.share.toFixed(3), r.ai.resolveMedian, r.ai.otherResolveMedian]));
    }
  } else {
    io.out(`${'group'.padEnd(16)} ${'n'.padStart(4)}  P1 P2 P3 P4  ${'detect (med/p90)'.padEnd(18)} ${'mitigate (med/p90)'.padEnd(20)} ${'resolve (med/p90)'.padEnd(20)} AI share  AI vs rest resolve`);
    for (const r of report.rows) {
      const f = (k: keyof MetricsRow['figures']) => (figure(r, k).n ? `${minutes(figure(r, k).median)}/${minutes(figure(r, k).p90)}` : '—');
      io.out(
        `${r.group.slice(0, 16).padEnd(16)} ${String(r.incidents).padStart(4)}  ${PRIORITIES.map((p) => String(r.byPriority[p]).padStart(2)).join(' ')}  ${f('timeToDetect').padEnd(18)} ${f('timeToMitigate').padEnd(20)} ${f('timeToResolve').padEnd(20)} ${`${Math.round(r.ai.share * 100)}%`.padStart(8)}  ${r.ai.incidents ? `${minutes(r.ai.resolveMedian) || '—'} vs ${minutes(r.ai.otherResolveMedian) || '—'}` : '—'}`,
      );
    }
    const missing = report.rows.reduce((s, r) => s + r.figures.timeToMitigate.missing, 0);
    io.out(`${report.counted} incident${report.counted === 1 ? '' : 's'} counted${report.withoutStart ? `; ${report.withoutStart} without a readable start left out` : ''}; ${missing} without a timed "mitigated" milestone left out of the mitigate figures.`);
  }
  return 0;
}

async function hotspotsCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { limit: { type: 'string' }, format: { type: 'string' } });
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a whole number above 0');
  const format = values.format ?? (values.json ? 'json' : 'table');
  if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`--format must be one of table, json, csv${didYouMean(format, ['table', 'json', 'csv'])}`);
  const root = workspaceRoot(values);
  const index = await openIndex(root, values.folder);
  // Where git history is at hand: lines changed in the last year, and incidents per 1,000 of them.
  const list = withChangeRates(hotspots(index, limit), await changedLinesOf(root, hotspots(index, limit), now()));
  if (format === 'json') json(io, list);
  else if (format === 'csv') {
    io.out('kind,target,score,worst,incidents,changed_lines,per_1000_lines');
    for (const h of list) io.out(csvRow([h.kind, h.target, h.score, h.worst, h.incidents.join(' '), h.changedLines, h.perThousandLines]));
  } else if (!list.length) io.out('no code is linked to an incident yet');
  else for (const h of list) io.out(`${String(h.score).padStart(4)}  ${h.worst}  ${h.kind.padEnd(6)}  ${h.target}  (${h.incidents.join(', ')})${h.perThousandLines !== undefined ? `  ${h.perThousandLines} per 1,000 changed lines` : ''}`);
  return 0;
}

/** The pre-push hook's check: warn about active and P1 incidents the pushed commits touch. */
async function prePush(root: string, folder: string | undefined, remote: string, io: Io): Promise<number> {
  const stdin = await new Promise<string>((resolve) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c: string) => (text += c));
    process.stdin.on('end', () => resolve(text));
  });
  const ranges = pushRanges(stdin).map((r) => ({ ...r, files: filesInRange(root, r) })).filter((r) => r.files.length);
  if (!ranges.length) return 0;
  const { own, sources } = await openIndexes(root, folder, [], io);
  // Judged by the records on the remote's side of each range: a push cannot relax its own check.
  const { serious, recordEdits } = pushFindings(await checkPushedRanges(root, [own, ...sources.map((s) => s.index)], ranges, now()));
  for (const c of recordEdits) io.err(`incident-lens: this push edits ${c.id}, a record this check reads (judged as it is on the remote): ${c.details.join('; ')}`);
  if (!serious.length) return 0;
  const block = (() => {
    try {
      return execFileSync(gitPath(), ['config', '--get', 'incident-lens.prePush'], { cwd: root, encoding: 'utf8' }).trim() === 'block';
    } catch {
      return false;
    }
  })();
  io.err(`incident-lens: this push to ${remote || 'the remote'} touches code of ${serious.map((r) => `${r.incident.id} (${r.incident.head.priority}${r.incident.head.status === 'active' ? ', active' : ''})`).join(', ')}:`);
  for (const { incident, files: fs } of serious) {
    io.err(`  ${incident.id} ${oneLine(incident.head.title)}: ${fs.join(', ')}`);
    const lesson = incident.record.learning?.lesson ?? incident.record.rootCause?.confirmed;
    if (lesson) io.err(`    ${oneLine(lesson)}`);
  }
  io.err(block ? 'incident-lens: push stopped (git config incident-lens.prePush block).' : 'incident-lens: pushing anyway (git config incident-lens.prePush block stops such pushes).');
  return block ? 1 : 0;
}

async function init(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { hooks: { type: 'boolean' }, agents: { type: 'boolean' }, agent: { type: 'string', multiple: true }, check: { type: 'boolean' }, command: { type: 'string' } });
  // --agents wires the coding agents only (commands/initAgents.ts): no git config, so --check can run in CI.
  if (values.agents || values.agent) return initAgents(workspaceRoot(values), values, io);
  const repo = values.root ? path.resolve(values.root) : process.cwd();
  const cli = path.resolve(process.argv[1] ?? 'incident-lens');
  const folder = values.folder ?? DEFAULT_INCIDENTS_FOLDER;
  let driver;
  try {
    driver = await registerMergeDriver(repo, folder, cli);
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]} (init works in a git clone)`);
  }
  io.out(`merge driver: .gitattributes ${driver.attributes === 'added' ? `now routes ${folder}/**/*.yaml to it (commit ${driver.attributesFile})` : 'already routes the records to it'}; this clone's git config ${driver.config === 'unchanged' ? 'already has it' : driver.config === 'set' ? 'has it now' : 'has it updated'} (each clone runs init once: git does not share config)`);
  if (!values.hooks) return 0;
  let result;
  try {
    result = installPrePushHook(repo, cli);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  io.out(`${result.action} ${result.hook}${result.chained ? ` (your existing hook now runs first, from ${result.chained})` : ''}`);
  return 0;
}

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  'merge-driver': mergeDriver,
  mcp: (args, io) => mcp(args, io, VERSION),
  hook: (args, io) => hook(args, io, VERSION, { now, buildDigest: async () => buildHookDigest }),
  task,
  similar,
  import: importCommand,
  suggest,
  init,
  metrics,
  hotspots: hotspotsCommand,
  lint,
  list,
  show,
  search,
  risk,
  export: exportCommand,
  instructions,
  runbooks,
  review,
};

export async function run(argv: string[], plainIo: Io): Promise<number> {
  // Record text in any command's output is neutralised once, here (control sequences, workflow commands).
  const io = plainIo instanceof TerminalIo ? plainIo : new TerminalIo(plainIo);
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(HELP);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    io.out(VERSION);
    return 0;
  }
  const handler = COMMANDS[command];
  if (!handler) {
    io.err(`incident-lens: unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(command));
    return 0;
  }
  try {
    try {
      setClock(clockFrom(process.env.INCIDENT_LENS_NOW));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    // --no-cache (any command that reads the records): the persistent cache is neither read nor written.
    setCacheOff(rest.includes('--no-cache'));
    return await handler(rest.filter((a) => a !== '--no-cache'), io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`incident-lens ${command}: ${err.message}`);
      return 2;
    }
    io.err(`incident-lens ${command}: unexpected error: ${(err as Error).stack ?? String(err)}`);
    return 3;
  }
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/** The process entry (dist/cli.js loads this bundle and calls it; see launcher.ts). */
export function main(): void {
  // A closed pipe (`incident-lens list | head -1`) ends the process quietly, as git and every linter do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
  run(process.argv.slice(2), {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`incident-lens: ${String(err)}\n`);
      process.exitCode = 3;
    },
  );
}

if (require.main === module) main();
