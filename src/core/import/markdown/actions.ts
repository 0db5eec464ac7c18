/**
 * Action items: a table (Action Item | Type | Owner | Priority | Status, with
 * DONE/TODO markers), checklists (`- [x]`), plain lists whose items wrap onto
 * more lines, states and levels written as text ("**DONE**:", "(done)",
 * "HIGH"). Sub-items explain an item; they are never actions of their own.
 */
import type { DraftAction, ImportProblem } from '../types';
import { inlineText } from './inline';
import type { Block } from './sections';

/**
 * Action items: a table (Action Item | Type | Owner | Bug, with DONE/TODO
 * markers), checklists (`- [x]`), or plain lists. Items whose state the
 * document gives become action records; the others are planned actions of
 * the postmortem (Create Action Records turns them into records).
 */
export function actionItems(blocks: Block[], file: string, url: string | undefined, ownExport: boolean, problems: ImportProblem[]): { actions: DraftAction[]; planned: Array<Record<string, unknown>> } {
  const actions: DraftAction[] = [];
  const planned: Array<Record<string, unknown>> = [];
  const id = file.replace(/^.*[\\/]/, '');
  const all = blocks.flatMap((b) => b.lines);
  let table: { title: number; owner: number; status: number; type: number; bug: number; priority: number } | undefined;
  let term: 'short' | 'medium' | 'long' | undefined;
  let last: { planned?: Record<string, unknown>; action?: { -readonly [K in keyof DraftAction]: DraftAction[K] } } | undefined;
  for (let i = 0; i < all.length; i++) {
    const { text: l, line } = all[i]!;
    if (!l.trim()) {
      table = undefined;
      continue;
    }
    if (ownExport) {
      const t = /^\*\*(Short term|Medium term|Long term|Unscheduled)/.exec(l.trim()) ?? /^###\s+(Short term|Medium term|Long term|Unscheduled)/.exec(l.trim());
      if (t) term = t[1] === 'Unscheduled' ? undefined : (t[1]!.split(' ')[0]!.toLowerCase() as 'short');
    }
    if (/^\s*\|/.test(l)) {
      const cells = l.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((c) => c.trim());
      if (!table) {
        if (/^\s*\|?\s*:?-{3,}/.test(all[i + 1]?.text ?? '')) {
          const find = (re: RegExp) => cells.findIndex((c) => re.test(inlineText(c).toLowerCase()));
          const title = find(/action|item|task|title|what/);
          table = { title: title >= 0 ? title : 0, owner: find(/owner|assignee|who/), status: find(/status|state|done/), type: find(/type|kind|category/), bug: find(/bug|ticket|issue|ref/), priority: find(/priority|prio|severity|level/) };
          i++;
        }
        continue;
      }
      const cell = (k: number) => (k >= 0 ? inlineText(cells[k] ?? '') : '');
      const raw = cells.join(' ');
      const state = table.status >= 0 && cell(table.status) ? cell(table.status) : (/\*\*(DONE|TODO|DROPPED|IN PROGRESS|FAILED)\*\*/i.exec(raw)?.[1] ?? '');
      const title = cell(table.title);
      if (!title) {
        problems.push({ where: `${file}:${line}:1`, message: 'action item row without a title; left out' });
        continue;
      }
      const owner = cell(table.owner) || undefined;
      const bug = table.bug >= 0 ? cell(table.bug).replace(/\s*\b(DONE|TODO|DROPPED|IN PROGRESS)\b\s*/gi, '').trim() : '';
      const status = actionStatus(state);
      // The table's other columns have no field of their own: kept in the acceptance criteria, as written.
      const extra = [table.priority >= 0 && cell(table.priority) ? `Priority: ${cell(table.priority)}` : '', table.type >= 0 && cell(table.type) ? `Type: ${cell(table.type)}` : '', state && !actionStatus(state) ? `State: ${state}` : '', bug && !/^n\/?a$/i.test(bug) ? bug : ''].filter(Boolean).join('; ');
      if (status) actions.push({ source: { system: 'markdown', id: `${id}#${slug(title)}`, ...(url ? { url } : {}) }, title, status, ...(owner ? { owner } : {}), ...(extra ? { acceptanceCriteria: extra } : {}) });
      else planned.push({ title, ...(owner ? { owner } : {}) });
      continue;
    }
    const item = /^(\s*)(?:[-*+]|\d{1,3}[.)])\s+(?:\[([ xX])\]\s+)?(.*)$/.exec(l);
    if (!item && last && /^\s+\S/.test(l) && !/^\s*\|/.test(l) && !/^\s*`{3,}/.test(l)) {
      // A list item that wraps onto the next line: the title goes on.
      const target = (last.action ?? last.planned) as { title: string };
      target.title = `${target.title} ${inlineText(l)}`.trim();
      continue;
    }
    if (!item) last = undefined;
    if (item && item[1]!.length >= 2 && last) {
      // Our export's detail lines under an item: "Owner: … — Deadline: … — Status: …", "Acceptance criteria: …".
      const detail = item[3]!;
      const target = last.action ?? last.planned;
      if (/^Acceptance criteria: /.test(detail)) {
        if (target) (target as Record<string, unknown>).acceptanceCriteria = inlineText(detail.slice(21));
        continue;
      }
      for (const part of detail.split(' — ')) {
        const kv = /^(Owner|Deadline|Status): (.*)$/.exec(part);
        if (!kv || !target) continue;
        if (kv[1] === 'Status' && last.action) last.action.status = actionStatus(kv[2]!) ?? last.action.status;
        else if (kv[1] !== 'Status') (target as Record<string, unknown>)[kv[1]!.toLowerCase()] = inlineText(kv[2]!);
      }
      continue;
    }
    if (item) {
      let title = item[3]!;
      const ref = /^\*\*(ACTION-INC\d+-\d+)\*\*\s+/.exec(title);
      if (ref) title = title.slice(ref[0].length);
      const plannedOnly = / _\(planned, no action record yet\)_$/.test(title);
      title = inlineText(title.replace(/ _\(planned, no action record yet\)_$/, ''));
      if (!title) continue;
      // States and levels written as text: "**DONE**: …", "… (DONE)", "[HIGH] …".
      const said = /^(DONE|TODO|DOING|IN PROGRESS|DROPPED)\b:?\s*|\s*\((done|todo|doing|in progress|dropped|wip)\)\.?$/i.exec(title);
      const level = /^\[?(HIGH|MEDIUM|LOW|CRITICAL)\]?:?\s+/.exec(title);
      if (said) title = (said.index === 0 ? title.slice(said[0].length) : title.slice(0, said.index)).trim();
      if (level) title = title.slice(level[0].length).trim();
      const saidStatus = said ? actionStatus((said[1] ?? said[2]!).replace('doing', 'in progress').replace('wip', 'in progress')) : undefined;
      if (!title) continue;
      if (saidStatus && item[2] === undefined && !plannedOnly) {
        const a = { source: { system: 'markdown', id: `${id}#${slug(title)}`, ...(url ? { url } : {}) }, title, status: saidStatus, ...(term ? { term } : {}), ...(level ? { acceptanceCriteria: `Priority: ${level[1]}` } : {}) };
        actions.push(a);
        last = { action: a };
        continue;
      }
      if (item[2] !== undefined && !plannedOnly) {
        const a = { source: { system: 'markdown', id: ref ? ref[1]! : `${id}#${slug(title)}`, ...(url ? { url } : {}) }, title, status: item[2] === ' ' ? ('open' as const) : ('done' as const), ...(term ? { term } : {}) };
        actions.push(a);
        last = { action: a };
      } else {
        const p: Record<string, unknown> = { title, ...(term ? { term } : {}), ...(level ? { acceptanceCriteria: `Priority: ${level[1]}` } : {}) };
        planned.push(p);
        last = { planned: p };
      }
    }
  }
  return { actions, planned };
}

/** A stable key for an item of a document: its words, not its line (lines move when the document is edited). */
export function slug(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60);
}

export function actionStatus(s: string): DraftAction['status'] | undefined {
  const v = s.trim().toLowerCase();
  if (/^(done|complete|completed|closed|fixed|resolved)$/.test(v)) return 'done';
  if (/^(todo|open|to do|not started|outstanding|planned)$/.test(v)) return 'open';
  if (/^(in progress|in-progress|doing|started)$/.test(v)) return 'in-progress';
  if (/^(dropped|won't do|wont do|not doing|cancelled|canceled)$/.test(v)) return 'dropped';
  return undefined;
}
