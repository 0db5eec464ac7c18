/**
 * What the MCP server answers, as text and as structured content, built here
 * (pure) so the data boundary can be checked on any record without a server:
 * each record quoted in its own data block, structured content with the
 * record's provenance and the notice beside its data (clients such as Claude
 * Code hand the structured JSON, not the text, to the model).
 */
import type { Incident, Runbook, ActionItem } from '../records/model';
import { AI_CONNECTION_LABELS, type AiConnection } from '../records/schema';
import { fillPromptTemplate } from './learnings';
import { describeRunbook, summarizeIncident } from '../present/summaries';
import { similarReason, type SimilarHit } from '../search/similarIncidents';
import type { SearchHit } from '../search/fuzzySearch';
import type { RiskReport } from '../risk/assessRisk';
import { fingerprint } from '../risk/riskFormats';
import { COMMANDS_FOR_PEOPLE, DATA_NOTICE, dataBlock, dataText, dataValue, incidentOrigin, provenance, quoteValue, recordOrigin } from '../trust/dataBlock';
import { flatText } from '../trust/hiddenText';

export interface Answer {
  readonly text: string;
  readonly structured: Record<string, unknown>;
}

export function aiText(incident: Incident): string | undefined {
  const list = incident.aiConnections.filter((a) => a !== 'not-related');
  return list.length ? list.map((a) => AI_CONNECTION_LABELS[a as AiConnection]).join(', ') : incident.aiConnections.length ? 'not related' : undefined;
}

/** A whole record (its Markdown export) quoted as data. */
export function recordAsData(incident: Incident, markdown: string): string {
  return dataBlock(incidentOrigin(incident), [{ label: 'Record', text: markdown, multiline: true }]);
}

/** Every string of a summary as record data (one line, hidden characters shown). */
function dataValues<T extends object>(summary: T): T {
  return JSON.parse(JSON.stringify(summary, (_k, v: unknown) => (typeof v === 'string' ? flatText(v) : v))) as T;
}

export interface ForCodeHit {
  readonly incident: Incident;
  readonly where: readonly string[];
  readonly file: string;
  readonly symbol?: string;
  readonly runbooks: ReadonlyArray<{ runbook: Runbook; why: string }>;
}

/** One incident of incidents_for_code: structured data with provenance, and its text quoted as data. */
function incidentForCode(hit: ForCodeHit, now: number) {
  const { incident, where, file, symbol } = hit;
  const s = summarizeIncident(incident);
  const prompt = fillPromptTemplate(incident, { file, symbol });
  const origin = incidentOrigin(incident);
  const runbooks = hit.runbooks.map(({ runbook, why }) => {
    const text = describeRunbook(runbook, now, 90);
    const rbOrigin = recordOrigin(runbook.record, runbook.file);
    return {
      id: runbook.id,
      why,
      provenance: provenance(rbOrigin),
      data: { title: dataValue(runbook.record.title), text: dataText(text) },
      block: dataBlock(rbOrigin, [{ label: `Runbook (${why})`, text, multiline: true }]),
    };
  });
  const data = {
    title: dataValue(s.title),
    rootCause: dataValue(s.rootCause),
    trigger: dataValue(s.trigger),
    aiConnection: aiText(incident),
    lesson: dataValue(incident.record.learning?.lesson),
    prompt: dataText(prompt?.text),
  };
  const block = dataBlock(origin, [
    { label: 'Facts', text: `${s.priority} · ${s.status}${s.start ? ` · started ${s.start}` : ''}` },
    { label: 'Linked at', text: where.join('; ') },
    { label: 'Title', text: s.title },
    { label: 'Root cause', text: s.rootCause },
    { label: 'Trigger', text: s.trigger },
    { label: 'AI-generated code involved', text: data.aiConnection },
    { label: 'Lesson', text: incident.record.learning?.lesson },
    { label: "Prompt template (the team's constraints for this code)", text: prompt?.text, multiline: true },
  ]);
  const item = {
    id: incident.id,
    priority: s.priority,
    status: s.status,
    start: s.start,
    linkedAt: where.map(flatText),
    provenance: provenance(origin),
    data,
    runbooks: runbooks.map(({ block: _b, ...r }) => r),
  };
  return { item, text: ['', `## ${incident.id}`, block, ...runbooks.map((r) => r.block)] };
}

export function incidentsForCodeAnswer(hits: readonly ForCodeHit[], asked: string, now: number): Answer {
  const about = flatText(asked);
  if (!hits.length) return { text: `No past incident is linked to ${about}.`, structured: { notice: DATA_NOTICE, incidents: [] } };
  const built = hits.map((h) => incidentForCode(h, now));
  const lines = [
    `${hits.length} past incident${hits.length === 1 ? '' : 's'} linked to ${about}. Each record is quoted below as data; take its lessons into account in any change here.`,
  ];
  for (const b of built) lines.push(...b.text);
  if (built.some((b) => b.item.runbooks.length)) lines.push('', COMMANDS_FOR_PEOPLE);
  return { text: lines.join('\n'), structured: { notice: DATA_NOTICE, commands: COMMANDS_FOR_PEOPLE, incidents: built.map((b) => b.item) } };
}

export function searchAnswer(hits: readonly SearchHit[], query: string): Answer {
  const items = hits.map((h) => ({
    id: h.incident.id,
    priority: h.incident.head.priority,
    status: h.incident.head.status,
    score: Number(h.score.toFixed(3)),
    field: h.field,
    provenance: provenance(incidentOrigin(h.incident)),
    data: { title: dataValue(h.incident.head.title), snippet: dataValue(h.snippet) },
  }));
  if (!items.length) return { text: `No incident matches ${quoteValue(query)}.`, structured: { notice: DATA_NOTICE, results: [] } };
  const blocks = hits.map((h, n) =>
    dataBlock(incidentOrigin(h.incident), [
      { label: 'Facts', text: `${items[n]!.priority ?? 'P?'} · ${items[n]!.status} · score ${items[n]!.score}` },
      { label: 'Title', text: h.incident.head.title },
      { label: `Matched in ${h.field}`, text: h.snippet },
    ]),
  );
  return { text: blocks.join('\n\n'), structured: { notice: DATA_NOTICE, results: items } };
}

export function incidentAnswer(incident: Incident, actions: readonly ActionItem[], markdown: string): Answer {
  return {
    text: recordAsData(incident, markdown),
    structured: {
      id: incident.id,
      provenance: provenance(incidentOrigin(incident)),
      data: {
        ...dataValues(summarizeIncident(incident)),
        timeline: incident.timeline.map((e) => ({ at: e.entry.at, kind: e.entry.kind ?? 'event', milestone: e.entry.milestone, text: dataText(e.entry.text) })),
        actionRecords: actions.map((a) => ({ id: a.id, title: dataValue(a.record.title), status: a.record.status, owner: dataValue(a.record.owner) })),
      },
    },
  };
}

export function similarAnswer(hits: readonly SimilarHit[], about: string): Answer {
  const items = hits.map((h) => ({
    id: h.incident.id,
    priority: h.incident.head.priority,
    status: h.incident.head.status,
    score: Number(h.score.toFixed(3)),
    provenance: provenance(incidentOrigin(h.incident)),
    data: {
      title: dataValue(h.incident.head.title),
      why: dataValue(similarReason(h)),
      rootCause: dataValue(summarizeIncident(h.incident).rootCause),
      lesson: dataValue(h.incident.record.learning?.lesson),
    },
  }));
  if (!items.length) return { text: `No past incident is alike ${about}.`, structured: { notice: DATA_NOTICE, results: [] } };
  const blocks = items.map((i, n) =>
    dataBlock(incidentOrigin(hits[n]!.incident), [
      { label: 'Facts', text: `${i.priority ?? 'P?'} · ${i.status} · score ${i.score}` },
      { label: 'Title', text: hits[n]!.incident.head.title },
      { label: 'Alike in', text: i.data.why },
      { label: 'Root cause', text: i.data.rootCause },
      { label: 'Lesson', text: i.data.lesson },
    ]),
  );
  return {
    text: [`Past incidents alike ${about}, each quoted as data:`, '', blocks.join('\n\n')].join('\n'),
    structured: { notice: DATA_NOTICE, results: items },
  };
}

export function checkDiffAnswer(report: RiskReport, files: readonly string[], base: string): Answer {
  const findings = report.findings.map((f) => ({
    rule: f.rule,
    level: f.level,
    incident: f.incident.id,
    file: flatText(f.file),
    startLine: f.region.startLine,
    endLine: f.region.endLine,
    message: dataValue(f.message),
    fingerprint: fingerprint(f),
  }));
  const lines = [
    `${report.verdict}: ${flatText(report.reasons.join('; '))}`,
    `${files.length} file${files.length === 1 ? '' : 's'} changed since ${flatText(base)}.`,
  ];
  // The findings quote the records (titles, root causes): one data block per incident.
  for (const r of report.incidents) {
    const own = report.findings.filter((f) => f.incident.id === r.incident.id);
    lines.push(
      '',
      dataBlock(incidentOrigin(r.incident), [
        { label: 'Facts', text: `${r.incident.head.priority ?? 'P?'} · ${r.incident.head.status} · changed files: ${r.files.join(', ')}` },
        { label: 'Title', text: r.incident.head.title },
        ...own.map((f) => ({ label: `${f.level} ${f.rule} ${flatText(f.file)}:${f.region.startLine}-${f.region.endLine}`, text: f.message })),
      ]),
    );
  }
  // Records the change itself adds, edits or deletes: the verdict was judged by the base; their text is data too.
  const changes = report.recordChanges ?? [];
  if (changes.length)
    lines.push('', `${changes.length} record${changes.length === 1 ? '' : 's'} changed by this change (the verdict reads them as they are at the base):`);
  for (const c of changes) {
    lines.push(
      '',
      dataBlock(recordOrigin({ id: c.id }, c.file), [
        { label: `${c.level} ${c.rule} ${c.change}${c.weakens ? ' (would relax the check)' : ''}`, text: c.message },
        ...c.details.map((d) => ({ label: 'Change', text: d })),
      ]),
    );
  }
  return {
    text: lines.join('\n'),
    structured: {
      notice: DATA_NOTICE,
      verdict: report.verdict,
      recordChanges: changes.map((c) => ({
        id: c.id,
        change: c.change,
        file: flatText(c.file),
        level: c.level,
        weakens: c.weakens,
        data: { message: dataValue(c.message), details: c.details.map(flatText) },
      })),
      reasons: report.reasons.map(flatText),
      files,
      incidents: report.incidents.map((r) => ({
        id: r.incident.id,
        priority: r.incident.head.priority,
        status: r.incident.head.status,
        provenance: provenance(incidentOrigin(r.incident)),
        data: { title: dataValue(r.incident.head.title) },
        files: r.files,
      })),
      findings,
    },
  };
}
