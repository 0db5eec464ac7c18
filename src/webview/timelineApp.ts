/**
 * Runs inside the timeline webview. Renders the view model with DOM APIs and
 * textContent only: incident text is never parsed as HTML.
 */
import { formatDuration, type HostMessage, type TimelineItem, type TimelinePanelState, type TimelineViewModel, type WebviewMessage } from './timelineProtocol';
import { el, icon, type Child } from './dom';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): TimelinePanelState | undefined;
  setState(state: TimelinePanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;
const initial = JSON.parse(document.getElementById('panel-state')!.textContent ?? '{}') as TimelinePanelState;
vscode.setState(initial);

const KIND_ICONS: Record<string, string> = {
  event: 'circle-filled',
  finding: 'search',
  decision: 'law',
  action: 'tools',
  communication: 'comment',
  'action-done': 'pass',
};

function header(m: TimelineViewModel): HTMLElement {
  const facts = el(
    'dl',
    { class: 'facts' },
    ...[
      ['Status', m.statusLabel],
      ['Priority', `${m.priority} — ${m.priorityDefinition}`],
      ['Start', m.start],
      ['Resolution', m.resolution],
      ['Duration', m.duration],
      ...m.roles.map((r) => [r.label, r.name] as const),
    ]
      .filter(([, v]) => v)
      .flatMap(([k, v]) => [el('dt', {}, k!), el('dd', {}, v!)]),
  );
  const runbooks = m.runbooks.map((rb) => {
    const button = el('button', { class: 'runbook', title: `${rb.title} — ${rb.steps} steps` }, icon('book'), ` ${rb.label}: ${rb.id}`);
    button.addEventListener('click', () => vscode.postMessage({ type: 'runRunbook', id: rb.id }));
    return button;
  });
  return el(
    'header',
    {},
    el('h1', {}, el('span', { class: `priority priority-${m.priority.toLowerCase()}` }, m.priority), ' ', el('span', { class: 'id' }, m.id), ' ', m.title),
    facts,
    runbooks.length ? el('nav', { class: 'runbooks', 'aria-label': 'Runbooks' }, ...runbooks) : undefined,
  );
}

function figures(m: TimelineViewModel): HTMLElement | undefined {
  if (!m.figures.length && !m.gaps.length) return undefined;
  return el(
    'section',
    { class: 'figures', 'aria-label': 'Key figures' },
    el(
      'ul',
      { class: 'figure-list' },
      ...m.figures.map((f) => el('li', {}, el('span', { class: 'figure-value' }, f.value), el('span', { class: 'figure-label' }, f.label))),
    ),
    m.gaps.length ? el('ul', { class: 'gaps' }, ...m.gaps.map((g) => el('li', {}, icon('watch'), ' ', g))) : undefined,
  );
}

/** A day separator before the first item of each day of a multi-day timeline. */
function daySeparator(i: TimelineItem): HTMLElement | undefined {
  return i.dayBefore ? el('li', { class: 'day-separator', role: 'separator', 'aria-label': i.dayBefore }, icon('calendar'), ` ${i.dayBefore}`) : undefined;
}

function item(i: TimelineItem): HTMLElement {
  const button = el(
    'button',
    { class: 'entry-button', title: 'Open in the YAML', 'data-path': JSON.stringify(i.path) },
    el('span', { class: 'clock' }, i.clock),
    el('span', { class: `kind kind-${i.kind}` }, icon(i.milestone ? 'star-full' : (KIND_ICONS[i.kind] ?? 'circle-filled'))),
    el('span', { class: 'text' }, i.text),
    el('span', { class: 'meta' }, [i.author, i.milestone && `milestone: ${i.milestone}`, i.type !== 'entry' ? i.type : undefined].filter(Boolean).join(' · ')),
  );
  button.addEventListener('click', () => vscode.postMessage({ type: 'openEntry', path: i.path }));
  return el(
    'li',
    { class: `item item-${i.type}${i.milestone ? ' milestone' : ''}` },
    i.gapBefore ? el('div', { class: 'gap' }, icon('debug-pause'), ` ${formatDuration(i.gapBefore)} without an entry`) : undefined,
    button,
  );
}

function addEntryForm(): HTMLElement {
  const kind = el(
    'select',
    { id: 'entry-kind', 'aria-label': 'Kind' },
    ...['event', 'finding', 'decision', 'action', 'communication'].map((k) => el('option', { value: k }, k)),
  );
  const milestone = el(
    'select',
    { id: 'entry-milestone', 'aria-label': 'Milestone' },
    el('option', { value: '' }, 'no milestone'),
    ...['detected', 'acknowledged', 'mitigated', 'resolved'].map((k) => el('option', { value: k }, k)),
  );
  const text = el('input', { id: 'entry-text', type: 'text', placeholder: 'What happened, was found or decided — who, what', 'aria-label': 'Entry text' });
  const submit = el('button', { type: 'submit', class: 'primary' }, icon('add'), ' Log entry');
  const form = el('form', { class: 'add-entry', 'aria-label': 'Log a timeline entry' }, kind, text, milestone, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!text.value.trim()) return;
    // The host validates every message; the cast only names the shape.
    vscode.postMessage({ type: 'addEntry', kind: kind.value, text: text.value, milestone: milestone.value || undefined } as WebviewMessage);
    submit.disabled = true;
  });
  return form;
}

/** "Has something like this gone wrong before?": past incidents alike in cause, each opening its timeline. */
function similar(m: TimelineViewModel): HTMLElement | undefined {
  if (!m.similar.length) return undefined;
  const items = m.similar.map((s) => {
    const b = el(
      'button',
      { class: 'similar-incident', title: s.lesson ? `Lesson: ${s.lesson}` : `Open ${s.id}` },
      el('span', { class: `priority priority-${s.priority.toLowerCase()}` }, s.priority),
      ` ${s.id} ${s.title}`,
    );
    b.addEventListener('click', () => vscode.postMessage({ type: 'openIncident', id: s.id }));
    return el('li', {}, b, el('span', { class: 'meta' }, `${s.status} · ${s.why}`));
  });
  return el(
    'section',
    { class: 'similar', 'aria-label': 'Similar past incidents' },
    el('h2', {}, icon('references'), ' Similar past incidents'),
    el('ul', { class: 'similar-list' }, ...items),
  );
}

function closing(m: TimelineViewModel): HTMLElement {
  const parts: Child[] = [];
  const cause = m.rootCause.filter((r) => r.label !== 'Commits');
  if (cause.length)
    parts.push(
      el('section', {}, el('h2', {}, icon('search'), ' Root cause'), el('dl', {}, ...cause.flatMap((r) => [el('dt', {}, r.label), el('dd', {}, r.text)]))),
    );
  // Commits open their change; suggestions from git history are one click away.
  const commits = m.commits.map((c) => {
    const b = el('button', { class: 'commit', title: 'Show the change' }, icon('git-commit'), ` ${c.text}`);
    b.addEventListener('click', () => vscode.postMessage({ type: 'openCommit', sha: c.sha }));
    return el('li', {}, b);
  });
  const suggest = el('button', { class: 'secondary', id: 'suggest-links' }, icon('git-compare'), ' Suggest code links from git history…');
  suggest.addEventListener('click', () => vscode.postMessage({ type: 'suggestCodeLinks' }));
  parts.push(el('section', {}, el('h2', {}, icon('git-commit'), ' Commits'), commits.length ? el('ul', { class: 'commits' }, ...commits) : undefined, suggest));
  const pm = m.postmortem;
  parts.push(
    el(
      'section',
      {},
      el('h2', {}, icon('notebook'), ' Postmortem'),
      el(
        'p',
        { class: pm.overdue ? 'overdue' : '' },
        [pm.status, pm.owner && `owner ${pm.owner}`, pm.due && `${pm.overdue ? 'overdue since' : 'due'} ${pm.due}`].filter(Boolean).join(' · '),
      ),
      pm.summary ? el('p', {}, pm.summary) : undefined,
      pm.actions.length
        ? el(
            'ul',
            { class: 'actions' },
            ...pm.actions.map((a) =>
              el(
                'li',
                {},
                icon(a.status === 'done' ? 'pass' : 'circle-large-outline'),
                ` ${a.id} ${a.title}`,
                el('span', { class: 'meta' }, [a.owner, a.deadline, a.status].filter(Boolean).join(' · ')),
              ),
            ),
          )
        : undefined,
    ),
  );
  if (m.learning?.lesson || m.learning?.promptTemplate) {
    const copy = el('button', { class: 'secondary', id: 'copy-prompt' }, icon('copy'), ' Copy prompt template');
    copy.addEventListener('click', () => vscode.postMessage({ type: 'copyPromptTemplate' }));
    parts.push(
      el(
        'section',
        {},
        el('h2', {}, icon('lightbulb'), ' Learning'),
        m.learning.lesson ? el('p', {}, m.learning.lesson) : undefined,
        m.learning.promptTemplate ? el('pre', { class: 'prompt' }, m.learning.promptTemplate) : undefined,
        m.learning.promptTemplate ? copy : undefined,
      ),
    );
  }
  return el('footer', {}, ...parts);
}

function render(m: TimelineViewModel): void {
  // Keep the focus where the user had it, but only while they are in this view: a re-render
  // (the record changed on disk) must never pull the focus out of the command palette or an editor.
  const focused = document.hasFocus() ? document.activeElement?.id : undefined;
  const draft = (document.getElementById('entry-text') as HTMLInputElement | null)?.value ?? '';
  root.replaceChildren(
    header(m),
    figures(m) ?? '',
    // While the incident runs, what went wrong like this before is worth seeing first.
    m.status === 'active' ? (similar(m) ?? '') : '',
    el(
      'section',
      { class: 'timeline', 'aria-label': 'Timeline' },
      el('h2', {}, icon('history'), ` Timeline (${m.items.length})`),
      addEntryForm(),
      el('ol', { class: 'items' }, ...m.items.flatMap((i) => [daySeparator(i), item(i)])),
    ),
    m.status === 'active' ? '' : (similar(m) ?? ''),
    closing(m),
  );
  const input = document.getElementById('entry-text') as HTMLInputElement | null;
  if (input) input.value = draft;
  if (focused) document.getElementById(focused)?.focus();
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const msg = event.data;
  if (msg.type === 'state') render(msg.model);
  else if (msg.type === 'entryAdded') {
    const input = document.getElementById('entry-text') as HTMLInputElement | null;
    if (input) input.value = '';
  } else if (msg.type === 'error') {
    const submit = document.querySelector<HTMLButtonElement>('.add-entry button[type=submit]');
    if (submit) submit.disabled = false;
  }
});

vscode.postMessage({ type: 'ready' });
