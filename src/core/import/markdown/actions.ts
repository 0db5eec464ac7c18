/**
 * Action items: a table (Action Item | Type | Owner | Priority | Status, with
 * DONE/TODO markers), checklists (`- [x]`), plain lists whose items wrap onto
 * more lines, states and levels written as text ("**DONE**:", "(done)",
 * "HIGH"). Sub-items explain an item; they are never actions of their own.
 */
import type { DraftAction, ImportProblem } from '../types';
import { actionMeta } from './actionMeta';
import { inlineText } from './inline';
import type { Block } from './sections';

type MutableAction = { -readonly [K in keyof DraftAction]: DraftAction[K] };

interface Acc {
  readonly actions: DraftAction[];
  readonly planned: Array<Record<string, unknown>>;
  readonly id: string;
  readonly file: string;
  readonly url?: string;
  readonly problems: ImportProblem[];
  term?: 'short' | 'medium' | 'long';
  table?: { title: number; owner: number; status: number; type: number; bug: number; priority: number };
  last?: { planned?: Record<string, unknown>; action?: MutableAction };
}

/**
 * Items whose state the document gives become action records; the others are
 * planned actions of the postmortem (Create Action Records turns them into records).
 */
export function actionItems(
  blocks: Block[],
  file: string,
  url: string | undefined,
  ownExport: boolean,
  problems: ImportProblem[],
): { actions: DraftAction[]; planned: Array<Record<string, unknown>> } {
  const acc: Acc = { actions: [], planned: [], id: file.replace(/^.*[\\/]/, ''), file, ...(url ? { url } : {}), problems };
  const all = blocks.flatMap((b) => b.lines);
  for (let i = 0; i < all.length; i++) {
    const { text: l, line } = all[i]!;
    if (!l.trim()) {
      acc.table = undefined;
      continue;
    }
    if (ownExport) {
      const t = /^\*\*(Short term|Medium term|Long term|Unscheduled)/.exec(l.trim()) ?? /^###\s+(Short term|Medium term|Long term|Unscheduled)/.exec(l.trim());
      if (t) acc.term = t[1] === 'Unscheduled' ? undefined : (t[1]!.split(' ')[0]!.toLowerCase() as 'short');
    }
    if (/^\s*\|/.test(l)) {
      if (tableLine(acc, l, line, all[i + 1]?.text)) i++;
      continue;
    }
    listLine(acc, l);
  }
  return { actions: acc.actions, planned: acc.planned };
}

const sourceOf = (acc: Acc, key: string) => ({ system: 'markdown', id: key, ...(acc.url ? { url: acc.url } : {}) });

/** A table's header (true: the separator row is taken too) or one of its rows. */
function tableLine(acc: Acc, l: string, line: number, next: string | undefined): boolean {
  const cells = l
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
  if (!acc.table) {
    if (!/^\s*\|?\s*:?-{3,}/.test(next ?? '')) return false;
    const find = (re: RegExp) => cells.findIndex((c) => re.test(inlineText(c).toLowerCase()));
    const title = find(/action|item|task|title|what/);
    acc.table = {
      title: title >= 0 ? title : 0,
      owner: find(/owner|assignee|who/),
      status: find(/status|state|done/),
      type: find(/type|kind|category/),
      bug: find(/bug|ticket|issue|ref/),
      priority: find(/priority|prio|severity|level/),
    };
    return true;
  }
  const table = acc.table;
  const cell = (k: number) => (k >= 0 ? inlineText(cells[k] ?? '') : '');
  const state =
    table.status >= 0 && cell(table.status) ? cell(table.status) : (/\*\*(DONE|TODO|DROPPED|IN PROGRESS|FAILED)\*\*/i.exec(cells.join(' '))?.[1] ?? '');
  const title = cell(table.title);
  if (!title) {
    acc.problems.push({ where: `${acc.file}:${line}:1`, message: 'action item row without a title; left out' });
    return false;
  }
  const owner = cell(table.owner) || undefined;
  const bug =
    table.bug >= 0
      ? cell(table.bug)
          .replace(/\s*\b(DONE|TODO|DROPPED|IN PROGRESS)\b\s*/gi, '')
          .trim()
      : '';
  const status = actionStatus(state);
  // The table's other columns have no field of their own: kept in the acceptance criteria, as written.
  const extra = [
    table.priority >= 0 && cell(table.priority) ? `Priority: ${cell(table.priority)}` : '',
    table.type >= 0 && cell(table.type) ? `Type: ${cell(table.type)}` : '',
    state && !status ? `State: ${state}` : '',
    bug && !/^n\/?a$/i.test(bug) ? bug : '',
  ]
    .filter(Boolean)
    .join('; ');
  if (status)
    acc.actions.push({
      source: sourceOf(acc, `${acc.id}#${slug(title)}`),
      title,
      status,
      ...(owner ? { owner } : {}),
      ...(extra ? { acceptanceCriteria: extra } : {}),
    });
  else acc.planned.push({ title, ...(owner ? { owner } : {}), ...(extra ? { acceptanceCriteria: extra } : {}) });
  return false;
}

/** A list item, its wrapped lines, and (our export) its detail lines. */
function listLine(acc: Acc, l: string): void {
  const item = /^(\s*)(?:[-*+]|\d{1,3}[.)])\s+(?:\[([ xX])\]\s+)?(.*)$/.exec(l);
  if (!item && acc.last && /^\s+\S/.test(l) && !/^\s*`{3,}/.test(l)) {
    // A list item that wraps onto the next line: the title goes on.
    const target = (acc.last.action ?? acc.last.planned) as { title: string };
    target.title = `${target.title} ${inlineText(l)}`.trim();
    return;
  }
  if (!item) {
    acc.last = undefined;
    return;
  }
  if (item[1]!.length >= 2 && acc.last) {
    detailLine(acc.last, item[3]!);
    return;
  }
  let title = item[3]!;
  const ref = /^\*\*(ACTION-INC\d+-\d+)\*\*\s+/.exec(title);
  if (ref) title = title.slice(ref[0].length);
  const plannedOnly = / _\(planned, no action record yet\)_$/.test(title);
  title = inlineText(title.replace(/ _\(planned, no action record yet\)_$/, ''));
  // States and levels written as text: "**DONE**: …", "… (DONE)", "[HIGH] …".
  const said = /^(DONE|TODO|DOING|IN PROGRESS|DROPPED)\b:?\s*|\s*\((done|todo|doing|in progress|dropped|wip)\)\.?$/i.exec(title);
  const level = /^\[?(HIGH|MEDIUM|LOW|CRITICAL)\]?:?\s+/.exec(title);
  if (said) title = (said.index === 0 ? title.slice(said[0].length) : title.slice(0, said.index)).trim();
  if (level) title = title.slice(level[0].length).trim();
  if (!title) return;
  // The key stays the item's words as before, pairs and all, so a re-import finds the records it made.
  const key = ref ? ref[1]! : `${acc.id}#${slug(title)}`;
  const meta = actionMeta(title);
  title = meta.title;
  const saidStatus = said ? actionStatus((said[1] ?? said[2]!).replace(/doing|wip/i, 'in progress')) : meta.status ? actionStatus(meta.status) : undefined;
  const priority = level?.[1] ?? meta.priority;
  const extra = {
    ...(acc.term ? { term: acc.term } : {}),
    ...(meta.owner ? { owner: meta.owner } : {}),
    ...(meta.deadline ? { deadline: meta.deadline } : {}),
    ...(priority ? { acceptanceCriteria: `Priority: ${priority}` } : {}),
  };
  const status = plannedOnly ? undefined : item[2] !== undefined ? (item[2] === ' ' ? ('open' as const) : ('done' as const)) : saidStatus;
  if (status) {
    const a: MutableAction = { source: sourceOf(acc, key), title, status, ...extra };
    acc.actions.push(a);
    acc.last = { action: a };
  } else {
    const p: Record<string, unknown> = { title, ...extra };
    acc.planned.push(p);
    acc.last = { planned: p };
  }
}

/** Our export's detail lines under an item: "Owner: … — Deadline: … — Status: …", "Acceptance criteria: …". Other sub-items explain; they are no actions. */
function detailLine(last: NonNullable<Acc['last']>, detail: string): void {
  const target = (last.action ?? last.planned) as Record<string, unknown> | undefined;
  if (!target) return;
  if (/^Acceptance criteria: /.test(detail)) {
    target.acceptanceCriteria = inlineText(detail.slice(21));
    return;
  }
  for (const part of detail.split(' — ')) {
    const kv = /^(Owner|Deadline|Status): (.*)$/.exec(part);
    if (!kv) continue;
    if (kv[1] === 'Status' && last.action) last.action.status = actionStatus(kv[2]!) ?? last.action.status;
    else if (kv[1] !== 'Status') target[kv[1]!.toLowerCase()] = inlineText(kv[2]!);
  }
}

/** A stable key for an item of a document: its words, not its line (lines move when the document is edited). */
export function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

export function actionStatus(s: string): DraftAction['status'] | undefined {
  const v = s.trim().toLowerCase();
  if (/^(done|complete|completed|closed|fixed|resolved)$/.test(v)) return 'done';
  if (/^(todo|open|to do|not started|outstanding|planned)$/.test(v)) return 'open';
  if (/^(in progress|in-progress|doing|started)$/.test(v)) return 'in-progress';
  if (/^(dropped|won't do|wont do|not doing|cancelled|canceled)$/.test(v)) return 'dropped';
  return undefined;
}
