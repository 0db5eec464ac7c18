/** incident-lens suggest ID: code links and commits from git history (core/git/suggestCommits.ts). */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { applyEdits } from '../../core/records/yamlEdit';
import { acceptOps, selectSuggestions, suggestFromHistory, type Suggestions } from '../../core/git/suggestCommits';
import { shortSha } from '../../core/git/gitHistoryPort';
import type { Incident } from '../../core/records/model';
import { formatInstant } from '../../core/time/recordTime';
import { DEFAULT_INCIDENTS_FOLDER } from '../../core/index/incidentIndex';
import { ProcessGitHistory } from '../../node/git/gitHistory';
import { readDeployLog } from '../../node/git/readDeployLog';
import { DEPLOY_LOG_PATH, formatDeployLogError } from '../../core/git/deployLogFormat';
import { json, now, openIndex, parse, requireIncident, UsageError, workspaceRoot, type Io } from '../common';

function linkText(l: { path: string; symbol?: string; lines?: string }): string {
  return `${l.path}${l.symbol ? `#${l.symbol}` : ''}${l.lines ? `:${l.lines}` : ''}`;
}

function text(incident: Incident, s: Suggestions, minScore: number | undefined): string {
  const offset = incident.start?.offsetMinutes ?? 0;
  const when = (ms: number) => formatInstant({ ms, offsetMinutes: offset }).slice(0, 16).replace('T', ' ');
  const pick = selectSuggestions(s, minScore);
  const out = [`${incident.id} ${incident.head.title}: suggestions from git history`, ''];
  out.push(s.commits.length ? 'Commits (✓ = what --apply writes):' : 'Commits: none found.');
  for (const c of s.commits) {
    const mark = c.onRecord ? '=' : pick.commits.includes(c) ? '✓' : ' ';
    out.push(
      `  ${mark} ${c.score.toFixed(2)}  ${c.role.padEnd(7)} ${shortSha(c.sha)}  ${c.subject}  (${c.author}, ${when(c.committedMs)})${c.onRecord ? '  [on the record]' : ''}`,
    );
    for (const r of c.reasons) out.push(`              ${r}`);
  }
  out.push('', s.links.length ? 'Code links (✓ = what --apply writes):' : 'Code links: none to add.');
  for (const l of s.links) out.push(`  ${pick.links.includes(l) ? '✓' : ' '} ${l.score.toFixed(2)}  ${linkText(l.link)}\n              ${l.reason}`);
  for (const n of s.notes) out.push('', `note: ${n}`);
  return out.join('\n');
}

export async function suggest(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    apply: { type: 'boolean' },
    'min-score': { type: 'string' },
    'window-hours': { type: 'string' },
    deploys: { type: 'string' },
    environment: { type: 'string' },
  });
  const minScore = values['min-score'] === undefined ? undefined : Number(values['min-score']);
  if (minScore !== undefined && !(minScore >= 0 && minScore <= 1))
    throw new UsageError(`--min-score must be a number from 0 to 1, got "${values['min-score']}"`);
  const windowHours = values['window-hours'] === undefined ? undefined : Number(values['window-hours']);
  if (windowHours !== undefined && !(windowHours > 0)) throw new UsageError(`--window-hours must be a positive number, got "${values['window-hours']}"`);
  const root = workspaceRoot(values);
  const index = await openIndex(root, values.folder);
  const record = requireIncident(index, positionals[0]);
  if (record.kind !== 'incident') throw new UsageError(`${record.id} is not an incident: suggest works on incidents (INC-…)`);
  const git = await ProcessGitHistory.open(root);
  if (!git) throw new UsageError(`${root} is not inside a git repository with commits: suggestions come from its history`);
  // The deploy log is repository input: read as data, its problems reported as notes with their position.
  const deployLog = await readDeployLog(root, values.deploys ?? DEPLOY_LOG_PATH);
  if (values.deploys && !deployLog) throw new UsageError(`--deploys ${values.deploys}: no such file`);
  const found = await suggestFromHistory(record, index.actionRecordsOf(record.id), git, {
    now: now(),
    recordsFolder: values.folder ?? DEFAULT_INCIDENTS_FOLDER,
    ...(windowHours ? { windowHours } : {}),
    ...(deployLog ? { deploys: deployLog.deploys } : {}),
    ...(values.environment ? { environment: values.environment } : {}),
  });
  const s = { ...found, notes: [...(deployLog?.errors ?? []).map((e) => `deploy log: ${formatDeployLogError(e)}`), ...found.notes] };
  const pick = selectSuggestions(s, minScore);
  let written: { file: string; links: number; commits: number } | undefined;
  if (values.apply) {
    const ops = acceptOps(
      record,
      pick.links.map((l) => l.link),
      pick.commits,
    );
    if (ops.length) {
      const file = path.join(root, record.file);
      const before = await fs.readFile(file, 'utf8');
      const result = applyEdits(before, ops);
      if (!result.ok) throw new UsageError(`${record.file}: not written: ${result.error}`);
      await fs.writeFile(file, result.text);
    }
    written = { file: record.file, links: ops.filter((o) => o.path[0] === 'links').length, commits: ops.filter((o) => o.path[0] === 'commits').length };
  }
  if (values.json) {
    json(io, {
      id: record.id,
      ...s,
      selected: { commits: pick.commits.map((c) => c.sha), links: pick.links.map((l) => l.link) },
      ...(written ? { written } : {}),
    });
  } else {
    io.out(text(record, s, minScore));
    if (written)
      io.out(
        `\n${
          written.links || written.commits
            ? `wrote ${written.links} link(s) and ${written.commits} commit(s) to ${written.file}`
            : pick.links.length || pick.commits.length
              ? `nothing to write: ${written.file} already holds every selected suggestion`
              : `nothing written: nothing is selected; choose with --min-score X (the scores are listed above) or accept them one by one in VS Code (Suggest Code Links)`
        }`,
      );
  }
  return 0;
}
