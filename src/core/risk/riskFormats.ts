/**
 * A risk report where reviewers look: SARIF 2.1.0 for GitHub code scanning,
 * workflow-command annotations for any GitHub Actions run, and a Markdown
 * pull request comment (stable, so a bot can update one sticky comment).
 */
import { INFORMATION_URI, sarifLocation, sarifLog } from './sarifLog';
import { mdCell, mdCode, mdFence, mdInline } from '../present/markdownText';
import { quietMentions } from '../trust/mentions';
import type { Level, RecordChangeFinding, RiskFinding, RiskReport, RiskRuleId } from './assessRisk';
import { priorityText } from '../records/schema';

export { INFORMATION_URI } from './sarifLog';
/** The first line of the Markdown comment: a bot finds its own comment by it. */
export const COMMENT_MARKER = '<!-- incident-lens:risk -->';

const RULES: Record<RiskRuleId, { name: string; short: string; full: string }> = {
  'incident-lens/edits-fix': {
    name: 'EditsIncidentFix',
    short: "Change to lines an incident's fix added",
    full: "The change edits lines that an incident's fix commit wrote (git blame at the merge base): check that it does not undo the fix.",
  },
  'incident-lens/reverts-fix': {
    name: 'RevertsIncidentFix',
    short: "Revert of an incident's fix",
    full: 'A commit in the change reverts a commit the incident record names as its fix.',
  },
  'incident-lens/active-incident': {
    name: 'ActiveIncident',
    short: 'Change to code of an active incident',
    full: 'The change touches code linked to an incident that is still active: it may change what responders are looking at, or ship while the cause is not understood.',
  },
  'incident-lens/linked-incident-p1': {
    name: 'LinkedIncidentP1',
    short: 'Change to code of a past P1 incident',
    full: 'The change touches code linked to a past P1 incident (full outage). Read its root cause and apply its learning.',
  },
  'incident-lens/linked-incident-p2': {
    name: 'LinkedIncidentP2',
    short: 'Change to code of a past P2 incident',
    full: 'The change touches code linked to a past P2 incident (critical feature broken). Read its root cause and apply its learning.',
  },
  'incident-lens/linked-incident-p3': {
    name: 'LinkedIncidentP3',
    short: 'Change to code of a past P3 incident',
    full: 'The change touches code linked to a past P3 incident (important feature degraded).',
  },
  'incident-lens/linked-incident-p4': {
    name: 'LinkedIncidentP4',
    short: 'Change to code of a past P4 incident',
    full: 'The change touches code linked to a past P4 incident (minor issue).',
  },
  'incident-lens/stale-runbook': {
    name: 'StaleRollbackRunbook',
    short: 'Rollback runbook not verified recently',
    full: 'The rollback procedure for this code has not been tried recently: verify it before the change ships.',
  },
  'incident-lens/record-changed': {
    name: 'IncidentRecordChanged',
    short: 'Incident record changed in this change',
    full: "The change adds, edits or deletes an incident record, which is what this check reads. The change is judged by the records as they are at the base, so it cannot relax its own verdict; a reviewer should still read the record change (a link moved, a status or priority changed, a record deleted) before it merges. A warning when the change's version would relax the check, a note otherwise.",
  },
};

/** Each rule's level unless a result says otherwise. */
const DEFAULT_LEVEL: Record<RiskRuleId, Level> = {
  'incident-lens/edits-fix': 'error',
  'incident-lens/reverts-fix': 'error',
  'incident-lens/active-incident': 'error',
  'incident-lens/linked-incident-p1': 'error',
  'incident-lens/linked-incident-p2': 'error',
  'incident-lens/linked-incident-p3': 'warning',
  'incident-lens/linked-incident-p4': 'note',
  'incident-lens/stale-runbook': 'warning',
  'incident-lens/record-changed': 'warning',
};

/** FNV-1a, 64 bits, as hex: a stable fingerprint without Node's crypto (core stays portable). */
function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) h = BigInt.asUintN(64, (h ^ BigInt(byte)) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
}

/** Same rule, incident, file and anchor (symbol, lines or file) → same fingerprint across runs and line shifts. */
export function fingerprint(f: RiskFinding): string {
  return fnv1a64([f.rule, f.incident.id, f.runbook?.id ?? '', f.file, f.anchor].join('\u0000'));
}

/** Help shown with a result: the incident's root cause, learning and prompt template, rendered literally. */
function helpMarkdown(f: RiskFinding): string {
  const r = f.incident.record;
  const parts = [`**${f.incident.id} — ${mdInline(r.title)}** (${priorityText(r.priority)}, ${r.status})`];
  const cause = r.rootCause?.confirmed ?? r.rootCause?.initialHypothesis;
  if (cause) parts.push(`**Root cause:** ${mdInline(cause)}`);
  if (r.learning?.lesson) parts.push(`**Learning:** ${mdInline(r.learning.lesson)}`);
  if (r.learning?.promptTemplate) parts.push(`**Prompt template:**\n\n${mdFence(r.learning.promptTemplate.trim())}`);
  if (f.runbook) parts.push(`**Rollback runbook:** ${mdCode(f.runbook.id)} — ${mdInline(f.runbook.record.title)}`);
  return parts.join('\n\n');
}

function helpText(f: RiskFinding): string {
  const r = f.incident.record;
  return [
    `${f.incident.id} — ${r.title}`,
    r.rootCause?.confirmed && `Root cause: ${r.rootCause.confirmed}`,
    r.learning?.lesson && `Learning: ${r.learning.lesson}`,
  ]
    .filter(Boolean)
    .join('\n')
    .replace(/[ \t]+/g, ' ');
}

/** Same record, kind of change, file and details → same fingerprint. */
export function recordChangeFingerprint(c: RecordChangeFinding): string {
  return fnv1a64([c.rule, c.id, c.change, c.file, ...c.details].join('\u0000'));
}

function recordChangeResult(c: RecordChangeFinding, ruleIndex: number, base: string | undefined) {
  return {
    ruleId: c.rule,
    ruleIndex,
    level: c.level,
    message: { text: c.message, markdown: mdInline(c.message) },
    locations: [sarifLocation(c.file, { startLine: c.region.startLine, endLine: c.region.endLine })],
    partialFingerprints: { 'incidentLens/v1': recordChangeFingerprint(c) },
    properties: { record: c.id, change: c.change, weakensGate: c.weakens, details: c.details, ...(base ? { base } : {}) },
  };
}

export function riskSarif(report: RiskReport, toolVersion: string): object {
  const rules = (Object.keys(RULES) as RiskRuleId[]).map((id) => ({
    id,
    name: RULES[id].name,
    shortDescription: { text: RULES[id].short },
    fullDescription: { text: RULES[id].full },
    helpUri: INFORMATION_URI,
    help: { text: RULES[id].full, markdown: RULES[id].full },
    defaultConfiguration: { level: DEFAULT_LEVEL[id] },
  }));
  return sarifLog({
    automationId: 'incident-lens/risk/',
    toolVersion,
    rules,
    results: [
      ...report.findings.map((f) => ({
        ruleId: f.rule,
        ruleIndex: rules.findIndex((r) => r.id === f.rule),
        level: f.level,
        message: { text: f.message, markdown: `${mdInline(f.message)}\n\n${helpMarkdown(f)}` },
        locations: [sarifLocation(f.file, { startLine: f.region.startLine, endLine: f.region.endLine })],
        partialFingerprints: { 'incidentLens/v1': fingerprint(f) },
        properties: {
          incident: f.incident.id,
          priority: f.incident.head.priority,
          status: f.incident.head.status,
          ...(f.runbook ? { runbook: f.runbook.id } : {}),
          help: helpText(f),
        },
      })),
      ...(report.recordChanges ?? []).map((c) =>
        recordChangeResult(
          c,
          rules.findIndex((r) => r.id === c.rule),
          report.base,
        ),
      ),
    ],
    properties: { verdict: report.verdict, reasons: report.reasons, ...(report.base ? { base: report.base } : {}) },
  });
}

/** GitHub's escaping for a workflow command's data (the message). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's escaping for a workflow command's properties (file, title). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND: Record<Level, string> = { error: 'error', warning: 'warning', note: 'notice' };

/** GitHub shows about ten annotations of each type per step; more are cut, so the most severe go first and the count is said. */
export const ANNOTATIONS_PER_TYPE = 10;

export function riskGithub(report: RiskReport): string {
  const lines: string[] = [];
  const shown: Record<Level, number> = { error: 0, warning: 0, note: 0 };
  for (const f of report.findings) {
    if (shown[f.level] >= ANNOTATIONS_PER_TYPE) continue;
    shown[f.level]++;
    const title = `${f.incident.id} ${priorityText(f.incident.head.priority)}${f.runbook ? ` · ${f.runbook.id}` : ''}`;
    lines.push(
      `::${COMMAND[f.level]} file=${escapeProperty(f.file)},line=${f.region.startLine},endLine=${f.region.endLine},title=${escapeProperty(title)}::${escapeData(`${f.message}\n${helpText(f)}`)}`,
    );
  }
  for (const c of report.recordChanges ?? []) {
    if (shown[c.level] >= ANNOTATIONS_PER_TYPE) continue;
    shown[c.level]++;
    lines.push(
      `::${COMMAND[c.level]} file=${escapeProperty(c.file)},line=${c.region.startLine},endLine=${c.region.endLine},title=${escapeProperty(`${c.id} record ${c.change}`)}::${escapeData(c.message)}`,
    );
  }
  const total = report.findings.length + (report.recordChanges?.length ?? 0);
  const kept = shown.error + shown.warning + shown.note;
  lines.push(
    `Incident Lens: ${report.verdict} — ${report.reasons.join('; ')}. ${kept} of ${total} finding${total === 1 ? '' : 's'} annotated${kept < total ? ` (GitHub shows ${ANNOTATIONS_PER_TYPE} per type; the rest are in the SARIF and text output)` : ''}.`,
  );
  return lines.join('\n');
}

const VERDICT_ICON = { GO: '✅', CAUTION: '⚠️', 'NO-GO': '⛔' } as const;

/** The records the change edits, for the reviewer: the check reads them, so their edits need a person's eyes. */
function recordChangesMarkdown(report: RiskReport): string[] {
  const changes = report.recordChanges ?? [];
  if (!changes.length) return [];
  const out = [
    '### Incident records changed in this change',
    '',
    `Judged by the records at the base${report.base ? ` (${mdCode(report.base.slice(0, 7))})` : ''}; check these edits before merging.`,
    '',
  ];
  for (const c of changes)
    out.push(`- ${c.weakens ? '**Would relax the check:** ' : ''}${mdCode(c.id)} ${c.change} (${mdCode(c.file)}): ${c.details.map(mdInline).join('; ')}`);
  out.push('');
  return out;
}

/** A pull request comment body; the same report gives the same text (sticky comment). */
export function riskMarkdown(report: RiskReport): string {
  const out = [COMMENT_MARKER, `## ${VERDICT_ICON[report.verdict]} Incident Lens: ${report.verdict}`, '', ...report.reasons.map((r) => `- ${mdInline(r)}`), ''];
  out.push(...recordChangesMarkdown(report));
  if (!report.incidents.length) return quietMentions(out.join('\n'));
  out.push('| Incident | Priority | Status | Files touched | Root cause |', '| --- | --- | --- | --- | --- |');
  for (const { incident, files } of report.incidents) {
    const r = incident.record;
    out.push(
      `| ${incident.id} ${mdCell(r.title)} | ${priorityText(r.priority)} | ${r.status} | ${files.map((f) => mdCode(f)).join(', ')} | ${mdCell(r.rootCause?.confirmed ?? r.rootCause?.initialHypothesis ?? '—')} |`,
    );
  }
  out.push('');
  for (const { incident } of report.incidents) {
    const r = incident.record;
    if (!r.learning?.lesson && !r.learning?.promptTemplate) continue;
    out.push(`### ${incident.id}: what it taught`, '');
    if (r.learning.lesson) out.push(mdInline(r.learning.lesson), '');
    if (r.learning.promptTemplate) out.push('Prompt template:', '', mdFence(r.learning.promptTemplate.trim()), '');
  }
  const runbooks = [...new Map(report.findings.filter((f) => f.runbook).map((f) => [f.runbook!.id, f.runbook!])).values()];
  if (runbooks.length)
    out.push('### Rollback runbooks', '', ...runbooks.map((rb) => `- ${mdCode(rb.id)} — ${mdInline(rb.record.title)} (${rb.record.steps.length} steps)`), '');
  // Record text must not ping people from the comment: a mention outside code goes into a code span.
  return quietMentions(out.join('\n'));
}

/** The text format's lines for the records the change edits (after the verdict and the incidents). */
export function recordChangeLines(report: RiskReport): string[] {
  const changes = report.recordChanges ?? [];
  if (!changes.length) return [];
  const head = `records changed in this change (the verdict reads them as they are at the base${report.base ? ` ${report.base.slice(0, 7)}` : ''}):`;
  return [head, ...changes.map((c) => `   ${c.level === 'warning' ? 'warning' : 'note   '} ${c.id} ${c.change} (${c.file}): ${c.details.join('; ')}`)];
}
