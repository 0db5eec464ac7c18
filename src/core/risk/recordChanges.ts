/**
 * The records a change edits, as the gate sees them. `risk --diff BASE` reads
 * records to judge code: a pull request that could edit those records could
 * also edit its own verdict (move an active incident's link off the file it
 * changes, flip the status, delete the record, break its YAML). So the change
 * is judged by the records as they are at the base, and every record the
 * change adds, edits or deletes is a finding of its own, for the reviewer:
 *
 *   weakens  the change's version would relax the gate if it were trusted
 *            (a link gone or moved, status no longer active, priority lowered,
 *            a P1's start moved, a fix commit or runbook unnamed, a runbook's
 *            lastVerified changed, the record deleted or unreadable): warning,
 *            and the verdict is at least CAUTION;
 *   else     a note (an edit the gate does not read, a new record).
 *
 * A record added in the change is not at the base: it never relaxes anything,
 * but its links count like any record's (the checker indexes the new records
 * beside the base's), so it can only make the verdict stricter.
 */
import type { IncidentIndex } from '../index/incidentIndex';
import type { IndexedRecord } from '../records/model';
import { oneLine } from '../present/summaries';
import type { RecordChangeFinding, Region, RiskReport } from './assessRisk';
import { priorityRank, type CodeLink, priorityText } from '../records/schema';

interface Detail {
  readonly text: string;
  readonly weakens: boolean;
}

const FIRST_LINE: Region = { startLine: 1, endLine: 1 };

export function linkLabel(link: CodeLink): string {
  const where = `${link.repo ? `${link.repo}:` : ''}${link.path}${link.symbol ? `#${link.symbol}` : link.lines ? `:${link.lines}` : ''}`;
  return oneLine(where);
}

/** Records the changed files add, edit or delete, base against head (the working tree), by id: a renamed file is an edit, not a deletion. */
export function recordChanges(base: IncidentIndex, head: IncidentIndex, changedFiles: readonly string[]): RecordChangeFinding[] {
  const paths = changedFiles.filter((p) => head.owns(p));
  const ids = new Set<string>();
  const out: RecordChangeFinding[] = [];
  for (const p of paths) {
    const b = base.parsed(p)?.record;
    const h = head.parsed(p)?.record;
    if (b) ids.add(b.id);
    if (h) ids.add(h.id);
    const parsed = head.parsed(p);
    if (!b && !h && parsed)
      out.push(
        finding(p, 'unreadable', p, regionOf(head, p, 'id'), [{ text: `a new file that is not a readable record (${firstError(head, p)})`, weakens: false }]),
      );
  }
  for (const id of [...ids].sort()) {
    const b = base.byId(id);
    const h = paths.map((p) => head.parsed(p)?.record).find((r) => r?.id === id) ?? head.byId(id);
    if (!b) out.push(added(h!, head));
    else if (!h) out.push(gone(b, head));
    else out.push(edited(b, h, head));
  }
  const rank = (c: RecordChangeFinding) => (c.weakens ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id, undefined, { numeric: true }) || a.file.localeCompare(b.file));
}

function added(h: IndexedRecord, head: IncidentIndex): RecordChangeFinding {
  const what =
    h.kind === 'incident'
      ? `incident, ${[h.head.priority, h.head.status].filter(Boolean).join(', ')}`
      : h.kind === 'action'
        ? `action record of ${h.record.incident}`
        : 'runbook';
  const links = h.links.length ? `, links ${h.links.map(linkLabel).join(', ')}` : '';
  return finding(h.id, 'added', h.file, regionOf(head, h.file, h.links.length ? 'links[0].path' : 'id'), [
    { text: `new record (${what}${links}); not at the base, so it can only make the verdict stricter`, weakens: false },
  ]);
}

function gone(b: IndexedRecord, head: IncidentIndex): RecordChangeFinding {
  const now = head.parsed(b.file);
  if (now?.record)
    return finding(b.id, 'modified', b.file, regionOf(head, b.file, 'id'), [
      { text: `id changed from ${b.id} to ${now.record.id} (the record ${b.id} is gone)`, weakens: true },
    ]);
  if (now)
    return finding(b.id, 'unreadable', b.file, regionOf(head, b.file, 'id'), [
      { text: `no longer a readable record (${firstError(head, b.file)})`, weakens: true },
    ]);
  return finding(b.id, 'deleted', b.file, FIRST_LINE, [{ text: 'record deleted', weakens: true }]);
}

function edited(b: IndexedRecord, h: IndexedRecord, head: IncidentIndex): RecordChangeFinding {
  const details: Detail[] = [];
  if (h.file !== b.file) {
    const duplicate = head.parsed(b.file)?.record?.id === b.id;
    details.push(
      duplicate
        ? { text: `a second record with this id in ${h.file} (duplicate id; the base's ${b.file} decides)`, weakens: true }
        : { text: `file moved from ${b.file} to ${h.file}`, weakens: false },
    );
  }
  details.push(...compare(b, h));
  if (!details.length) details.push({ text: 'edited; nothing the gate reads changed', weakens: false });
  const firstAdded = h.links.findIndex((l) => !b.links.some((x) => sameLink(x, l)));
  return finding(b.id, 'modified', h.file, regionOf(head, h.file, firstAdded >= 0 ? `links[${firstAdded}].path` : 'id'), details);
}

function sameLink(a: CodeLink, b: CodeLink): boolean {
  return a.path === b.path && a.symbol === b.symbol && a.lines === b.lines && a.repo === b.repo;
}

function compare(b: IndexedRecord, h: IndexedRecord): Detail[] {
  const out: Detail[] = [];
  if (b.kind !== h.kind) out.push({ text: `kind ${b.kind} → ${h.kind}`, weakens: true });
  const removed = b.links.filter((l) => !h.links.some((x) => sameLink(x, l)));
  const addedLinks = h.links.filter((l) => !b.links.some((x) => sameLink(x, l)));
  if (removed.length === 1 && addedLinks.length === 1)
    out.push({ text: `link moved from ${linkLabel(removed[0]!)} to ${linkLabel(addedLinks[0]!)}`, weakens: true });
  else {
    if (removed.length) out.push({ text: `link${removed.length === 1 ? '' : 's'} removed: ${removed.map(linkLabel).join(', ')}`, weakens: true });
    if (addedLinks.length) out.push({ text: `link${addedLinks.length === 1 ? '' : 's'} added: ${addedLinks.map(linkLabel).join(', ')}`, weakens: false });
  }
  if (b.kind === 'incident' && h.kind === 'incident') {
    if (b.head.status !== h.head.status) out.push({ text: `status ${b.head.status} → ${h.head.status}`, weakens: b.head.status === 'active' });
    if (b.head.priority !== h.head.priority)
      out.push({
        text: `priority ${priorityText(b.head.priority)} → ${priorityText(h.head.priority)}`,
        weakens: priorityRank(h.head.priority) > priorityRank(b.head.priority),
      });
    if (b.start?.ms !== h.start?.ms) out.push({ text: `start ${b.record.start ?? 'none'} → ${h.record.start ?? 'none'}`, weakens: b.head.priority === 'P1' });
    out.push(...unnamed('runbook', b.record.runbooks ?? [], h.record.runbooks ?? []));
  }
  if (b.kind === 'action' && h.kind === 'action' && b.record.incident !== h.record.incident)
    out.push({ text: `incident ${b.record.incident} → ${h.record.incident}`, weakens: true });
  if (b.kind === 'runbook' && h.kind === 'runbook') {
    if (b.record.lastVerified !== h.record.lastVerified)
      out.push({ text: `lastVerified ${b.record.lastVerified ?? 'none'} → ${h.record.lastVerified ?? 'none'}`, weakens: true });
    if (b.record.system !== h.record.system) out.push({ text: `system ${b.record.system ?? 'none'} → ${h.record.system ?? 'none'}`, weakens: true });
  }
  if (b.kind !== 'runbook' && h.kind !== 'runbook') out.push(...unnamed('fix commit', fixes(b), fixes(h)));
  return out.map((d) => ({ ...d, text: oneLine(d.text) }));
}

function fixes(r: IndexedRecord): string[] {
  const commits = r.kind === 'incident' ? r.commits : r.kind === 'action' ? (r.record.commits ?? []) : [];
  return commits.filter((c) => c.role === 'fix').map((c) => c.sha.slice(0, 7));
}

function unnamed(what: string, before: readonly string[], after: readonly string[]): Detail[] {
  const gone = before.filter((x) => !after.includes(x));
  return gone.length ? [{ text: `${what}${gone.length === 1 ? '' : 's'} no longer named: ${gone.join(', ')}`, weakens: true }] : [];
}

function firstError(index: IncidentIndex, file: string): string {
  const d = index.parsed(file)?.diagnostics.find((x) => x.severity === 'error');
  return d ? oneLine(`${d.field ? `${d.field}: ` : ''}${d.message}`) : 'no record in it';
}

function regionOf(index: IncidentIndex, file: string, anchor: string): Region {
  const range = index.parsed(file)?.anchors.get(anchor);
  return range ? { startLine: range.start.line + 1, endLine: range.end.line + 1 } : FIRST_LINE;
}

function finding(id: string, change: RecordChangeFinding['change'], file: string, region: Region, details: readonly Detail[]): RecordChangeFinding {
  const weakens = details.some((d) => d.weakens);
  const texts = details.map((d) => d.text);
  const judged = change === 'added' ? '' : ' The gate judges this change by the record as it is at the base.';
  return {
    rule: 'incident-lens/record-changed',
    level: weakens ? 'warning' : 'note',
    id,
    change,
    file,
    region,
    details: texts,
    weakens,
    message: `Incident record ${id} changed in this change: ${texts.join('; ')}.${judged}`,
  };
}

/** What the base said about the records folder, for the reasons. */
export interface BaseRecords {
  readonly commit: string;
  readonly folder: string;
  readonly hasFolder: boolean;
}

/**
 * The report with the record changes: a change that edits records the gate
 * reads in a way that would relax it is at least CAUTION, with a reason
 * naming each; a base without the records folder is said.
 */
export function withRecordChanges(report: RiskReport, changes: readonly RecordChangeFinding[], base: BaseRecords): RiskReport {
  const reasons = [...report.reasons];
  let verdict = report.verdict;
  const short = base.commit.slice(0, 7);
  if (!base.hasFolder)
    reasons.push(`the base ${short} has no ${base.folder} folder: every record here is new in this change and can only make the verdict stricter`);
  const weakening = changes.filter((c) => c.weakens);
  if (weakening.length) {
    if (verdict === 'GO') verdict = 'CAUTION';
    reasons.push(
      `edits records the gate reads (judged as they are at the base ${short}): ${weakening.map((c) => `${c.id} ${c.details.filter(Boolean).join(', ')}`).join('; ')}`,
    );
  }
  const others = changes.filter((c) => !c.weakens);
  if (others.length && base.hasFolder)
    reasons.push(`also changes record${others.length === 1 ? '' : 's'} ${others.map((c) => `${c.id} (${c.change})`).join(', ')}`);
  return { ...report, verdict, reasons, recordChanges: changes, base: base.commit };
}
