/**
 * What every Insights chart is made of: theme colours, Observable Plot's SVG
 * with this page's nonce on its <style>, durations as text, the numbers as a
 * table, and the chart's section with its Copy as CSV / Save as SVG buttons.
 */
import * as Plot from '@observablehq/plot';
import { formatDuration, type InsightChart, type InsightsWebviewMessage } from './insightsProtocol';
import { el, icon, type Child } from './dom';

const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? '';

/** A theme colour from VS Code's variables (charts follow light, dark and high contrast). */
export function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

export function colors() {
  return {
    P1: themeColor('--vscode-charts-red', '#f14c4c'),
    P2: themeColor('--vscode-charts-orange', '#d18616'),
    P3: themeColor('--vscode-charts-blue', '#3794ff'),
    P4: themeColor('--vscode-charts-foreground', '#cccccc'),
    /** No priority set (imported, not yet triaged). */
    'P?': themeColor('--vscode-disabledForeground', '#8b8b8b'),
    line: themeColor('--vscode-charts-blue', '#3794ff'),
    alt: themeColor('--vscode-charts-purple', '#b180d7'),
    fg: themeColor('--vscode-foreground', '#cccccc'),
  };
}

/** Plot's SVG, its <style> given the nonce before it reaches the document. */
export function plot(options: Plot.PlotOptions): SVGSVGElement | HTMLElement {
  const c = colors();
  const node = Plot.plot({ style: { background: 'transparent', color: c.fg, fontSize: '12px' }, marginLeft: 48, height: 260, ...options });
  node.querySelectorAll('style').forEach((s) => s.setAttribute('nonce', nonce));
  node.setAttribute('role', 'img');
  return node;
}

/**
 * The time axis over groups (months, weeks…): on a continuous axis of many groups every label would
 * overlap, so at most about a dozen are labelled, evenly spaced from the first.
 */
export function timeAxis(groups: readonly string[], type: 'band' | 'point'): Plot.ScaleOptions {
  const step = Math.ceil(groups.length / 12);
  const ticks = step > 1 ? groups.filter((_, i) => i % step === 0) : undefined;
  return { label: null, type, ...(ticks ? { ticks } : {}) };
}

export function minutes(v: number | undefined): string {
  return v === undefined ? '—' : formatDuration(v);
}

export function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): HTMLElement {
  return el(
    'details',
    { class: 'table' },
    el('summary', {}, 'Numbers as a table'),
    el(
      'table',
      {},
      el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((v, i) => (i === 0 ? el('th', { scope: 'row' }, v) : el('td', {}, v)))))),
    ),
  );
}

/** A chart's section: title, caption saying what it counts and leaves out, the chart, its numbers as a table, Copy as CSV and Save as SVG. */
export function chart(
  id: InsightChart,
  title: string,
  caption: string,
  body: Child[],
  tableEl: HTMLElement,
  post: (message: InsightsWebviewMessage) => void,
): HTMLElement {
  const copy = el('button', { class: 'secondary', 'data-chart': id }, icon('copy'), ' Copy as CSV');
  copy.addEventListener('click', () => post({ type: 'copyCsv', chart: id }));
  const save = el('button', { class: 'secondary', 'data-chart': id }, icon('save'), ' Save as SVG');
  save.addEventListener('click', () => {
    const svg = section.querySelector('svg');
    if (svg) post({ type: 'saveSvg', chart: id, svg: new XMLSerializer().serializeToString(svg) });
  });
  const section = el(
    'section',
    { class: 'chart', id: `chart-${id}`, 'aria-labelledby': `title-${id}` },
    el('h2', { id: `title-${id}` }, title),
    el('p', { class: 'caption' }, caption),
    ...body,
    tableEl,
    el('div', { class: 'chart-actions' }, copy, save),
  );
  return section;
}
