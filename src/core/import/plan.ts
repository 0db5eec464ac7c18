/**
 * From drafts to what will be written, without writing: a new record for a
 * source item never imported, or edit operations on the record it became.
 *
 * Re-import is idempotent and never overwrites: a record is matched by its
 * `source` (system and id); fields still empty are filled, timeline entries
 * and communications not yet present are appended, and every value already
 * there stays — edited locally or not. Ids continue the workspace's
 * numbering; the source's own reference stays in `source`.
 *
 * Every new record's text is parsed back before it is planned: an item whose
 * record would not lint clean of errors is skipped with the reason.
 */
import type { EditOp } from '../records/yamlEdit';
import { newRecordText } from '../records/yamlEdit';
import { formatDiagnostic } from '../records/diagnostics';
import { parseRecordText } from '../records/parseRecord';
import type { ActionRecord, IncidentRecord } from '../records/schema';
import type { Draft, DraftAction, ImportSource } from './types';

export type PlanStatus = 'create' | 'update' | 'unchanged' | 'skip';

export interface PlanItem {
  readonly status: PlanStatus;
  readonly kind: 'incident' | 'action';
  readonly label: string;
  readonly where: string;
  readonly source: ImportSource;
  readonly id?: string;
  /** An action record's incident. */
  readonly incident?: string;
  /** Workspace-relative path of the record. */
  readonly file?: string;
  /** create: the new file's text. */
  readonly text?: string;
  /** update: the operations on the existing record (through the one edit path). */
  readonly ops?: EditOp[];
  /** What changes, in words ("timeline: 2 entries appended"), or why it is skipped. */
  readonly changes: string[];
}

export interface ExistingRecords {
  /** `record` is read only for the incidents an import matches (on a big folder, full records are loaded on demand). */
  readonly incidents: ReadonlyArray<{ readonly id: string; readonly file: string; readonly source?: ImportSource; record(): IncidentRecord }>;
  readonly actions: ReadonlyArray<{ readonly id: string; readonly file: string; readonly record: ActionRecord }>;
  /** Every id in use (also of records that do not parse). */
  readonly ids: readonly string[];
}

export interface PlanOptions {
  /** Records folder, e.g. ".incidents". */
  readonly folder: string;
  /** Where action records go, e.g. ".incidents/actions". */
  readonly actionsFolder: string;
}

const sourceKey = (s: ImportSource | undefined) => (s ? `${s.system}\u0000${s.id}` : undefined);

const flat = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : JSON.stringify(v));

/** Lists whose items are appended when missing; the key says when two items are the same. */
const APPENDABLE: Record<string, (item: Record<string, unknown>) => string> = {
  timeline: (e) => `${flat(e.at)}|${flat(e.text)}`,
  'communications.customerNotification': (c) => `${flat(c.at)}|${flat(c.text)}`,
  'communications.teamUpdates': (c) => `${flat(c.at)}|${flat(c.text)}`,
  'communications.statusPage': (c) => `${flat(c.at)}|${flat(c.text)}`,
  keywords: (k) => flat(k),
};

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && !v.trim()) || (Array.isArray(v) && v.length === 0);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Operations that fill what is empty and append what is missing; never a change to a value that is there. */
export function fillOps(existing: unknown, draft: unknown, path: Array<string | number> = []): { ops: EditOp[]; changes: string[] } {
  const ops: EditOp[] = [];
  const changes: string[] = [];
  const name = path.join('.');
  if (isEmpty(draft)) return { ops, changes };
  if (isEmpty(existing)) {
    ops.push({ kind: 'set', path, value: draft });
    changes.push(`${name}: filled`);
    return { ops, changes };
  }
  if (isObject(existing) && isObject(draft)) {
    for (const [k, v] of Object.entries(draft)) {
      const r = fillOps(existing[k], v, [...path, k]);
      ops.push(...r.ops);
      changes.push(...r.changes);
    }
    return { ops, changes };
  }
  const keyOf = APPENDABLE[name];
  if (keyOf && Array.isArray(existing) && Array.isArray(draft)) {
    const have = new Set(existing.map((x) => keyOf(x as Record<string, unknown>)));
    let n = 0;
    for (const item of draft) {
      const k = keyOf(item as Record<string, unknown>);
      if (have.has(k)) continue;
      have.add(k);
      ops.push({ kind: 'append', path, value: item });
      n++;
    }
    if (n) changes.push(`${name}: ${n} ${n === 1 ? 'item' : 'items'} appended`);
  }
  // A value already there stays, whatever the source says now.
  return { ops, changes };
}

function header(draft: { source: ImportSource; notes?: readonly string[] }): string {
  const s = draft.source;
  return [`Imported from ${s.system} (${s.id})${s.url ? ` ${s.url}` : ''} by incident-lens import.`, ...(draft.notes ?? [])].join('\n# ');
}

/** The incident's fields in the record format's order, with its id and source. */
function incidentData(id: string, draft: Draft): Record<string, unknown> {
  const r = draft.record;
  const order = [
    'title',
    'status',
    'priority',
    'start',
    'timeZone',
    'detected',
    'resolution',
    'roles',
    'impact',
    'timeline',
    'actions',
    'communications',
    'rootCause',
    'postmortem',
    'learning',
    'links',
    'commits',
    'keywords',
  ];
  const data: Record<string, unknown> = { id };
  for (const k of order) if (!isEmpty(r[k])) data[k] = r[k];
  for (const [k, v] of Object.entries(r)) if (!(k in data) && !isEmpty(v)) data[k] = v;
  data.source = { ...draft.source };
  return data;
}

function actionData(id: string, incidentId: string, a: DraftAction): Record<string, unknown> {
  const data: Record<string, unknown> = { id, incident: incidentId, title: a.title };
  if (a.owner) data.owner = a.owner;
  if (a.deadline) data.deadline = a.deadline;
  if (a.acceptanceCriteria) data.acceptanceCriteria = a.acceptanceCriteria;
  if (a.term) data.term = a.term;
  data.status = a.status;
  data.source = { ...a.source };
  return data;
}

/** A new file's text, or why it cannot be written (it would not lint clean of errors). */
function checked(file: string, text: string): { text: string } | { error: string } {
  const parsed = parseRecordText(file, text);
  const error = parsed.diagnostics.find((d) => d.severity === 'error');
  return error ? { error: `the record would not be valid: ${formatDiagnostic(error)}` } : { text };
}

/** Plans drafts one at a time; the ids it hands out continue from the workspace's and from each other. */
class Planner {
  private readonly folder: string;
  private readonly actionsFolder: string;
  private readonly bySource: Map<string, ExistingRecords['incidents'][number]>;
  private readonly actionBySource: Map<string, ExistingRecords['actions'][number]>;
  private readonly ids: Set<string>;
  /** The highest incident number in use and its width (INC-041 → 41, 3): next ids in O(1). */
  private maxNumber = 0;
  private width = 3;
  /** Per incident id: the next action number. */
  private readonly nextAction = new Map<string, number>();
  private readonly seen = new Set<string>();

  constructor(existing: ExistingRecords, options: PlanOptions) {
    this.folder = options.folder.replace(/\/+$/, '');
    this.actionsFolder = options.actionsFolder.replace(/\/+$/, '');
    this.bySource = new Map(existing.incidents.filter((i) => i.source).map((i) => [sourceKey(i.source)!, i]));
    this.actionBySource = new Map(existing.actions.filter((a) => a.record.source).map((a) => [sourceKey(a.record.source)!, a]));
    this.ids = new Set(existing.ids.map((i) => i.toUpperCase()));
    for (const id of existing.ids) this.useId(id);
  }

  private useId(id: string): void {
    this.ids.add(id.toUpperCase());
    const inc = /^INC-(\d+)$/i.exec(id);
    if (inc) {
      this.maxNumber = Math.max(this.maxNumber, Number(inc[1]));
      this.width = Math.max(this.width, inc[1]!.length);
    }
    const act = /^ACTION-INC(\d+)-(\d+)$/i.exec(id);
    if (act) {
      const key = `INC-${act[1]}`.toUpperCase();
      this.nextAction.set(key, Math.max(this.nextAction.get(key) ?? 1, Number(act[2]) + 1));
    }
  }

  /** The number after the highest in use, at the workspace's width (as recordOps.nextIncidentId numbers), skipping any taken. */
  private nextIncidentId(): string {
    let n = this.maxNumber + 1;
    while (this.ids.has(`INC-${String(n).padStart(this.width, '0')}`)) n++;
    return `INC-${String(n).padStart(this.width, '0')}`;
  }

  plan(draft: Draft): PlanItem[] {
    const key = sourceKey(draft.source)!;
    const base = { kind: 'incident' as const, label: draft.label, where: draft.where, source: draft.source };
    if (this.seen.has(key))
      return [
        { ...base, status: 'skip', changes: [`the same ${draft.source.system} item (${draft.source.id}) appears twice in this import; the first is used`] },
      ];
    this.seen.add(key);
    const found = this.bySource.get(key);
    const preferred = !found && draft.preferredId && !this.ids.has(draft.preferredId.toUpperCase()) ? draft.preferredId : undefined;
    const incidentId = found?.id ?? preferred ?? this.nextIncidentId();

    // The action records first (their ids go into the postmortem's action plan), committed only with their incident.
    const actions: PlanItem[] = [];
    let n = this.nextAction.get(incidentId.toUpperCase()) ?? 1;
    for (const a of draft.actions) {
      const akey = sourceKey(a.source)!;
      const abase = { kind: 'action' as const, label: `${a.source.id} ${a.title}`, where: draft.where, source: a.source, incident: incidentId };
      if (this.seen.has(akey)) continue;
      this.seen.add(akey);
      const have = this.actionBySource.get(akey);
      if (have) {
        const { ops, changes } = fillOps(have.record, {
          title: a.title,
          owner: a.owner,
          deadline: a.deadline,
          acceptanceCriteria: a.acceptanceCriteria,
          term: a.term,
        });
        actions.push({ ...abase, status: ops.length ? 'update' : 'unchanged', id: have.id, file: have.file, ops, changes });
        continue;
      }
      const id = `ACTION-INC${incidentId.replace(/^INC-/i, '')}-${n}`;
      const file = `${this.actionsFolder}/${id}.yaml`;
      const result = checked(file, newRecordText(actionData(id, incidentId, a), header({ source: a.source })));
      if ('error' in result) {
        actions.push({ ...abase, status: 'skip', changes: [result.error] });
        continue;
      }
      n++;
      actions.push({ ...abase, status: 'create', id, file, text: result.text, changes: [`new action record ${id} of ${incidentId}`] });
    }
    const newActionIds = actions.filter((a) => a.status === 'create').map((a) => a.id!);

    let incident: PlanItem;
    if (found) {
      const { ops, changes } = fillOps(found.record(), draft.record);
      // New action records join the plan of the postmortem they came from.
      const plan = found.record().postmortem?.actionPlan;
      for (const id of newActionIds)
        ops.push(
          plan?.length || ops.some((o) => o.kind === 'append' && o.path.join('.') === 'postmortem.actionPlan')
            ? { kind: 'append', path: ['postmortem', 'actionPlan'], value: id }
            : { kind: 'set', path: ['postmortem', 'actionPlan'], value: [id] },
        );
      if (newActionIds.length) changes.push(`postmortem.actionPlan: ${newActionIds.join(', ')} added`);
      incident = { ...base, status: ops.length ? 'update' : 'unchanged', id: found.id, file: found.file, ops, changes };
    } else {
      const file = `${this.folder}/${incidentId}.yaml`;
      const data = incidentData(incidentId, draft);
      if (newActionIds.length) {
        const pm = { ...((data.postmortem as Record<string, unknown> | undefined) ?? {}) };
        pm.actionPlan = [...((pm.actionPlan as unknown[] | undefined) ?? []), ...newActionIds];
        const { source, ...rest } = data;
        Object.assign(data, { ...rest, postmortem: pm });
        delete data.source;
        data.source = source;
      }
      const result = checked(file, newRecordText(data, header(draft)));
      // An incident that cannot be written takes its action records with it.
      if ('error' in result) return [{ ...base, status: 'skip', changes: [result.error] }];
      incident = { ...base, status: 'create', id: incidentId, file, text: result.text, changes: [`new record ${incidentId}`] };
      this.useId(incidentId);
    }
    for (const id of newActionIds) this.useId(id);
    return [incident, ...actions];
  }
}

export function planImport(drafts: readonly Draft[], existing: ExistingRecords, options: PlanOptions): PlanItem[] {
  const planner = new Planner(existing, options);
  return drafts.flatMap((d) => planner.plan(d));
}

/** The same plan, giving the event loop a turn every few milliseconds (the extension host must not stall on a big export). */
export async function planImportInSlices(
  drafts: readonly Draft[],
  existing: ExistingRecords,
  options: PlanOptions,
  yieldToLoop: () => Promise<void>,
  cancelled?: () => boolean,
): Promise<PlanItem[] | undefined> {
  const planner = new Planner(existing, options);
  const out: PlanItem[] = [];
  let slice = performance.now();
  for (const d of drafts) {
    out.push(...planner.plan(d));
    if (performance.now() - slice > 8) {
      await yieldToLoop();
      if (cancelled?.()) return undefined;
      slice = performance.now();
    }
  }
  return out;
}

export function planSummary(items: readonly PlanItem[]): Record<PlanStatus, number> {
  const out: Record<PlanStatus, number> = { create: 0, update: 0, unchanged: 0, skip: 0 };
  for (const i of items) out[i.status]++;
  return out;
}
