/** incident-lens risk: see src/cli/help.ts for what it does. */
import { PRIORITIES, type Priority, priorityRank, priorityText } from '../../core/records/schema';
import { oneLine, summarizeIncident } from '../../core/present/summaries';
import { GitError } from '../../node/git/changes';
import { checkPushedRanges, checkRisk, pushFindings } from '../../node/riskCheck';
import { DEFAULT_NO_GO_P1_DAYS } from '../../core/risk/assessRisk';
import { fingerprint, recordChangeFingerprint, recordChangeLines, riskGithub, riskMarkdown, riskSarif } from '../../core/risk/riskFormats';
import { filesInRange, pushRanges } from '../../node/prePush';
import { execFileSync } from 'node:child_process';
import { gitPath } from '../../node/git/run';
import { mergeBaseWithHead } from '../../node/git/revisionFiles';
import { DEFAULT_INCIDENTS_FOLDER, type IncidentIndex } from '../../core/index/incidentIndex';
import { focusedIndexes } from '../../node/focusedRecords';
import { CONFIG_FILE } from '../../core/index/recordSources';
import { cliCache, openIndexes, didYouMean, json, now, parse, UsageError, workflowCommands, workspaceFiles, workspaceRoot, type Io } from '../common';

export async function risk(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    diff: { type: 'string' },
    'fail-on': { type: 'string' },
    format: { type: 'string' },
    'no-go-p1-days': { type: 'string' },
    'pre-push': { type: 'string' },
    source: { type: 'string', multiple: true },
  });
  const root = workspaceRoot(values);
  if (values['pre-push'] !== undefined) return prePush(root, values.folder, values['pre-push'], io);
  const failOn = values['fail-on']?.toUpperCase();
  if (failOn && !(PRIORITIES as readonly string[]).includes(failOn))
    throw new UsageError(`--fail-on must be one of ${PRIORITIES.join(', ')}${didYouMean(values['fail-on']!, PRIORITIES)}`);
  const format = values.format ?? (values.json ? 'json' : 'text');
  if (!(RISK_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${RISK_FORMATS.join(', ')}${didYouMean(format, RISK_FORMATS)}`);
  const noGoP1Days = values['no-go-p1-days'] === undefined ? DEFAULT_NO_GO_P1_DAYS : Number(values['no-go-p1-days']);
  if (!Number.isInteger(noGoP1Days) || noGoP1Days < 0) throw new UsageError('--no-go-p1-days must be a whole number of days (0: a past P1 alone never blocks)');
  if (!values.diff && positionals.length === 0) throw new UsageError('risk needs files or --diff REV');
  const asked = workspaceFiles(root, positionals);
  // A revision git does not know is said at once, not after every record was read.
  if (values.diff) await mergeBaseWithHead(root, values.diff).catch(usageOnGitError);
  const indexes = await riskIndexes(root, values.folder, values.source ?? [], values.diff ? undefined : asked, io);
  let checked;
  try {
    checked = await checkRisk(root, indexes, { files: asked, diff: values.diff, now: now(), noGoP1Days });
  } catch (err) {
    usageOnGitError(err);
  }
  const { files, report } = checked!;
  const failing = failOn ? report.incidents.filter((r) => priorityRank(r.incident.head.priority) <= priorityRank(failOn as Priority)) : [];
  if (format === 'json') {
    json(io, {
      files,
      verdict: report.verdict,
      reasons: report.reasons,
      incidents: report.incidents.map((r) => ({ ...summarizeIncident(r.incident), files: r.files })),
      findings: report.findings.map((f) => ({
        rule: f.rule,
        level: f.level,
        incident: f.incident.id,
        runbook: f.runbook?.id,
        file: f.file,
        startLine: f.region.startLine,
        endLine: f.region.endLine,
        message: f.message,
        fingerprint: fingerprint(f),
      })),
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
  if (failing.length)
    io.err(`risk: ${failing.length} incident${failing.length === 1 ? '' : 's'} at ${failOn} or above touched: ${failing.map((f) => f.incident.id).join(', ')}`);
  return failing.length ? 1 : 0;
}

import { VERSION } from '../version';

/**
 * The records a `risk` of these files reads: without --diff, only those that may bear on the files
 * (node/focusedRecords.ts, proven equal to reading them all); with a revision, or where the scan
 * cannot answer, every record (through the shared cache).
 */
async function riskIndexes(root: string, folder: string | undefined, source: string[], files: string[] | undefined, io: Io): Promise<IncidentIndex[]> {
  const focused = files
    ? await focusedIndexes(root, files, {
        folder: folder ?? DEFAULT_INCIDENTS_FOLDER,
        extraSources: source.map((p) => ({ path: p, from: '--source' })),
        warn: (w) => io.err(`warning: ${w}`),
        cache: cliCache(),
      })
    : undefined;
  if (focused) return focused;
  const { own, sources } = await openIndexes(root, folder, source, io, true);
  return [own, ...sources.map((s) => s.index)];
}

function usageOnGitError(err: unknown): never {
  if (err instanceof GitError) throw new UsageError(err.message);
  throw err;
}

const RISK_FORMATS = ['text', 'json', 'sarif', 'github', 'markdown'] as const;

/** The pre-push hook's check: warn about active and P1 incidents the pushed commits touch. */
async function prePush(root: string, folder: string | undefined, remote: string, io: Io): Promise<number> {
  const stdin = await new Promise<string>((resolve) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c: string) => (text += c));
    process.stdin.on('end', () => resolve(text));
  });
  const ranges = pushRanges(stdin)
    .map((r) => ({ ...r, files: filesInRange(root, r) }))
    .filter((r) => r.files.length);
  if (!ranges.length) return 0;
  // A push that edits no record (nor the sources' config) is judged by the records as they are: only those that may bear on its files.
  const files = [...new Set(ranges.flatMap((r) => r.files))];
  const records = `${(folder ?? DEFAULT_INCIDENTS_FOLDER).replace(/\/+$/, '')}/`;
  const editsRecords = files.some((f) => f === CONFIG_FILE || f.startsWith(records));
  const indexes = await riskIndexes(root, folder, [], editsRecords ? undefined : files, io);
  // Judged by the records on the remote's side of each range: a push cannot relax its own check.
  const { serious, recordEdits } = pushFindings(await checkPushedRanges(root, indexes, ranges, now()));
  for (const c of recordEdits)
    io.err(`incident-lens: this push edits ${c.id}, a record this check reads (judged as it is on the remote): ${c.details.join('; ')}`);
  if (!serious.length) return 0;
  const block = (() => {
    try {
      return execFileSync(gitPath(), ['config', '--get', 'incident-lens.prePush'], { cwd: root, encoding: 'utf8' }).trim() === 'block';
    } catch {
      return false;
    }
  })();
  io.err(
    `incident-lens: this push to ${remote || 'the remote'} touches code of ${serious.map((r) => `${r.incident.id} (${priorityText(r.incident.head.priority)}${r.incident.head.status === 'active' ? ', active' : ''})`).join(', ')}:`,
  );
  for (const { incident, files: fs } of serious) {
    io.err(`  ${incident.id} ${oneLine(incident.head.title)}: ${fs.join(', ')}`);
    const lesson = incident.record.learning?.lesson ?? incident.record.rootCause?.confirmed;
    if (lesson) io.err(`    ${oneLine(lesson)}`);
  }
  io.err(
    block
      ? 'incident-lens: push stopped (git config incident-lens.prePush block).'
      : 'incident-lens: pushing anyway (git config incident-lens.prePush block stops such pushes).',
  );
  return block ? 1 : 0;
}
