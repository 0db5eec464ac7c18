/**
 * What a change risks, as a deploy gate and a pull request see it: findings
 * (a changed file is linked to a past incident, an active one, or to a stale
 * rollback runbook), each placed on the linked symbol or the changed lines,
 * and a verdict with its reasons:
 *   NO-GO   the change touches code of an active incident, or of a P1 that
 *           started within `noGoP1Days` (default 90);
 *   CAUTION it touches code of any other linked incident, or a stale runbook;
 *   GO      it touches none.
 * The CLI prints it as text, JSON, SARIF 2.1.0, GitHub workflow annotations
 * or a Markdown pull request comment (formats in riskFormats.ts).
 */
import { findDeclaration } from '../links/declarations';
import { bySeverityThenRecency, type IncidentIndex } from '../index/incidentIndex';
import { oneLine } from '../present/summaries';
import { isRunbookStale, type Incident, type Runbook } from '../records/model';
import type { Priority } from '../records/schema';
import { priorityText } from '../records/schema';
import { TIME } from '../time/recordTime';

export type RiskRuleId =
  | 'incident-lens/edits-fix'
  | 'incident-lens/reverts-fix'
  | 'incident-lens/active-incident'
  | `incident-lens/linked-incident-${Lowercase<Priority>}`
  | 'incident-lens/stale-runbook'
  | RecordChangeFinding['rule'];
export type Verdict = 'GO' | 'CAUTION' | 'NO-GO';
export type Level = 'error' | 'warning' | 'note';

export interface Region {
  readonly startLine: number;
  readonly endLine: number;
}

export interface RiskFinding {
  readonly rule: RiskRuleId;
  readonly level: Level;
  readonly incident: Incident;
  readonly runbook?: Runbook;
  /** Repository-relative path of the changed file. */
  readonly file: string;
  /** 1-based lines: the linked symbol's declaration, the link's lines, or the first changed lines. */
  readonly region: Region;
  /** What the region stands on, for the fingerprint: `symbol:name`, `lines:12-30` or `file`. */
  readonly anchor: string;
  readonly message: string;
}

export interface RiskReport {
  readonly files: readonly string[];
  readonly findings: readonly RiskFinding[];
  readonly verdict: Verdict;
  readonly reasons: readonly string[];
  /** Incidents touched, most severe first (one entry each, with the files). */
  readonly incidents: ReadonlyArray<{ readonly incident: Incident; readonly files: readonly string[] }>;
  /** Records the change itself adds, edits or deletes (`--diff`; see recordChanges.ts). */
  readonly recordChanges?: readonly RecordChangeFinding[];
  /** The commit whose records judged the change, when they were read from git. */
  readonly base?: string;
}

/** A record the change adds, edits or deletes: the gate's own input changed, so a reviewer should look. */
export interface RecordChangeFinding {
  readonly rule: 'incident-lens/record-changed';
  readonly level: Level;
  /** The record's id, or its file when it has none. */
  readonly id: string;
  readonly change: 'added' | 'modified' | 'deleted' | 'unreadable';
  /** The record's file in the change (at the base when deleted). */
  readonly file: string;
  readonly region: Region;
  /** "link moved from a.ts to b.ts", "status active → resolved", … */
  readonly details: readonly string[];
  /** Trusting the change's version would relax the gate. */
  readonly weakens: boolean;
  readonly message: string;
}

export interface RiskOptions {
  readonly now: number;
  /** A P1 that started within this many days makes a change NO-GO (0: never). */
  readonly noGoP1Days?: number;
  readonly staleRunbookDays?: number;
  /** File text, to place a finding on the linked symbol's declaration. */
  readonly readText?: (file: string) => string | undefined;
  /** Changed line ranges per file (1-based, new side), from the diff; files without are "whole file". */
  readonly changedLines?: ReadonlyMap<string, readonly Region[]>;
  /** What the diff does to incidents' fixes (from git: src/node/git/fixLines.ts). */
  readonly fixTouches?: readonly FixTouch[];
}

/** A commit that fixed an incident (its record's or an action record's `commits` with role fix). */
export interface FixCommit {
  readonly incidentId: string;
  readonly sha: string;
}

export type FixTouch =
  | { readonly kind: 'edits-fix-lines'; readonly incidentId: string; readonly fixSha: string; readonly file: string; readonly region: Region }
  | { readonly kind: 'reverts-fix'; readonly incidentId: string; readonly fixSha: string; readonly by: string };

/** Every fix commit the records name. */
export function fixCommits(index: IncidentIndex): FixCommit[] {
  const out: FixCommit[] = [];
  for (const incident of index.incidents()) {
    for (const c of incident.commits) if (c.role === 'fix') out.push({ incidentId: incident.id, sha: c.sha });
    for (const a of index.actionRecordsOf(incident.id))
      for (const c of a.record.commits ?? []) if (c.role === 'fix') out.push({ incidentId: incident.id, sha: c.sha });
  }
  return out;
}

export const DEFAULT_NO_GO_P1_DAYS = 90;

const LEVEL_OF: Record<Priority, Level> = { P1: 'error', P2: 'error', P3: 'warning', P4: 'note' };

const byPriority = bySeverityThenRecency;

/** `index`: the workspace's, or several (its own and its record sources'): every link that applies to the files counts. */
export function assessRisk(indexes: IncidentIndex | readonly IncidentIndex[], files: readonly string[], options: RiskOptions): RiskReport {
  const all: readonly IncidentIndex[] = Array.isArray(indexes) ? indexes : [indexes as IncidentIndex];

  const noGoDays = options.noGoP1Days ?? DEFAULT_NO_GO_P1_DAYS;
  const findings: RiskFinding[] = [];
  const touched = new Map<string, { incident: Incident; files: Set<string> }>();
  for (const file of files) {
    const changed = options.changedLines?.get(file);
    const fallback: Region = changed?.[0] ?? { startLine: 1, endLine: 1 };
    const text = options.readText ? () => options.readText!(file) : () => undefined;
    let cachedText: string | undefined | null = null;
    const fileText = () => (cachedText === null ? (cachedText = text()) : cachedText);
    for (const [index, ref] of all.flatMap((ix) => ix.linksForFile(file).map((r) => [ix, r] as const))) {
      if (ref.record.kind !== 'incident') continue;
      const incident = ref.record;
      const entry = touched.get(incident.id) ?? { incident, files: new Set<string>() };
      entry.files.add(file);
      touched.set(incident.id, entry);
      let region = fallback;
      let anchor = 'file';
      if (ref.link.symbol) {
        const found = fileText() !== undefined ? findDeclaration(fileText()!, ref.link.symbol) : undefined;
        anchor = `symbol:${ref.link.symbol}`;
        if (found) region = { startLine: found.start.line + 1, endLine: found.end.line + 1 };
      } else if (ref.link.lines) {
        const [a, b] = ref.link.lines.split('-').map(Number);
        region = { startLine: a!, endLine: b ?? a! };
        anchor = `lines:${ref.link.lines}`;
      }
      const active = incident.head.status === 'active';
      const what = `${incident.id} (${priorityText(incident.head.priority)}${active ? ', active' : ''}) ${incident.head.title}`;
      const cause = oneLine(incident.record.rootCause?.confirmed ?? incident.record.rootCause?.initialHypothesis ?? '');
      findings.push({
        rule: active ? 'incident-lens/active-incident' : (`incident-lens/linked-incident-${(incident.head.priority ?? 'P4').toLowerCase()}` as RiskRuleId),
        level: active ? 'error' : LEVEL_OF[incident.head.priority ?? 'P4'],
        incident,
        file,
        region,
        anchor,
        message: `This change touches ${ref.link.symbol ? `${ref.link.symbol}, ` : ''}code linked to ${what}.${cause ? ` Root cause then: ${cause}` : ''}`,
      });
      for (const { runbook } of index.runbooksForIncident(incident)) {
        if (!isRunbookStale(runbook, options.now, options.staleRunbookDays ?? 90)) continue;
        if (findings.some((f) => f.rule === 'incident-lens/stale-runbook' && f.runbook?.id === runbook.id && f.file === file)) continue;
        findings.push({
          rule: 'incident-lens/stale-runbook',
          level: 'warning',
          incident,
          runbook,
          file,
          region,
          anchor: `runbook:${runbook.id}`,
          message: `The rollback procedure for this code, ${runbook.id} (${runbook.record.title}), ${runbook.lastVerified ? `was last verified ${Math.floor((options.now - runbook.lastVerified.ms) / TIME.DAY)} days ago` : 'has never been verified'}: try it before this change ships.`,
        });
      }
    }
  }
  // Fixes re-touched or reverted: the strongest warning there is, said first.
  const fixReasons: string[] = [];
  for (const t of options.fixTouches ?? []) {
    const incident = all.map((ix) => ix.byId(t.incidentId)).find((r) => r?.kind === 'incident');
    if (!incident || incident.kind !== 'incident') continue;
    const short = t.fixSha.slice(0, 7);
    const level: Level = LEVEL_OF[incident.head.priority ?? 'P4'] === 'note' ? 'warning' : 'error';
    const entry = touched.get(incident.id) ?? { incident, files: new Set<string>() };
    touched.set(incident.id, entry);
    if (t.kind === 'edits-fix-lines') {
      entry.files.add(t.file);
      const message = `This change edits lines that ${incident.id}'s fix ${short} added (${priorityText(incident.head.priority)} ${incident.head.title}): make sure it does not undo the fix.`;
      findings.push({
        rule: 'incident-lens/edits-fix',
        level,
        incident,
        file: t.file,
        region: t.region,
        anchor: `fix:${t.fixSha}:${t.region.startLine}`,
        message,
      });
      const reason = `edits lines that ${incident.id}'s fix ${short} added (${t.file})`;
      if (!fixReasons.some((r) => r.startsWith(`edits lines that ${incident.id}'s fix ${short}`))) fixReasons.push(reason);
    } else {
      const message = `Commit ${t.by.slice(0, 7)} reverts ${incident.id}'s fix ${short} (${priorityText(incident.head.priority)} ${incident.head.title}).`;
      findings.push({
        rule: 'incident-lens/reverts-fix',
        level: 'error',
        incident,
        file: incident.file,
        region: { startLine: 1, endLine: 1 },
        anchor: `revert:${t.fixSha}`,
        message,
      });
      fixReasons.push(`${t.by.slice(0, 7)} reverts ${incident.id}'s fix ${short}`);
    }
  }
  const incidents = [...touched.values()].sort((a, b) => byPriority(a.incident, b.incident)).map((t) => ({ incident: t.incident, files: [...t.files].sort() }));
  const reasons: string[] = [];
  let verdict: Verdict = 'GO';
  for (const { incident, files: fs } of incidents) {
    const recentP1 = incident.head.priority === 'P1' && noGoDays > 0 && incident.start && options.now - incident.start.ms <= noGoDays * TIME.DAY;
    if (incident.head.status === 'active') {
      verdict = 'NO-GO';
      reasons.push(`touches code of the active incident ${incident.id} (${fs.join(', ')})`);
    } else if (recentP1) {
      verdict = 'NO-GO';
      reasons.push(`touches code of ${incident.id}, a P1 within the last ${noGoDays} days (${fs.join(', ')})`);
    } else {
      if (verdict === 'GO') verdict = 'CAUTION';
      reasons.push(`touches code of ${incident.id} (${priorityText(incident.head.priority)}, ${incident.head.status}) (${fs.join(', ')})`);
    }
  }
  if (fixReasons.length) {
    if (verdict === 'GO') verdict = 'CAUTION';
    if (fixReasons.some((r) => / reverts /.test(r))) verdict = 'NO-GO';
    reasons.unshift(...fixReasons);
  }
  const stale = [...new Set(findings.filter((f) => f.runbook).map((f) => f.runbook!.id))];
  if (stale.length) {
    if (verdict === 'GO') verdict = 'CAUTION';
    reasons.push(`its rollback runbook${stale.length === 1 ? ' is' : 's are'} stale: ${stale.join(', ')}`);
  }
  if (verdict === 'GO')
    reasons.push(files.length ? `no past incident is linked to the ${files.length} changed file${files.length === 1 ? '' : 's'}` : 'no files changed');
  const order: Record<Level, number> = { error: 0, warning: 1, note: 2 };
  const fixFirst = (f: RiskFinding) => (f.rule === 'incident-lens/reverts-fix' || f.rule === 'incident-lens/edits-fix' ? 0 : 1);
  findings.sort(
    (a, b) =>
      fixFirst(a) - fixFirst(b) ||
      order[a.level] - order[b.level] ||
      byPriority(a.incident, b.incident) ||
      a.file.localeCompare(b.file) ||
      a.region.startLine - b.region.startLine,
  );
  return { files, findings, verdict, reasons, incidents };
}
