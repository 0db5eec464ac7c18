/**
 * Runs inside the Insights webview: filters, and charts drawn as SVG with
 * Observable Plot (no eval, no inline script; its one <style> element gets
 * this page's nonce). Every chart says what it counts and what it leaves out,
 * and has its numbers as a table behind it (screen readers, keyboard users).
 * Record text reaches the page through textContent only.
 */
import * as Plot from '@observablehq/plot';
import {
  formatDuration,
  type InsightChart,
  type InsightsData,
  type InsightsFilter,
  type InsightsHostMessage,
  type InsightsWebviewMessage,
  type MetricsRow,
} from './insightsProtocol';
import { el, icon, type Child } from './dom';
import { chart as chartOf, colors, minutes, plot, table, timeAxis } from './insightsChartKit';

interface VsCodeApi {
  postMessage(message: InsightsWebviewMessage): void;
  getState(): InsightsFilter | undefined;
  setState(state: InsightsFilter): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
const NO_PRIORITY = 'P?' as const;
const incidents = (n: number) => `${n} incident${n === 1 ? '' : 's'}`;
type Shown = (typeof PRIORITIES)[number] | typeof NO_PRIORITY;
const STATUSES = ['active', 'resolved', 'postmortem-pending', 'closed'] as const;
const FIGURES = [
  ['timeToDetect', 'Time to detect'],
  ['timeToAcknowledge', 'Time to acknowledge'],
  ['timeToMitigate', 'Time to mitigate'],
  ['timeToResolve', 'Time to resolve'],
] as const;

const post = (message: InsightsWebviewMessage): void => vscode.postMessage(message);
const chart = (id: InsightChart, title: string, caption: string, body: Child[], tableEl: HTMLElement): HTMLElement =>
  chartOf(id, title, caption, body, tableEl, post);

let filter: InsightsFilter = vscode.getState() ?? {};
let figure: (typeof FIGURES)[number][0] = 'timeToResolve';
let last: InsightsData | undefined;

function setFilter(next: InsightsFilter): void {
  filter = next;
  vscode.setState(filter);
  vscode.postMessage({ type: 'setFilter', filter });
}

function filters(data: InsightsData): HTMLElement {
  const since = el('input', { type: 'date', id: 'since', value: filter.since ?? '', 'aria-label': 'From (start date)' });
  const until = el('input', { type: 'date', id: 'until', value: filter.until ?? '', 'aria-label': 'Until (not included)' });
  const system = el(
    'select',
    { id: 'system', 'aria-label': 'System' },
    el('option', { value: '' }, 'All systems'),
    ...data.systems.map((s) => el('option', { value: s }, s)),
  );
  system.value = filter.system ?? '';
  const by = el('select', { id: 'by', 'aria-label': 'Group by' }, el('option', { value: 'month' }, 'By month'), el('option', { value: 'week' }, 'By week'));
  by.value = filter.by ?? 'month';
  const boxes = <T extends string>(name: string, values: readonly T[], chosen: readonly T[] | undefined) =>
    el(
      'fieldset',
      { class: 'boxes' },
      el('legend', {}, name),
      ...values.map((v) => {
        const box = el('input', { type: 'checkbox', value: v, id: `${name}-${v}` });
        box.checked = !chosen?.length || chosen.includes(v);
        return el('label', { for: `${name}-${v}` }, box, ` ${v}`);
      }),
    );
  const priorities = boxes('Priority', PRIORITIES, filter.priorities);
  const statuses = boxes('Status', STATUSES, filter.statuses);
  const read = (): InsightsFilter => {
    const checked = <T extends string>(set: HTMLElement, all: readonly T[]) => {
      const on = Array.from(set.querySelectorAll<HTMLInputElement>('input:checked')).map((b) => b.value as T);
      return on.length === all.length ? undefined : on;
    };
    return {
      ...(since.value ? { since: since.value } : {}),
      ...(until.value ? { until: until.value } : {}),
      ...(system.value ? { system: system.value } : {}),
      ...(checked(priorities, PRIORITIES) ? { priorities: checked(priorities, PRIORITIES) } : {}),
      ...(checked(statuses, STATUSES) ? { statuses: checked(statuses, STATUSES) } : {}),
      ...(by.value === 'week' ? { by: 'week' as const } : {}),
    };
  };
  const form = el('form', { class: 'filters', 'aria-label': 'Filters' }, since, el('span', {}, '–'), until, system, by, priorities, statuses);
  form.addEventListener('change', () => setFilter(read()));
  form.addEventListener('submit', (e) => e.preventDefault());
  return form;
}

function incidentsChart(data: InsightsData): HTMLElement {
  const c = colors();
  const rows = data.report.rows;
  // Records without a priority (imported, not yet triaged) are a stack of their own, so a bar is never shorter than its count.
  const unset = (r: (typeof rows)[number]) => r.incidents - PRIORITIES.reduce((n, p) => n + r.byPriority[p], 0);
  const shown: Shown[] = rows.some((r) => unset(r) > 0) ? [...PRIORITIES, NO_PRIORITY] : [...PRIORITIES];
  const countOf = (r: (typeof rows)[number], p: Shown) => (p === NO_PRIORITY ? unset(r) : r.byPriority[p]);
  const flat = rows.flatMap((r) => shown.map((p) => ({ group: r.group, priority: p, count: countOf(r, p) })));
  const svg = rows.length
    ? plot({
        x: timeAxis(
          rows.map((r) => r.group),
          'band',
        ),
        y: { label: 'incidents', grid: true, tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : '') },
        color: { domain: shown, range: shown.map((p) => c[p]), legend: true },
        marks: [
          Plot.barY(flat, {
            x: 'group',
            y: 'count',
            fill: 'priority',
            title: (d: { group: string; priority: string; count: number }) => `${d.group} ${d.priority}: ${d.count}`,
          }),
          Plot.ruleY([0]),
        ],
      })
    : el('p', { class: 'empty' }, 'No incident in this range.');
  const caption = `${incidents(data.report.counted)} counted${data.report.withoutStart ? `; ${data.report.withoutStart} without a readable start left out` : ''}.`;
  return chart(
    'incidents',
    `Incidents per ${data.report.by} by priority`,
    caption,
    [svg],
    table(
      [data.report.by, 'incidents', ...shown],
      rows.map((r) => [r.group, String(r.incidents), ...shown.map((p) => String(countOf(r, p)))]),
    ),
  );
}

function timesChart(data: InsightsData): HTMLElement {
  const c = colors();
  const rows = data.report.rows;
  const pick = el('select', { id: 'figure', 'aria-label': 'Figure' }, ...FIGURES.map(([k, label]) => el('option', { value: k }, label)));
  pick.value = figure;
  pick.addEventListener('change', () => {
    figure = pick.value as typeof figure;
    if (last) render(last);
  });
  const points = rows.flatMap((r: MetricsRow) => {
    const s = r.figures[figure];
    return [
      ...(s.median !== undefined ? [{ group: r.group, stat: 'median', minutes: s.median }] : []),
      ...(s.p90 !== undefined ? [{ group: r.group, stat: 'p90', minutes: s.p90 }] : []),
    ];
  });
  const n = rows.reduce((a, r) => a + r.figures[figure].n, 0);
  const missing = rows.reduce((a, r) => a + r.figures[figure].missing, 0);
  const svg = points.length
    ? plot({
        x: timeAxis(
          rows.map((r) => r.group),
          'point',
        ),
        y: { label: 'minutes', grid: true },
        color: { domain: ['median', 'p90'], range: [c.line, c.alt], legend: true },
        marks: [
          Plot.lineY(points, { x: 'group', y: 'minutes', stroke: 'stat' }),
          Plot.dot(points, {
            x: 'group',
            y: 'minutes',
            fill: 'stat',
            title: (d: { group: string; stat: string; minutes: number }) => `${d.group} ${d.stat}: ${formatDuration(d.minutes)}`,
          }),
          Plot.ruleY([0]),
        ],
      })
    : el('p', { class: 'empty' }, 'No incident here has this milestone.');
  const label = FIGURES.find(([k]) => k === figure)![1];
  return chart(
    'times',
    `${label}: median and p90 per ${data.report.by}`,
    `${incidents(n)} with the figure; ${missing} without the milestone (or with only its date) left out, never counted as zero.`,
    [pick, svg],
    table(
      [data.report.by, 'median', 'p90', 'counted', 'left out'],
      rows.map((r) => [
        r.group,
        minutes(r.figures[figure].median),
        minutes(r.figures[figure].p90),
        String(r.figures[figure].n),
        String(r.figures[figure].missing),
      ]),
    ),
  );
}

function aiChart(data: InsightsData): HTMLElement {
  const c = colors();
  const rows = data.report.rows;
  const svg = rows.length
    ? plot({
        x: timeAxis(
          rows.map((r) => r.group),
          'band',
        ),
        y: { label: 'AI-connected share (%)', domain: [0, 100], grid: true },
        marks: [
          Plot.barY(rows, {
            x: 'group',
            y: (r: MetricsRow) => Math.round(r.ai.share * 100),
            fill: c.alt,
            title: (r: MetricsRow) => `${r.group}: ${r.ai.incidents} of ${r.incidents}`,
          }),
          Plot.ruleY([0]),
        ],
      })
    : el('p', { class: 'empty' }, 'No incident in this range.');
  const ai = rows.reduce((a, r) => a + r.ai.incidents, 0);
  return chart(
    'ai',
    'AI connection: share of incidents, and their time to resolve against the rest',
    `${ai} of ${data.report.counted} incidents marked AI-generated code or AI deploy speed.`,
    [svg],
    table(
      [data.report.by, 'incidents', 'AI-connected', 'share', 'AI: resolve median', 'rest: resolve median'],
      rows.map((r) => [
        r.group,
        String(r.incidents),
        String(r.ai.incidents),
        `${Math.round(r.ai.share * 100)}%`,
        minutes(r.ai.resolveMedian),
        minutes(r.ai.otherResolveMedian),
      ]),
    ),
  );
}

function followUpChart(data: InsightsData): HTMLElement {
  const c = colors();
  const p = data.postmortems;
  const a = data.actions;
  const bars = [
    { what: 'Postmortems complete', n: p.complete, kind: 'postmortem' },
    { what: 'Postmortems owed', n: p.owed - p.overdue, kind: 'postmortem' },
    { what: 'Postmortems overdue', n: p.overdue, kind: 'overdue' },
    { what: 'Actions done', n: a.done, kind: 'action' },
    { what: 'Actions open', n: a.open - a.overdue, kind: 'action' },
    { what: 'Actions overdue', n: a.overdue, kind: 'overdue' },
  ];
  const svg = plot({
    marginLeft: 150,
    x: { label: 'count', grid: true },
    y: { label: null, domain: bars.map((b) => b.what) },
    color: { domain: ['postmortem', 'action', 'overdue'], range: [c.line, c.alt, c.P1] },
    marks: [Plot.barX(bars, { y: 'what', x: 'n', fill: 'kind', title: (b: { what: string; n: number }) => `${b.what}: ${b.n}` }), Plot.ruleX([0])],
  });
  const rate = a.completionRate === undefined ? 'no action records' : `${Math.round(a.completionRate * 100)}% of action records done (dropped ones left out)`;
  return chart(
    'followUp',
    'Postmortems and action items',
    `${p.closed} closed incidents: ${p.complete} postmortems complete, ${p.owed} owed, ${p.overdue} overdue now. ${a.total} action records: ${rate}; ${a.overdue} overdue. When a postmortem was completed is not recorded, so "within 48 h" cannot be counted.`,
    [svg],
    table(
      ['measure', 'count'],
      bars.map((b) => [b.what, String(b.n)]),
    ),
  );
}

function hotspotsChart(data: InsightsData): HTMLElement {
  const c = colors();
  const list = data.hotspots;
  const svg = list.length
    ? plot({
        marginLeft: 220,
        x: { label: 'severity-weighted incidents (P1 8, P2 4, P3 2, P4 1)', grid: true },
        y: { label: null, domain: list.map((h) => h.target), tickFormat: (t: string) => (t.length > 34 ? `…${t.slice(-33)}` : t) },
        color: { domain: [...PRIORITIES, NO_PRIORITY], range: ([...PRIORITIES, NO_PRIORITY] as Shown[]).map((p) => c[p]) },
        marks: [
          Plot.barX(list, {
            y: 'target',
            x: 'score',
            fill: 'worst',
            title: (h: { target: string; incidents: string[] }) => `${h.target}: ${h.incidents.join(', ')}`,
          }),
          Plot.ruleX([0]),
        ],
      })
    : el('p', { class: 'empty' }, 'No code is linked to these incidents.');
  if (list.length) {
    // A click on a bar opens the code; the list below does the same from the keyboard.
    svg.addEventListener('click', (e) => {
      const title = (e.target as Element).closest('rect')?.querySelector('title')?.textContent;
      const h = title ? list.find((x) => title.startsWith(`${x.target}:`)) : undefined;
      if (h) vscode.postMessage({ type: 'openHotspot', target: h.target, kind: h.kind });
    });
  }
  const open = el(
    'ol',
    { class: 'hotspots' },
    ...list.map((h) => {
      const b = el(
        'button',
        { class: 'hotspot', title: `Open ${h.target}` },
        icon(h.kind === 'symbol' ? 'symbol-method' : h.kind === 'folder' ? 'folder' : 'file-code'),
        ` ${h.target}`,
      );
      b.addEventListener('click', () => vscode.postMessage({ type: 'openHotspot', target: h.target, kind: h.kind }));
      const rate =
        h.perThousandLines !== undefined ? ` · ${h.perThousandLines} per 1,000 changed lines` : h.changedLines === 0 ? ' · unchanged for a year' : '';
      return el('li', {}, b, el('span', { class: 'meta' }, ` ${h.score} · ${h.worst} · ${h.incidents.join(', ')}${rate}`));
    }),
  );
  return chart(
    'hotspots',
    'Code hotspots',
    `The ${list.length} files, folders and symbols with the most (and most severe) linked incidents among the ${data.kept} kept.`,
    [svg, open],
    table(
      ['target', 'kind', 'score', 'worst', 'incidents', 'lines changed (1 year)', 'per 1,000 changed lines'],
      list.map((h) => [
        h.target,
        h.kind,
        String(h.score),
        h.worst,
        h.incidents.join(', '),
        h.changedLines === undefined ? '—' : String(h.changedLines),
        h.perThousandLines === undefined ? '—' : String(h.perThousandLines),
      ]),
    ),
  );
}

function render(data: InsightsData): void {
  last = data;
  const focused = document.activeElement?.id;
  root.replaceChildren(
    el('header', {}, el('h1', {}, icon('graph'), ' Insights'), el('p', { class: 'summary' }, `${data.kept} of ${incidents(data.total)} kept by the filters.`)),
    filters(data),
    incidentsChart(data),
    timesChart(data),
    aiChart(data),
    followUpChart(data),
    hotspotsChart(data),
  );
  if (focused) document.getElementById(focused)?.focus();
  // After the browser has laid the charts out: the view's paint, as the host measures it.
  requestAnimationFrame(() => requestAnimationFrame(() => vscode.postMessage({ type: 'painted' })));
}

// A theme change restyles the page; the charts take their colours from it, so they are drawn again.
new MutationObserver(() => {
  if (last) render(last);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

window.addEventListener('message', (event: MessageEvent<InsightsHostMessage>) => {
  const msg = event.data;
  if (msg.type === 'state') render(msg.data);
  else if (msg.type === 'error') root.prepend(el('p', { class: 'error', role: 'alert' }, msg.message));
});

vscode.postMessage({ type: 'ready' });
if (Object.keys(filter).length) vscode.postMessage({ type: 'setFilter', filter });
