/**
 * Three-way merge of one record, for git's merge driver: responders who log
 * timeline entries and communications from their own clones at the same time
 * must not meet a conflict, nor lose each other's lines.
 *
 * Theirs' changes (base → theirs) are replayed onto ours' text as edits of
 * the one edit path, so ours' comments and formatting stay byte for byte:
 *   - a mapping key changed on one side only takes that change;
 *   - lists are merged by item: items added on either side are all kept
 *     (an item added on both sides once), timed lists (timeline,
 *     communications) in time order; an item edited on one side and untouched
 *     on the other takes the edit; an item deleted on one side and untouched
 *     on the other goes;
 *   - the same value changed differently on both sides is a conflict, written
 *     with git's markers around that field only.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { applyEdits, type EditOp } from './yamlEdit';
import { buildIncident } from './model';
import { incidentSchema, type IncidentRecord } from './schema';
import type { FieldPath } from './yamlPositions';

export interface MergeConflict {
  readonly path: FieldPath;
  readonly ours: unknown;
  readonly theirs: unknown;
}

export type MergeResult =
  | { readonly kind: 'merged'; readonly text: string }
  | { readonly kind: 'conflict'; readonly text: string; readonly conflicts: readonly MergeConflict[] }
  /** The driver cannot merge these texts (not YAML, not a mapping, an edit it cannot make exactly): git's text merge must. */
  | { readonly kind: 'unmergeable'; readonly reason: string };

type Data = unknown;

function isObject(v: Data): v is Record<string, Data> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function equal(a: Data, b: Data): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => equal(a[k], b[k]));
  }
  return false;
}

/** What identifies a list item across versions when its other fields are edited. */
function identity(item: Data): string | undefined {
  if (!isObject(item)) return undefined;
  if (typeof item.sha === 'string') return `sha:${item.sha}`;
  if (typeof item.at === 'string') return `at:${item.at}|${typeof item.author === 'string' ? item.author : typeof item.by === 'string' ? item.by : ''}`;
  if (typeof item.path === 'string') return `path:${item.path}|${typeof item.symbol === 'string' ? item.symbol : ''}`;
  if (typeof item.title === 'string') return `title:${item.title}`;
  if (typeof item.text === 'string') return `text:${item.text}`;
  return undefined;
}

/** Longest common subsequence of equal items: pairs of indexes. */
function lcs(a: readonly Data[], b: readonly Data[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  const t: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) t[i]![j] = equal(a[i], b[j]) ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
  const out: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (equal(a[i], b[j])) {
      out.push([i, j]);
      i++;
      j++;
    } else if (t[i + 1]![j]! >= t[i]![j + 1]!) i++;
    else j++;
  }
  return out;
}

/** How a list changed from base to one side: for each base item, kept (index), edited (index) or deleted; and the items added. */
interface ListChange {
  readonly fate: Array<{ kind: 'kept' | 'edited'; index: number } | { kind: 'deleted' }>;
  readonly added: number[];
}

function listChange(base: readonly Data[], side: readonly Data[]): ListChange {
  const pairs = lcs(base, side);
  const fate: ListChange['fate'] = base.map(() => ({ kind: 'deleted' }));
  const usedSide = new Set<number>();
  for (const [i, j] of pairs) {
    fate[i] = { kind: 'kept', index: j };
    usedSide.add(j);
  }
  // Unmatched base items edited in place: the unmatched side item with the same identity.
  for (let i = 0; i < base.length; i++) {
    if (fate[i]!.kind !== 'deleted') continue;
    const id = identity(base[i]);
    if (id === undefined) continue;
    const j = side.findIndex((s, k) => !usedSide.has(k) && identity(s) === id);
    if (j >= 0) {
      fate[i] = { kind: 'edited', index: j };
      usedSide.add(j);
    }
  }
  const added = side.map((_, j) => j).filter((j) => !usedSide.has(j));
  return { fate, added };
}

interface Plan {
  ops: EditOp[];
  conflicts: MergeConflict[];
}

/** Instants of timed list items, by list path and index, for placing insertions in time order. */
type Times = (path: FieldPath, index: number) => number | undefined;

function mergeValue(path: FieldPath, base: Data, ours: Data, theirs: Data, plan: Plan, oursTimes: Times, theirsTimes: Times): void {
  if (equal(base, theirs) || equal(ours, theirs)) return;
  if (isObject(ours) && isObject(theirs) && (base === undefined || isObject(base))) {
    const b = (base ?? {}) as Record<string, Data>;
    for (const key of new Set([...Object.keys(b), ...Object.keys(theirs)])) {
      const o = ours[key];
      const t = theirs[key];
      if (equal(b[key], t) || equal(o, t)) continue;
      if (t === undefined) {
        if (equal(b[key], o)) plan.ops.push({ kind: 'delete', path: [...path, key] });
        else plan.conflicts.push({ path: [...path, key], ours: o, theirs: t });
        continue;
      }
      if (o === undefined && b[key] === undefined) {
        plan.ops.push({ kind: 'set', path: [...path, key], value: t });
        continue;
      }
      mergeValue([...path, key], b[key], o, t, plan, oursTimes, theirsTimes);
    }
    return;
  }
  if (Array.isArray(ours) && Array.isArray(theirs) && (base === undefined || Array.isArray(base))) {
    mergeList(path, (base ?? []) as Data[], ours, theirs, plan, oursTimes, theirsTimes);
    return;
  }
  if (equal(base, ours)) {
    plan.ops.push(theirs === undefined ? { kind: 'delete', path } : { kind: 'set', path, value: theirs });
    return;
  }
  plan.conflicts.push({ path, ours, theirs });
}

function mergeList(path: FieldPath, base: Data[], ours: Data[], theirs: Data[], plan: Plan, oursTimes: Times, theirsTimes: Times): void {
  const o = listChange(base, ours);
  const t = listChange(base, theirs);
  const removals: number[] = [];
  base.forEach((item, i) => {
    const ot = o.fate[i]!;
    const tt = t.fate[i]!;
    if (tt.kind === 'kept') return;
    if (tt.kind === 'deleted') {
      if (ot.kind === 'kept') removals.push(ot.index);
      else if (ot.kind === 'edited') plan.conflicts.push({ path: [...path, ot.index], ours: ours[ot.index], theirs: undefined });
      return;
    }
    // Edited on theirs.
    if (ot.kind === 'deleted') {
      plan.conflicts.push({ path: [...path, i], ours: undefined, theirs: theirs[tt.index] });
      return;
    }
    mergeValue([...path, ot.index], item, ours[ot.index], theirs[tt.index], plan, oursTimes, theirsTimes);
  });
  // Items theirs added that ours does not already hold (added on both sides: once).
  const added = t.added.filter((j) => !ours.some((x) => equal(x, theirs[j])));
  if (removals.length === 0 && added.length === 0) return;
  // Removals first (from the end, so earlier indexes hold), then insertions in time order.
  const remaining = ours.map((_, k) => k).filter((k) => !removals.includes(k));
  for (const k of [...removals].sort((x, y) => y - x)) plan.ops.push({ kind: 'remove', path, index: k });
  const times = remaining.map((k) => oursTimes(path, k));
  for (const j of added) {
    const at = theirsTimes(path, j);
    // Before the first item later than it; at the end when none is (or it has no time).
    const later = at === undefined ? -1 : times.findIndex((x) => x !== undefined && x > at);
    const index = later >= 0 ? later : times.length;
    plan.ops.push({ kind: 'insert', path, index, value: theirs[j] });
    times.splice(index, 0, at);
  }
}

/** Resolved instants of the timed lists of a record's text (timeline, communications). */
function timesOf(record: IncidentRecord | undefined): Times {
  if (!record) return () => undefined;
  let incident;
  try {
    incident = buildIncident('merge.yaml', record).incident;
  } catch {
    return () => undefined;
  }
  const timeline = incident.timeline;
  const comms = incident.communications;
  return (path, index) => {
    if (path.length === 1 && path[0] === 'timeline') return timeline.find((e) => e.index === index)?.at?.ms;
    if (path.length === 2 && path[0] === 'communications') return comms.find((c) => c.channel === path[1] && c.index === index)?.at?.ms;
    return undefined;
  };
}

const MAX_MERGE_ALIASES = 100;

function parseData(text: string, which: string): { data: Record<string, Data> } | { error: string } {
  const doc = parseDocument(text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'), { prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const before = text.slice(0, e.pos[0]);
    const line = before.split('\n').length;
    const col = e.pos[0] - before.lastIndexOf('\n');
    return { error: `${which} has YAML errors at ${line}:${col}: ${e.message.split('\n')[0]}` };
  }
  if (/^(<{7}|>{7}|={7})( |$)/m.test(text)) return { error: `${which} holds merge-conflict markers` };
  let data: Data;
  try {
    // The same alias cap as reading a record: a billion-laughs file is refused, not expanded.
    data = doc.toJS({ maxAliasCount: MAX_MERGE_ALIASES }) as Data;
  } catch (err) {
    return {
      error: `${which} could not be read as YAML (${/alias/i.test((err as Error).message) ? `more than ${MAX_MERGE_ALIASES} aliases: it looks like an alias bomb` : (err as Error).message.split('\n')[0]})`,
    };
  }
  if (!isObject(data)) return { error: `${which} is not a mapping of fields` };
  return { data };
}

function recordOf(data: Record<string, Data>): IncidentRecord | undefined {
  const r = incidentSchema.safeParse(data);
  return r.success ? r.data : undefined;
}

export function mergeRecord(baseText: string, oursText: string, theirsText: string): MergeResult {
  const base = baseText.trim() === '' ? { data: {} as Record<string, Data> } : parseData(baseText, 'the common ancestor');
  const ours = parseData(oursText, 'ours');
  const theirs = parseData(theirsText, 'theirs');
  for (const p of [base, ours, theirs]) if ('error' in p) return { kind: 'unmergeable', reason: p.error };
  const b = (base as { data: Record<string, Data> }).data;
  const o = (ours as { data: Record<string, Data> }).data;
  const t = (theirs as { data: Record<string, Data> }).data;
  const plan: Plan = { ops: [], conflicts: [] };
  mergeValue([], b, o, t, plan, timesOf(recordOf(o)), timesOf(recordOf(t)));
  let text = oursText;
  // One op at a time: each is computed on the text the previous one left.
  for (const op of plan.ops) {
    const r = applyEdits(text, [op]);
    if (!r.ok) return { kind: 'unmergeable', reason: `cannot apply theirs' change to ${op.path.join('.')} exactly: ${r.error}` };
    text = r.text;
  }
  if (plan.conflicts.length === 0) return { kind: 'merged', text };
  const marked = markConflicts(text, plan.conflicts);
  if (marked === undefined)
    return {
      kind: 'unmergeable',
      reason: `conflicting changes to ${plan.conflicts.map((c) => c.path.join('.')).join(', ')} could not be marked field by field`,
    };
  return { kind: 'conflict', text: marked, conflicts: plan.conflicts };
}

/** Git's markers around each conflicting field: ours' lines as they are, theirs' value rendered in the same place. */
function markConflicts(text: string, conflicts: readonly MergeConflict[]): string | undefined {
  const crlf = text.includes('\r\n');
  let out = text.replace(/\r\n/g, '\n');
  // From the end of the file, so earlier offsets hold.
  const spans: Array<{ start: number; end: number; theirs: string }> = [];
  const doc = parseDocument(out, { prettyErrors: false });
  for (const c of conflicts) {
    const span = fieldSpan(doc, out, c.path);
    if (!span) return undefined;
    let theirs = '';
    if (c.theirs !== undefined) {
      const r = applyEdits(out, [{ kind: 'set', path: c.path, value: c.theirs }]);
      if (r.ok) {
        const d2 = parseDocument(r.text, { prettyErrors: false });
        const s2 = fieldSpan(d2, r.text, c.path);
        theirs = s2 ? r.text.slice(s2.start, s2.end) : '';
      }
      if (!theirs) return undefined;
    }
    spans.push({ ...span, theirs });
  }
  spans.sort((a, b) => b.start - a.start);
  for (const s of spans) {
    const ours = out.slice(s.start, s.end);
    out = `${out.slice(0, s.start)}<<<<<<< ours\n${ours}=======\n${s.theirs}>>>>>>> theirs\n${out.slice(s.end)}`;
  }
  return crlf ? out.replace(/\n/g, '\r\n') : out;
}

/** The whole lines holding a field (its key line through the end of its value). */
function fieldSpan(doc: ReturnType<typeof parseDocument>, text: string, path: FieldPath): { start: number; end: number } | undefined {
  let node = doc.contents as Node | null;
  let pair: Pair | undefined;
  let item: Node | undefined;
  for (const seg of path) {
    if (isMap(node) && typeof seg === 'string') {
      pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg) as Pair | undefined;
      if (!pair) return undefined;
      item = undefined;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof seg === 'number') {
      item = node.items[seg] as Node | undefined;
      if (!item) return undefined;
      pair = undefined;
      node = item;
    } else return undefined;
  }
  const first = pair ? (pair.key as Node).range?.[0] : item?.range ? text.lastIndexOf('-', item.range[0]) : undefined;
  const last = (pair ? ((pair.value as Node | null)?.range ?? (pair.key as Node).range) : item?.range)?.[1];
  if (first === undefined || last === undefined) return undefined;
  const start = text.lastIndexOf('\n', first - 1) + 1;
  if (text.slice(start, first).trim() !== '') return undefined; // a field inside a flow collection
  const eol = text.indexOf('\n', Math.max(start, last - 1));
  return { start, end: eol < 0 ? text.length : eol + 1 };
}
