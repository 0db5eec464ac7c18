import { strict as assert } from 'node:assert';
import { timelineViewModel } from '../../../../src/core/present/timelineView';
import { staticTimelineHtml } from '../../../../src/extension/staticTimeline';
import { webviewMessageSchema } from '../../../../src/webview/timelineProtocol';
import { join } from 'node:path';
import { IncidentIndex } from '../../../../src/core/index/incidentIndex';
import { NodeFileAccess } from '../../../../src/node/nodeFileAccess';
import { REPO_ROOT, TempWorkspace } from '../../../support/workspace';

describe('timeline view model', () => {
  let ws: TempWorkspace;
  before(() => (ws = new TempWorkspace(true)));
  after(() => ws.dispose());

  it('tells INC-023 as a story: header, figures, gaps, one time axis', async () => {
    const index = await ws.index();
    const m = timelineViewModel(index.incident('INC-023')!, index.actionRecordsOf('INC-023'), Date.parse('2026-01-01T00:00:00Z'));
    assert.equal(m.title, 'Payment page 500 error');
    assert.equal(m.priorityDefinition, 'Full outage, all users affected');
    assert.equal(m.start, '2025-03-18 14:37');
    assert.equal(m.resolution, '2025-03-18 16:52');
    assert.equal(m.duration, '2h 15m');
    assert.deepEqual(
      m.roles.map((r) => `${r.label}: ${r.name}`),
      ['Incident lead: Ali', 'Comms owner: Zeynep', 'Technical lead: Ali', 'On-call: Mehmet'],
    );
    assert.deepEqual(
      m.figures.map((f) => `${f.label} ${f.value}`),
      ['Duration 2h 15m', 'Time to detect 0m', 'Time to acknowledge 2m', 'Time to mitigate 34m', 'Time to resolve 2h 15m'],
    );
    assert.deepEqual(m.gaps, [
      'Acknowledged 2m after detection (14:39).',
      'First decision at 15:02 came 7m after the last finding (14:55).',
      '20m from the first finding (14:42) to that decision.',
      'Mitigated at 15:11; 1h 41m more until resolved.',
      '1h 20m without an entry before 16:40.',
    ]);
    // 14 entries + 7 completed actions + 5 communications, in time order.
    assert.equal(m.items.length, 26);
    assert.deepEqual(
      m.items.slice(0, 4).map((i) => `${i.clock} ${i.type}`),
      ['14:37 entry', '14:39 entry', '14:39 action', '14:40 action'],
    );
    assert.deepEqual(
      m.items.filter((i) => i.milestone).map((i) => `${i.clock} ${i.milestone}`),
      ['14:37 detected', '14:39 acknowledged', '15:11 mitigated', '16:52 resolved'],
    );
    assert.deepEqual(m.items.find((i) => i.gapBefore)?.path, ['timeline', 11]);
    assert.equal(m.postmortem.status, 'complete');
    assert.deepEqual(
      m.postmortem.actions.map((a) => `${a.id} ${a.status}`),
      ['ACTION-INC023-1 done', 'ACTION-INC023-2 done', 'ACTION-INC023-3 in-progress', 'ACTION-INC023-4 open'],
    );
    assert.match(m.learning!.promptTemplate!, /^When writing \[service\] integration/);
  });
});

describe('webview protocol', () => {
  it('accepts the messages the webview sends and rejects anything else', () => {
    assert.ok(webviewMessageSchema.safeParse({ type: 'addEntry', kind: 'decision', text: 'Roll back' }).success);
    assert.ok(webviewMessageSchema.safeParse({ type: 'openEntry', path: ['timeline', 3] }).success);
    assert.ok(webviewMessageSchema.safeParse({ type: 'runRunbook', id: 'RB-payments-rollback' }).success);
    for (const bad of [
      { type: 'addEntry', kind: 'rm -rf', text: 'x' },
      { type: 'addEntry', kind: 'event', text: '   ' },
      { type: 'openEntry', path: ['timeline', -1] },
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'openEntry', path: '__proto__' },
      { type: 'runRunbook', id: 'RB-x; rm -rf /' },
      { type: 'runRunbook', id: 'INC-023' },
      'ready',
      null,
    ]) {
      assert.equal(webviewMessageSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });
});

describe('static timeline (Restricted Mode, no script)', () => {
  let ws: TempWorkspace;
  before(() => (ws = new TempWorkspace(true)));
  after(() => ws.dispose());

  it('renders the story read-only with every text escaped', async () => {
    const index = await ws.index();
    const m = timelineViewModel(index.incident('INC-023')!, index.actionRecordsOf('INC-023'), Date.parse('2026-01-01T00:00:00Z'));
    const hostile = {
      ...m,
      title: '<img src=x onerror=alert(1)>',
      items: [{ ...m.items[0]!, text: '<script>alert(1)</script> & [x](command:evil)' }, ...m.items.slice(1)],
    };
    const html = staticTimelineHtml(hostile, 'Restricted Mode: read-only.');
    assert.ok(!/<img|<script/i.test(html), 'no element from record text');
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; \[x\]\(command:evil\)/);
    assert.match(html, /Restricted Mode: read-only\./);
    assert.match(html, /First decision at 15:02 came 7m after the last finding/);
    assert.equal((html.match(/<li class="item /g) ?? []).length, 26);
  });
});

describe('timeline of a multi-day incident', () => {
  it('marks where each day begins, and dates the gaps (GitHub 2018, 24h 11m)', async () => {
    const index = new IncidentIndex(new NodeFileAccess(join(REPO_ROOT, 'test', 'fixtures', 'real-postmortems')), {});
    await index.load();
    const github = index.incidents().find((i) => i.file.endsWith('INC-102.yaml'))!;
    const model = timelineViewModel(github, [], Date.parse('2026-11-26T10:30:00Z'));
    assert.deepEqual(
      model.items.filter((i) => i.dayBefore).map((i) => i.dayBefore),
      ['2018-10-21', '2018-10-22'],
    );
    assert.equal(model.items[0]!.dayBefore, '2018-10-21');
    for (const g of model.gaps.filter((x) => x.includes('without an entry'))) assert.match(g, /before 2018-10-2\d \d\d:\d\d\.$/);
    const ws = new TempWorkspace(true);
    try {
      const inc023 = timelineViewModel((await ws.index()).incident('INC-023')!, [], Date.now());
      assert.ok(
        inc023.items.every((i) => !i.dayBefore),
        'a one-day incident has no separators',
      );
    } finally {
      ws.dispose();
    }
  });
});
