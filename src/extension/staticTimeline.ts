/**
 * The timeline as static HTML, for Restricted Mode where the webview runs no
 * script: the same view model, every text escaped, read-only. No `vscode`
 * import, so it is unit-tested directly.
 */
import type { TimelineViewModel } from '../core/present/timelineView';

/** Text and double-quoted attribute values (the only quoting used here). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function staticTimelineHtml(model: TimelineViewModel | undefined, notice: string): string {
  const e = escapeHtml;
  if (!model) return `<p class="notice">${e(notice)}</p><p>The incident is no longer in the workspace.</p>`;
  const facts = [
    model.statusLabel,
    `${model.priority} — ${model.priorityDefinition}`,
    model.start && `Started ${model.start}`,
    model.duration && `Duration ${model.duration}`,
  ]
    .filter((x): x is string => !!x)
    .map((x) => `<span>${e(x)}</span>`)
    .join(' · ');
  const figures = model.figures.map((f) => `<li><strong>${e(f.value)}</strong> ${e(f.label)}</li>`).join('');
  const gaps = model.gaps.map((g) => `<li>${e(g)}</li>`).join('');
  const items = model.items
    .map(
      (i) =>
        `${i.dayBefore ? `<li class="day-separator" role="separator">${e(i.dayBefore)}</li>` : ''}<li class="item ${e(i.type)}"><span class="time">${e(i.clock)}</span> <span class="kind">${e(i.milestone ?? i.kind)}</span> ${e(i.text)}${i.author ? ` <span class="author">— ${e(i.author)}</span>` : ''}</li>`,
    )
    .join('');
  const rootCause = model.rootCause.map((r) => `<dt>${e(r.label)}</dt><dd>${e(r.text)}</dd>`).join('');
  const learning = model.learning
    ? `<h2>Learning</h2>${model.learning.lesson ? `<p>${e(model.learning.lesson)}</p>` : ''}${model.learning.promptTemplate ? `<pre>${e(model.learning.promptTemplate)}</pre>` : ''}`
    : '';
  return `<p class="notice">${e(notice)}</p>
<header><h1>${e(model.id)} ${e(model.title)}</h1><p>${facts}</p>${model.runbooks.length ? `<p>${model.runbooks.map((r) => `${e(r.label)}: ${e(r.id)} (${r.steps} steps)`).join(' · ')}</p>` : ''}</header>
${figures ? `<ul class="figures">${figures}</ul>` : ''}
${gaps ? `<h2>What made it long</h2><ul>${gaps}</ul>` : ''}
<h2>Timeline</h2><ol class="static-timeline">${items}</ol>
${rootCause ? `<h2>Root cause</h2><dl>${rootCause}</dl>` : ''}
${model.similar.length ? `<h2>Similar past incidents</h2><ul>${model.similar.map((s) => `<li>${e(s.priority)} ${e(s.id)} ${e(s.title)} — ${e(s.why)}</li>`).join('')}</ul>` : ''}
${learning}`;
}
